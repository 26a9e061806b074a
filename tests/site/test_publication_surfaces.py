"""A draft, scheduled or withdrawn row of any public model shows on no public surface (pages,
lists, search, facets, feeds, sitemap, open data, newsletter), and no page links to it; published,
or once its time has come, it does."""

import datetime
import decimal
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from cooperation.models import Party
from core.models import Publication
from newsletter.models import Edition
from tests.factories import (
    make_agreement,
    make_article,
    make_body,
    make_country,
    make_delegation,
    make_domain,
    make_event,
    make_office,
    make_partnership,
    make_person,
    make_signatory,
)

pytestmark = pytest.mark.django_db

MARKERS = {"draft": "Brouillonzz", "scheduled": "Programmezz", "withdrawn": "Retirezz"}
IN_AN_HOUR = datetime.timedelta(hours=1)


class World:
    """Published rows of every kind, linked to one another, around which hidden rows are added."""

    def __init__(self):
        self.country = make_country()
        self.domain = make_domain()
        self.body = make_body("Ville publique", self.country, latitude=decimal.Decimal("1.5"), longitude=2)
        self.other_body = make_body("Autre ville", self.country)
        self.person = make_person("Personne publique")
        make_office(self.person, self.body)
        self.event = make_event("Congrès public")
        self.partnership = make_partnership(
            self.body, self.other_body, name="Partenariat public", domains=[self.domain]
        )
        self.agreement = make_agreement(
            self.partnership, event=self.event, domains=[self.domain], signed_on=datetime.date(2024, 5, 1)
        )
        make_signatory(self.agreement, self.person, on_behalf_of=self.body)
        self.delegation = make_delegation(
            sending_body=self.body,
            host_body=self.other_body,
            partnership=self.partnership,
            leader=self.person,
        )
        self.delegation.events.add(self.event)
        make_article("Article public", partnerships=[self.partnership], bodies=[self.body])

    def surfaces(self):
        """{name: url} of every public surface the hidden rows could reach."""
        searches = {f"search {marker}": f"?q={marker.lower()}" for marker in MARKERS.values()}
        sections = ["articles", "partnerships", "agreements", "delegations", "bodies", "people", "events"]
        return {
            "home": reverse("home"),
            "news": reverse("articles:article-list"),
            "feed": reverse("articles:feed-rss"),
            "directory": reverse("cooperation:partnership-list"),
            **{
                f"directory {name}": reverse("cooperation:partnership-list") + q
                for name, q in searches.items()
            },
            **{f"site {name}": reverse("cooperation:search") + q for name, q in searches.items()},
            "delegations": reverse("cooperation:delegation-list"),
            "partnership": self.partnership.get_absolute_url(),
            "agreement": self.agreement.get_absolute_url(),
            "delegation": self.delegation.get_absolute_url(),
            "body": self.body.get_absolute_url(),
            "country": self.country.get_absolute_url(),
            "domain": self.domain.get_absolute_url(),
            "person": self.person.get_absolute_url(),
            "event": self.event.get_absolute_url(),
            **{f"sitemap {section}": reverse("sitemap-section", args=[section]) for section in sections},
            "csv": reverse("cooperation:partnerships-csv"),
            "json": reverse("cooperation:partnerships-json"),
            "geojson": reverse("cooperation:bodies-geojson"),
            "subscribe": reverse("newsletter:subscribe"),
        }


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return b"".join(response) if response.streaming else response.content


def links_to(content, row):
    """Whether `content` holds the address of `row`'s page (as a link, a sitemap <loc>, a data URL)."""
    return re.search(re.escape(row.get_absolute_url()) + r'["<,\s]', content.decode()) is not None


def hidden_rows(make):
    """A draft, a scheduled and a withdrawn row made by `make(marker)`."""
    rows = {state: make(marker) for state, marker in MARKERS.items()}
    rows["draft"].publication = Publication.DRAFT
    rows["scheduled"].publish_at = timezone.now() + IN_AN_HOUR
    rows["withdrawn"].publication = Publication.WITHDRAWN
    for row in rows.values():
        row.save()
    return rows


def assert_hidden(client, world, rows, named_on=()):
    """No surface names the rows (except `named_on` ones, which may show a name unlinked) nor
    links to them; their own pages are 404."""
    for name, url in world.surfaces().items():
        content = read(client, url)
        for state, row in rows.items():
            assert not links_to(content, row), (state, name)
            if name not in named_on:
                assert MARKERS[state].encode() not in content, (state, name)
    for row in rows.values():
        assert client.get(row.get_absolute_url()).status_code == 404


