"""Facets stay small and are counted once per selection, whatever the size of the atlas."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cooperation import filters
from tests.factories import make_body, make_partnership

pytestmark = pytest.mark.django_db
URL = reverse("cooperation:partnership-list")


def facet(response, name):
    (found,) = [facet for facet in response.context["facets"] if facet.field.name == name]
    return found


def test_the_body_facet_offers_the_busiest_bodies_and_the_chosen_one(client, monkeypatch):
    monkeypatch.setattr(filters, "MAX_BODY_OPTIONS", 3)
    capital = make_body("Dakar")
    for _ in range(3):
        make_partnership(capital, make_body())
    lone = make_body("Zinder")
    make_partnership(lone, make_body())

    options = facet(client.get(URL), "acteur").options
    assert len(options) == 3
    assert (capital.slug, 3) in [(option.value, option.count) for option in options]
    chosen = facet(client.get(URL, {"acteur": lone.slug}), "acteur").options
    assert [option.value for option in chosen if option.selected] == [lone.slug]


def test_facet_counts_are_computed_once_per_selection(client):
    for _ in range(25):
        make_partnership()
    cache.clear()
    with override_settings(PAGE_CACHE_SECONDS=600):
        with CaptureQueriesContext(connection) as first:
            client.get(URL, {"type": "cooperation"})
        with CaptureQueriesContext(connection) as second_page:
            response = client.get(URL, {"type": "cooperation", "page": 2, "tri": "nom"})
    cache.clear()
    assert response.status_code == 200
    assert len(second_page) <= len(first) - len(filters.PartnershipFilterSet.FACETS)
    assert facet(response, "type").options[0].count == 25


def test_a_deep_page_reads_its_own_rows_only(client):
    names = sorted(make_partnership().name for _ in range(25))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {"page": 2})
    assert [p.name for p in response.context["page_obj"]] == names[20:]
    assert response.context["paginator"].count == 25
    # Counted and sliced in the snapshot: the database neither counts nor skips rows.
    assert [q["sql"] for q in queries.captured_queries if "OFFSET" in q["sql"] or "COUNT(" in q["sql"]] == []


def test_a_search_sorted_by_relevance_counts_no_row_in_sql(client):
    for _ in range(25):
        make_partnership(summary="Une citadelle commune.")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {"q": "citadelle", "page": 2})
    assert len(response.context["page_obj"]) == 5
    assert response.context["paginator"].count == 25
    assert [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]] == []


def test_the_directory_follows_a_content_change_at_once(client, django_capture_on_commit_callbacks):
    make_partnership(summary="Une citadelle commune.")
    cache.clear()
    with override_settings(PAGE_CACHE_SECONDS=600):
        before = client.get(URL, {"tri": "nom"}).context["paginator"].count
        with django_capture_on_commit_callbacks(execute=True):
            make_partnership()
        after = client.get(URL, {"tri": "recent"})
    cache.clear()
    assert after.context["paginator"].count == before + 1
    assert facet(after, "type").options[0].count == before + 1


def test_a_body_with_many_partnerships_pages_them(client):
    capital = make_body("Dakar")
    names = sorted(make_partnership(capital, make_body()).name for _ in range(25))
    first = client.get(capital.get_absolute_url())
    assert [p.name for p in first.context["partnerships"]] == names[:20]
    assert "?page=2" in first.text
    second = client.get(capital.get_absolute_url(), {"page": 2})
    assert [p.name for p in second.context["partnerships"]] == names[20:]
    assert client.get(capital.get_absolute_url(), {"page": "abc"}).status_code == 200


def test_a_country_with_many_bodies_lists_the_first_ones_and_says_how_many(client, monkeypatch):
    from cooperation import views
    from tests.factories import make_country

    monkeypatch.setattr(views, "MAX_BODIES", 2)
    country = make_country()
    for name in ("Cotonou", "Abomey", "Bohicon"):
        make_body(name, country)
    html = client.get(country.get_absolute_url()).text
    assert "3 acteurs ; les 2 premiers par ordre alphabétique" in html
    assert "Abomey" in html and "Bohicon" in html and "Cotonou" not in html


def test_a_domain_pages_its_partnerships_from_the_snapshot(client):
    from core.models import Publication
    from tests.factories import make_agreement, make_domain

    water = make_domain("Eau")
    own = [make_partnership(domains=[water]).name for _ in range(15)]
    agreed = [make_agreement(domains=[water]).partnership.name for _ in range(10)]
    make_agreement(make_partnership(name="Brouillon"), domains=[water], publication=Publication.DRAFT)
    make_partnership(domains=[make_domain()])
    names = sorted(own + agreed)

    with CaptureQueriesContext(connection) as queries:
        second = client.get(water.get_absolute_url(), {"page": 2})
    # Counted and sliced in the snapshot: the database neither counts nor skips partnerships.
    assert [
        q["sql"]
        for q in queries.captured_queries
        if "cooperation_partnership" in q["sql"] and ("OFFSET" in q["sql"] or "COUNT(" in q["sql"])
    ] == []
    assert [p.name for p in second.context["partnerships"]] == names[20:]
    first = client.get(water.get_absolute_url())
    assert [p.name for p in first.context["partnerships"]] == names[:20]
    assert first.context["partnerships"].paginator.count == 25
