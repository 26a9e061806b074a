import datetime
import re

import pytest
from django.urls import reverse

from articles.models import Article
from cooperation.models import Agreement, Body, Delegation, Domain, Event, Partnership, Person
from tests.admin_urls import admin_url
from tests.factories import make_body

pytestmark = pytest.mark.django_db


def management_form(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_changelist_search_and_filters_answer_200(staff_client, seed):
    assert "Hué – Namur" in staff_client.get(admin_url(Partnership, "changelist"), {"q": "Namur"}).text
    response = staff_client.get(admin_url(Agreement, "changelist"), {"kind__exact": "protocol"})
    assert "Protocole de coopération 2024-2029" in response.text


def delegation_form_data(delegation, **changes):
    data = {
        "title": delegation.title,
        "slug": delegation.slug,
        "kind": delegation.kind,
        "publication": delegation.publication,
        "partnership": delegation.partnership_id or "",
        "sending_body": delegation.sending_body_id,
        "host_body": delegation.host_body_id,
        "destination": delegation.destination_id or "",
        "leader": delegation.leader_id or "",
        "leader_office": delegation.leader_office_id or "",
        "invited_by": delegation.invited_by_id or "",
        "start_on": delegation.start_on.isoformat(),
        "end_on": delegation.end_on.isoformat(),
        "events": [event.pk for event in delegation.events.all()],
        "purpose": delegation.purpose,
        "outcome": delegation.outcome,
    }
    prefixes = {"members": delegation.members.all(), "meetings": delegation.meetings.all()}
    for prefix, rows in prefixes.items():
        data.update(management_form(prefix, total=len(rows), initial=len(rows)))
        for i, row in enumerate(rows):
            data[f"{prefix}-{i}-id"] = row.pk
            data[f"{prefix}-{i}-delegation"] = delegation.pk
            data[f"{prefix}-{i}-position"] = row.position
            for field in ("person", "office", "body", "kind", "summary", "date"):
                if hasattr(row, field):
                    value = (
                        getattr(row, f"{field}_id", None)
                        if field in ("person", "office", "body")
                        else getattr(row, field)
                    )
                    data[f"{prefix}-{i}-{field}"] = "" if value is None else value
            if prefix == "meetings":
                data[f"{prefix}-{i}-offices"] = [office.pk for office in row.offices.all()]
    data.update(changes)
    return data


def test_a_valid_delegation_change_saves(staff_client, seed):
    delegation = Delegation.objects.get(slug="hanoi-vientiane-2024-09")
    data = delegation_form_data(delegation, purpose="Objet révisé par la rédaction.")
    response = staff_client.post(admin_url(Delegation, "change", delegation.pk), data)
    assert response.status_code == 302, response.context["adminform"].errors if response.context else ""
    delegation.refresh_from_db()
    assert delegation.purpose == "Objet révisé par la rédaction."


def test_end_before_start_shows_the_error_not_a_500(staff_client, seed):
    delegation = Delegation.objects.get(slug="hanoi-vientiane-2024-09")
    data = delegation_form_data(delegation, start_on="2024-09-19", end_on="2024-09-17")
    response = staff_client.post(admin_url(Delegation, "change", delegation.pk), data)
    assert response.status_code == 200
    assert "La date de fin de la visite ne peut précéder sa date de début." in response.text
    delegation.refresh_from_db()
    assert delegation.end_on == datetime.date(2024, 9, 19)


def partnership_form_data(bodies, **changes):
    data = {
        "name": "Dakar – Bordeaux",
        "slug": "dakar-bordeaux",
        "kind": "twinning",
        "summary": "Un jumelage.",
        "started_on": "2001-01-01",
        "started_precision": "year",
        "status": "active",
        "publication": "published",
        "tags": "jumelage",
        **management_form("parties", total=len(bodies)),
        **management_form("agreements", total=1),
        "agreements-0-title": "Charte de jumelage",
        "agreements-0-slug": "charte-dakar-bordeaux",
        "agreements-0-kind": "twinning_charter",
        "agreements-0-publication": "published",
        "agreements-0-signed_on": "2001-06-21",
        "agreements-0-signed_precision": "day",
        "agreements-0-valid_from": "2001-01-01",
        "agreements-0-valid_from_precision": "year",
        "agreements-0-valid_until": "2031-01-01",
        "agreements-0-valid_until_precision": "year",
    }
    for i, body in enumerate(bodies):
        data[f"parties-{i}-body"] = body.pk
    data.update(changes)
    return data


def test_a_partnership_needs_two_distinct_parties(staff_client):
    dakar = make_body("Dakar")
    response = staff_client.post(admin_url(Partnership, "add"), partnership_form_data([dakar, dakar]))
    assert response.status_code == 200
    assert "Un partenariat réunit au moins deux acteurs distincts." in response.text
    assert not Partnership.objects.exists()


def test_staff_create_a_whole_story_in_the_admin(staff_client):
    dakar, bordeaux = make_body("Dakar"), make_body("Bordeaux")
    domain_response = staff_client.post(
        admin_url(Domain, "add"),
        {"name": "Assainissement", "slug": "assainissement", "name_en": "Sanitation"},
    )
    assert domain_response.status_code == 302
    person_data = {
        "name": "Jean Dupont",
        "slug": "jean-dupont",
        "honorific": "M.",
        "publication": "published",
        **management_form("offices", total=1),
        "offices-0-title": "Maire de Bordeaux",
        "offices-0-body": bordeaux.pk,
    }

    assert staff_client.post(admin_url(Person, "add"), person_data).status_code == 302
    person = Person.objects.get(slug="jean-dupont")

    response = staff_client.post(admin_url(Partnership, "add"), partnership_form_data([dakar, bordeaux]))
    assert response.status_code == 302
    partnership = Partnership.objects.get(slug="dakar-bordeaux")
    agreement = partnership.agreements.get()
    assert agreement.period == "2001–2031"
    assert set(partnership.bodies.all()) == {dakar, bordeaux}

    agreement_data = {
        "partnership": partnership.pk,
        "title": agreement.title,
        "slug": agreement.slug,
        "kind": agreement.kind,
        "publication": "published",
        "renews": "",
        "signed_on": "2001-06-21",
        "signed_precision": "day",
        "signed_at": bordeaux.pk,
        "event": "",
        "valid_from": "2001-01-01",
        "valid_from_precision": "year",
        "valid_until": "2031-12-31",
        "valid_until_precision": "year",
        "summary": "",
        "basis": "",
        "aims": "Échanger\nSe rencontrer",
        **management_form("signatories", total=1),
        "signatories-0-person": person.pk,
        "signatories-0-on_behalf_of": bordeaux.pk,
        "signatories-0-position": "1",
        **management_form("domain_links", total=1),
        "domain_links-0-domain": Domain.objects.get(slug="assainissement").pk,
        "domain_links-0-detail": "Eau potable",
        "domain_links-0-position": "1",
    }
    response = staff_client.post(admin_url(Agreement, "change", agreement.pk), agreement_data)
    assert response.status_code == 302
    signatory = agreement.signatories.get()
    assert signatory.office.title == "Maire de Bordeaux"
    assert agreement.domain_links.get().detail == "Eau potable"

    article_data = {
        "title": "Dakar et Bordeaux jumelées",
        "slug": "dakar-et-bordeaux-jumelees",
        "standfirst": "",
        "text": "<p>Texte</p><script>alert(1)</script>",
        "publication": "published",
        "published_on": "2001-06-22",
        "date_precision": "day",
        "author": "",
        "tags": "jumelage",
        "partnerships": [partnership.pk],
        "agreements": [agreement.pk],
    }
    response = staff_client.post(admin_url(Article, "add"), article_data)
    assert response.status_code == 302
    article = Article.objects.get(slug="dakar-et-bordeaux-jumelees")
    assert list(article.partnerships.all()) == [partnership]
    assert article.text == "<p>Texte</p>"
    assert article.author.username == "redaction"


def test_staff_choose_the_article_of_a_body_and_of_an_event(staff_client):
    for model in (Body, Event):
        page = staff_client.get(reverse(f"admin:cooperation_{model._meta.model_name}_add")).content.decode()
        select = re.search(r'<select name="article"[^>]*>(.*?)</select>', page, re.S)
        assert select, model
        assert '<option value="l&#x27;">' in select[1] and '<option value="-">' in select[1]
