"""The partnership directory: filters, facet counts, sort, pagination, empty state, bad input."""

import datetime
import html
import re

import pytest
from django.http import QueryDict
from django.urls import reverse

from cooperation.directory import DirectorySnapshot
from cooperation.filters import PartnershipFilterSet
from cooperation.models import Partnership
from tests.factories import (
    indexed_once,
    make_agreement,
    make_body,
    make_country,
    make_domain,
    make_partnership,
)

pytestmark = pytest.mark.django_db

URL = reverse("cooperation:partnership-list")


def listed(response, status=200):
    """Names of the partnerships on the page, in order."""
    assert response.status_code == status
    return [
        html.unescape(name)
        for name in re.findall(
            r'class="card-title" lang="fr"><a href="[^"]+">([^<]+)</a>', response.content.decode()
        )
    ]


def facet(response, name):
    """{option label: count} of one facet, as rendered in the <select>."""
    for item in response.context["facets"]:
        if item.field.name == name:
            return {option.label: option.count for option in item.options}
    raise AssertionError(name)


@pytest.fixture
def world():
    """Three partnerships over two countries, with domains, tags, kinds and agreements."""
    with indexed_once():
        belgium = make_country("BE", "Belgique", "Belgium")
        vietnam = make_country("VN", "Vietnam")
        namur, liege = make_body("Namur", belgium), make_body("Liège", belgium)
        hue, hanoi = make_body("Hué", vietnam), make_body("Hanoï", vietnam)
        heritage, digital = make_domain("Patrimoine"), make_domain("Numérique")
        hue_namur = make_partnership(
            hue, namur, name="Hué – Namur", started_on=datetime.date(2010, 1, 1), tags=["francophonie"]
        )
        make_agreement(hue_namur, valid_from=2024, valid_until=2029, domains=[heritage, digital])
        hanoi_liege = make_partnership(
            hanoi,
            liege,
            name="Hanoï – Liège",
            kind=Partnership.Kind.TWINNING,
            started_on=datetime.date(2015, 1, 1),
            domains=[heritage],
            tags=["coopération décentralisée", "francophonie"],
        )
        make_agreement(hanoi_liege, valid_from=2012, valid_until=2016)  # Expired: the partnership has ended.
        namur_liege = make_partnership(namur, liege, name="Liège – Namur", status=Partnership.Status.DORMANT)
    return locals()


def test_everything_is_listed_by_name_with_a_count_heading(client, world):
    response = client.get(URL)
    assert listed(response) == ["Hanoï – Liège", "Hué – Namur", "Liège – Namur"]
    assert "<h1>3 partenariats</h1>" in response.content.decode()


def test_heading_is_singular_for_one(client, world):
    assert "<h1>1 partenariat</h1>" in client.get(URL, {"type": "twinning"}).content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"pays": "vietnam"}, ["Hanoï – Liège", "Hué – Namur"]),
        ({"pays": "belgique"}, ["Hanoï – Liège", "Hué – Namur", "Liège – Namur"]),
        ({"acteur": "namur"}, ["Hué – Namur", "Liège – Namur"]),
        ({"domaine": "patrimoine"}, ["Hanoï – Liège", "Hué – Namur"]),  # Own and agreement domains.
        ({"domaine": "numerique"}, ["Hué – Namur"]),
        ({"type": "twinning"}, ["Hanoï – Liège"]),
        ({"statut": "active"}, ["Hué – Namur"]),
        ({"statut": "ended"}, ["Hanoï – Liège"]),
        ({"statut": "dormant"}, ["Liège – Namur"]),
        ({"annee": "2014"}, ["Hanoï – Liège"]),
        ({"annee": "2026"}, ["Hué – Namur"]),
        ({"annee": "2020"}, []),
        ({"mot_cle": "coopération-décentralisée"}, ["Hanoï – Liège"]),
        ({"mot_cle": "francophonie", "pays": "belgique", "domaine": "numerique"}, ["Hué – Namur"]),
    ],
)
def test_filters(client, world, params, expected):
    assert listed(client.get(URL, slugged(world, params))) == expected


