"""Every cooperation page does as many SQL queries with 200 rows as with one."""

import datetime
import decimal

import pytest
from django.urls import reverse

from tests.factories import (
    indexed_once,
    make_agreement,
    make_article,
    make_body,
    make_country,
    make_delegation,
    make_domain,
    make_event,
    make_image,
    make_meeting,
    make_member,
    make_office,
    make_partnership,
    make_person,
    make_signatory,
)
from tests.queries import queries_per_page

pytestmark = pytest.mark.django_db


class World:
    """A central row of each kind, and `add(n)` more rows around every one of them."""

    def __init__(self):
        self.country = make_country("ZZ", "Zanzibarie")
        self.body = make_body(
            "Zanzibar centre",
            self.country,
            latitude=decimal.Decimal("1.5"),
            longitude=2,
            lead_image=make_image(),
        )
        self.domain = make_domain("Zanzibar domaine")
        self.person = make_person("Zanzibar personne")
        self.event = make_event("Zanzibar congrès")
        self.partnership = make_partnership(
            self.body, make_body(country=self.country), name="Zanzibar centre", lead_image=make_image()
        )
        self.agreement = make_agreement(self.partnership, signed_on=datetime.date(2024, 5, 24))
        self.delegation = make_delegation(sending_body=self.body, partnership=self.partnership)

    def add(self, count):
        for _ in range(count):
            body = make_body("Zanzibar ville", self.country, latitude=decimal.Decimal("3.5"), longitude=4)
            person = make_person("Zanzibar membre")
            office = make_office(person, body)
            make_office(self.person, body)
            make_office(person, self.body)
            other = make_partnership(
                self.body,
                body,
                name="Zanzibar partenariat",
                domains=[self.domain, make_domain()],
                tags=["zz"],
            )
            other.tags.add(f"zz-{other.pk}")
            other_agreement = make_agreement(
                other,
                event=self.event,
                signed_on=datetime.date(2024, 1, 1),
                domains=[(self.domain, "détail")],
            )
            make_signatory(other_agreement, self.person, on_behalf_of=self.body)
            agreement = make_agreement(self.partnership, domains=[make_domain()], renews=self.agreement)
            make_signatory(agreement, person, on_behalf_of=self.body, office=office)
            make_signatory(self.agreement, person, on_behalf_of=self.body, office=office)
            self.agreement.domain_links.create(domain=make_domain(), detail="précision")
            delegation = make_delegation(
                sending_body=self.body, host_body=body, partnership=self.partnership, leader=self.person
            )
            delegation.events.add(self.event, make_event())
            make_delegation(sending_body=body, host_body=self.body)
            make_member(delegation, person=self.person)
            make_member(self.delegation, person=person, office=office)
            make_member(self.delegation, body=body)
            make_meeting(self.delegation, person=person, offices=[office])
            make_meeting(delegation, person=self.person)
            self.delegation.events.add(make_event())
            make_article(
                "Zanzibar actualité",
                partnerships=[self.partnership, other],
                agreements=[self.agreement],
                delegations=[self.delegation],
                bodies=[self.body],
                domains=[self.domain],
                people=[self.person],
                events=[self.event],
            )

    def urls(self):
        filtered = f"pays={self.country.slug}&domaine={self.domain.slug}&mot_cle=zz&annee=2025&statut=active"
        return [
            reverse("cooperation:partnership-list"),
            reverse("cooperation:partnership-list") + "?q=zanzibar",
            reverse("cooperation:partnership-list") + f"?{filtered}&tri=recent&acteur={self.body.slug}",
            self.partnership.get_absolute_url(),
            self.agreement.get_absolute_url(),
            reverse("cooperation:delegation-list"),
            self.delegation.get_absolute_url(),
            self.body.get_absolute_url(),
            self.country.get_absolute_url(),
            self.domain.get_absolute_url(),
            self.person.get_absolute_url(),
            self.event.get_absolute_url(),
            reverse("cooperation:search") + "?q=zanzibar",
            reverse("cooperation:open-data"),
            reverse("cooperation:partnerships-csv") + f"?{filtered}",
            reverse("cooperation:partnerships-json") + "?q=zanzibar",
            reverse("cooperation:bodies-geojson"),
            reverse("cooperation:bodies-geojson") + f"?{filtered}",
            reverse("cooperation:partners-geojson") + f"?de={self.body.slug}",
            reverse("cooperation:partners-geojson") + f"?de={self.body.slug}&{filtered}",
            reverse("cooperation:map"),
            reverse("cooperation:map") + f"?{filtered}",
        ]


def built(count):
    with indexed_once():
        world = World()
    grow(world, count)
    return world


def grow(world, count):
    for _ in range(count):
        with indexed_once():  # one group of rows at a time, as one admin save would index them
            world.add(1)


def test_each_page_does_the_same_number_of_queries_with_1_and_200_rows(client):
    world = built(1)
    urls = world.urls()
    with_one = queries_per_page(client, urls)
    grow(world, 199)
    with_many = queries_per_page(client, urls)
    assert with_many == with_one


def test_the_rows_really_grew(client):
    """Guard against a world whose pages would not show the rows added (a vacuous test above)."""
    world = built(3)
    content = client.get(world.partnership.get_absolute_url()).content.decode()
    assert content.count('class="timeline-entry timeline-agreement"') == 4
    assert content.count('class="timeline-entry timeline-delegation"') == 4
    assert content.count('class="timeline-entry timeline-article"') == 3
    content = client.get(world.person.get_absolute_url()).content.decode()
    assert content.count("Zanzibar partenariat") == 3
    content = client.get(world.delegation.get_absolute_url()).content.decode()
    assert content.count("Zanzibar membre") == 6  # Three members, three meetings.
    response = client.get(reverse("cooperation:partnership-list") + "?q=zanzibar")
    assert "4 partenariats" in response.content.decode()
    partners = client.get(reverse("cooperation:partners-geojson") + f"?de={world.body.slug}").json()
    assert len(partners["features"]) == 3  # The three located towns.


def test_the_filtered_urls_find_rows(client):
    world = built(2)
    searched, filtered, csv_url = world.urls()[1], world.urls()[2], world.urls()[14]
    assert "<h1>3 partenariats</h1>" in client.get(searched).content.decode()
    assert "<h1>2 partenariats</h1>" in client.get(filtered).content.decode()
    assert len(client.get(csv_url).getvalue().decode().strip().splitlines()) == 1 + 2