def assert_linked(client, world, row, linked_from):
    surfaces = world.surfaces()
    for name in linked_from:
        assert links_to(read(client, surfaces[name]), row), name
    assert client.get(row.get_absolute_url()).status_code == 200


def go_live(monkeypatch, rows):
    """Publish the draft and let the scheduled row's time come; the withdrawn one stays hidden."""
    rows["draft"].publish()
    rows["draft"].save()
    later = timezone.now() + 2 * IN_AN_HOUR
    monkeypatch.setattr(timezone, "now", lambda: later)


@pytest.fixture
def world():
    return World()


def check(client, monkeypatch, world, rows, linked_from, named_on=()):
    assert_hidden(client, world, rows, named_on)
    go_live(monkeypatch, rows)
    for state in ("draft", "scheduled"):
        assert_linked(client, world, rows[state], linked_from)
    assert_hidden(client, world, {"withdrawn": rows["withdrawn"]}, named_on)


def test_partnerships(client, monkeypatch, world):
    def make(marker):
        return make_partnership(
            world.body, make_body(country=world.country), name=f"{marker} – Ailleurs", domains=[world.domain]
        )

    rows = hidden_rows(make)
    linked_from = [
        "home",
        "directory",
        "partnership",
        "body",
        "country",
        "domain",
        "sitemap partnerships",
        "csv",
    ]
    check(client, monkeypatch, world, rows, linked_from)
    assert MARKERS["draft"] in read(client, world.surfaces()["subscribe"]).decode()


def test_agreements(client, monkeypatch, world):
    def make(marker):
        agreement = make_agreement(
            world.partnership,
            title=f"Accord {marker}",
            summary=f"Résumé {marker}.",
            event=world.event,
            domains=[make_domain()],
            signed_on=datetime.date(2025, 1, 1),
        )
        make_signatory(agreement, world.person, on_behalf_of=world.body)
        return agreement

    rows = hidden_rows(make)
    linked_from = ["home", "partnership", "person", "event", "sitemap agreements"]
    check(client, monkeypatch, world, rows, linked_from)


def test_delegations(client, monkeypatch, world):
    def make(marker):
        delegation = make_delegation(
            title=f"Mission {marker}",
            sending_body=world.body,
            host_body=world.other_body,
            partnership=world.partnership,
            leader=world.person,
        )
        delegation.events.add(world.event)
        return delegation

    rows = hidden_rows(make)
    linked_from = ["delegations", "partnership", "body", "country", "person", "event", "sitemap delegations"]
    check(client, monkeypatch, world, rows, linked_from)


def test_bodies(client, monkeypatch, world):
    def make(marker):
        body = make_body(
            f"{marker}ville", world.country, latitude=decimal.Decimal("3.5"), longitude=4, description=marker
        )
        Party.objects.create(partnership=world.partnership, body=body)
        return body

    rows = hidden_rows(make)
    # A party's name stays on its partnership's pages and data, without a link to its own page.
    named_on = {"home", "directory", "partnership", "agreement", "body", "country", "domain", "csv", "json"}
    named_on |= {f"{where} search {marker}" for where in ("directory", "site") for marker in MARKERS.values()}
    linked_from = ["partnership", "directory", "country", "geojson", "sitemap bodies"]
    listed = client.get(world.country.get_absolute_url()).context["bodies"]
    assert not set(rows.values()) & set(listed)
    check(client, monkeypatch, world, rows, linked_from, named_on)


def test_people(client, monkeypatch, world):
    def make(marker):
        person = make_person(f"{marker} Dupont")
        make_signatory(world.agreement, person, on_behalf_of=world.body)
        return person

    rows = hidden_rows(make)
    named_on = {"partnership", "agreement"}  # a signatory's name, unlinked
    check(client, monkeypatch, world, rows, ["partnership", "agreement", "sitemap people"], named_on)


def test_events(client, monkeypatch, world):
    def make(marker):
        event = make_event(f"Forum {marker}")
        make_agreement(world.partnership, title=f"Accord du forum {event.pk}", event=event)
        world.delegation.events.add(event)
        return event

    rows = hidden_rows(make)
    named_on = {"partnership"}  # « signé lors de … », unlinked
    check(client, monkeypatch, world, rows, ["partnership", "delegation", "sitemap events"], named_on)


def test_articles(client, monkeypatch, world):
    def make(marker):
        return make_article(f"Actualité {marker}", partnerships=[world.partnership], bodies=[world.body])

    rows = hidden_rows(make)
    linked_from = ["home", "news", "feed", "partnership", "body", "sitemap articles"]
    check(client, monkeypatch, world, rows, linked_from)
    assert set(Edition.default_articles()) >= {rows["draft"], rows["scheduled"]}
    assert rows["withdrawn"] not in Edition.default_articles()