def slugged(world, params):
    """Factory slugs are numbered: translate the readable ones used above."""
    names = {
        "vietnam": world["vietnam"].slug,
        "belgique": world["belgium"].slug,
        "namur": world["namur"].slug,
        "patrimoine": world["heritage"].slug,
        "numerique": world["digital"].slug,
    }
    return {key: names.get(value, value) for key, value in params.items()}


def test_facet_counts_follow_the_other_filters(client, world):
    response = client.get(URL)
    assert facet(response, "pays") == {"Belgique": 3, "Vietnam": 2}
    assert facet(response, "domaine") == {"Numérique": 1, "Patrimoine": 2}
    assert facet(response, "type") == {"jumelage": 1, "accord de coopération": 2}
    assert facet(response, "statut") == {"actif": 1, "en sommeil": 1, "terminé": 1}
    assert facet(response, "mot_cle") == {"coopération décentralisée": 1, "francophonie": 2}
    assert facet(response, "acteur") == {"Hanoï": 1, "Hué": 1, "Liège": 2, "Namur": 2}

    response = client.get(URL, {"pays": world["vietnam"].slug})
    # A facet's own filter is left out of its counts: choosing Belgium instead would give 3.
    assert facet(response, "pays") == {"Belgique": 3, "Vietnam": 2}
    assert facet(response, "type") == {"jumelage": 1, "accord de coopération": 1}
    assert facet(response, "statut") == {"actif": 1, "terminé": 1}
    assert facet(response, "acteur") == {"Hanoï": 1, "Hué": 1, "Liège": 1, "Namur": 1}
    assert facet(response, "domaine") == {"Numérique": 1, "Patrimoine": 2}


def test_facet_counts_are_printed_next_to_each_option(client, world):
    content = client.get(URL).content.decode()
    assert f'<option value="{world["belgium"].slug}">Belgique (3)</option>' in content
    assert '<option value="twinning">jumelage (1)</option>' in content


def test_a_chosen_option_stays_selected_even_when_it_gives_nothing(client, world):
    response = client.get(URL, {"type": "twinning", "statut": "active"})
    assert listed(response) == []
    assert facet(response, "statut") == {"terminé": 1, "actif": 0}
    assert '<option value="active" selected>actif (0)</option>' in response.content.decode()


def test_facets_take_a_fixed_number_of_queries(django_assert_num_queries, monkeypatch, world):
    # The snapshot reads each table once, in bulk; the facets then only fetch their options'
    # labels (countries, bodies, domains, tags), whatever the number of rows.
    with django_assert_num_queries(7):
        snapshot = DirectorySnapshot.build()
    monkeypatch.setattr(DirectorySnapshot, "current", classmethod(lambda cls, using="default": snapshot))
    filterset = PartnershipFilterSet(QueryDict("statut=active"), queryset=Partnership.objects.all())
    with django_assert_num_queries(4):
        facets = filterset.facets()
    assert len(facets) == 6


def test_sort_by_name_newest_and_relevance(client, world):
    assert listed(client.get(URL, {"tri": "nom"})) == ["Hanoï – Liège", "Hué – Namur", "Liège – Namur"]
    # Newest first; a partnership without a start date comes last.
    assert listed(client.get(URL, {"tri": "recent"})) == ["Hanoï – Liège", "Hué – Namur", "Liège – Namur"]
    world["hue_namur"].started_on = datetime.date(2020, 1, 1)
    world["hue_namur"].save()
    assert listed(client.get(URL, {"tri": "recent"})) == ["Hué – Namur", "Hanoï – Liège", "Liège – Namur"]
    # By name, whatever the dates: the default and when asked for.
    for query in ({}, {"tri": "nom"}):
        assert listed(client.get(URL, query)) == ["Hanoï – Liège", "Hué – Namur", "Liège – Namur"]


