"""Text typed by staff is shown as text on every cooperation page, never run as HTML."""

import pytest
from django.urls import reverse

from tests.factories import (
    make_agreement,
    make_article,
    make_body,
    make_delegation,
    make_domain,
    make_event,
    make_meeting,
    make_member,
    make_office,
    make_partnership,
    make_person,
    make_signatory,
)

pytestmark = pytest.mark.django_db

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'
SHOWN = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"


def test_staff_text_is_escaped_on_every_page(client):
    body = make_body(f"Ville {EVIL}", description=EVIL, short_name="<i>")
    person = make_person(f"Nom {EVIL}", honorific="<b>")
    office = make_office(person, body, title=f"Maire {EVIL}")
    domain = make_domain(f"Domaine {EVIL}", description=EVIL)
    event = make_event(f"Congrès {EVIL}", description=EVIL, place=body)
    partnership = make_partnership(
        body, make_body(), name=f"Partenariat {EVIL}", summary=EVIL, domains=[domain]
    )
    agreement = make_agreement(
        partnership,
        title=f"Accord {EVIL}",
        summary=EVIL,
        basis=EVIL,
        aims=f"{EVIL}\nautre objectif",
        event=event,
        signed_at=body,
        domains=[(domain, EVIL)],
    )
    make_signatory(agreement, person, on_behalf_of=body, office=office)
    delegation = make_delegation(
        title=f"Visite {EVIL}",
        purpose=EVIL,
        outcome=EVIL,
        sending_body=body,
        leader=person,
        partnership=partnership,
    )
    delegation.events.add(event)
    make_member(delegation, person=person, office=office)
    make_meeting(delegation, person=person, offices=[office], summary=EVIL)
    make_article(f"Article {EVIL}", partnerships=[partnership], bodies=[body], people=[person])
    urls = [
        partnership.get_absolute_url(),
        agreement.get_absolute_url(),
        delegation.get_absolute_url(),
        body.get_absolute_url(),
        body.country.get_absolute_url(),
        domain.get_absolute_url(),
        person.get_absolute_url(),
        event.get_absolute_url(),
        reverse("cooperation:partnership-list"),
        reverse("cooperation:partnership-list") + "?q=alert",
        reverse("cooperation:delegation-list"),
        reverse("cooperation:search") + "?q=alert",
    ]
    for url in urls:
        content = client.get(url).content.decode()
        assert "<script>alert" not in content, url
        assert "<img src=x" not in content, url
        assert SHOWN in content or "&lt;script&gt;" in content, url