def test_relevance_is_the_default_when_searching(client, world):
    make_partnership(name="Alpha", summary="Deux villes qui partagent une citadelle commune.")
    make_partnership(name="Zoulou – Citadelle")
    # A word in the name weighs more than one in the summary.
    assert listed(client.get(URL, {"q": "citadelle"})) == ["Zoulou – Citadelle", "Alpha"]
    assert listed(client.get(URL, {"q": "citadelle", "tri": "pertinence"})) == [
        "Zoulou – Citadelle",
        "Alpha",
    ]
    assert listed(client.get(URL, {"q": "citadelle", "tri": "nom"})) == ["Alpha", "Zoulou – Citadelle"]


def test_pagination_keeps_the_filters(client):
    country = make_country("FR", "France")
    with indexed_once():
        for number in range(25):
            make_partnership(
                make_body(country=country), make_body(country=country), name=f"Partenariat {number:02}"
            )
    first = client.get(URL, {"pays": country.slug, "tri": "nom"})
    content = first.content.decode()
    assert len(listed(first)) == 20
    assert "25 partenariats" in content
    assert f'href="?pays={country.slug}&amp;tri=nom&amp;page=2"' in content
    second = client.get(URL, {"pays": country.slug, "tri": "nom", "page": 2})
    assert listed(second) == [f"Partenariat {number}" for number in range(20, 25)]
    assert "Page 2 sur 2" in second.content.decode()


def test_empty_state_suggests_what_to_change(client, world):
    response = client.get(URL, {"q": "introuvable", "type": "twinning"})
    content = html.unescape(response.content.decode())
    assert listed(response) == []
    assert "Aucun partenariat ne correspond à cette sélection." in content
    assert "de chercher sans les mots « introuvable »" in content
    assert "de retirer le filtre « Type : jumelage »" in content
    assert 'href="?q=introuvable"' in content  # The link that drops the type filter.


def test_the_filters_form_works_without_javascript(client, world):
    content = client.get(URL).content.decode()
    form = re.search(r'<form class="filters" method="get".*?</form>', content, re.S).group(0)
    assert '<button type="submit">' in form
    for name in ["q", "pays", "acteur", "domaine", "type", "statut", "annee", "mot_cle", "tri"]:
        assert f'<label for="id_{name}">' in form
        assert f'id="id_{name}"' in form


@pytest.mark.parametrize(
    "params",
    [
        {"annee": "20x4"},
        {"annee": "99999"},
        {"type": "inconnu"},
        {"statut": "ACTIVE"},
        {"tri": "hasard"},
        {"pays": "atlantide"},
        {"pays": "viet\x00nam"},
        {"acteur": "a" * 5000},
        {"mot_cle": "\x00"},
        {"q": "hue\x00"},
        {"q": "x" * 5000},
        {"annee": "\x00"},
    ],
)
def test_hostile_values_are_form_errors(client, world, params):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert response.context["filter"].errors
    assert 'class="form-errors" role="alert"' in response.content.decode()
    assert listed(response, status=400) == []


def test_a_malformed_year_is_explained(client, world):
    content = client.get(URL, {"annee": "20x4"}).content.decode()
    assert "En vigueur en : Saisissez un nombre entier." in html.unescape(content)


@pytest.mark.parametrize("page", ["abc", "99999", "0", "-1", "\x00"])
def test_bad_pages_are_404(client, world, page):
    assert client.get(URL, {"page": page}).status_code == 404


@pytest.mark.parametrize(
    "query", ["q=%22", "q=-", "q=%27%29%3B", "q=OR", "q=%21%21%21", "q=+", "q=a+OR+-b", "q=%E2%80%94"]
)
def test_odd_search_syntax_never_fails(client, world, query):
    assert client.get(f"{URL}?{query}").status_code == 200


def test_an_invalid_year_keeps_every_filter_usable_with_an_all_option(client, seed):
    response = client.get(reverse("cooperation:partnership-list"), {"annee": "20x4"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "---------" not in html
    assert html.count('<option value="" selected>Tous</option>') == 6
