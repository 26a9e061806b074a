"""The maps: the map page, its GeoJSON (bodies counted in the directory's selection, one body's
partners) and the small maps of the detail pages."""

import json

import pytest
from django.test import override_settings
from django.urls import reverse

from core.models import Publication
from tests.factories import make_body, make_country, make_partnership

MAP_URL = reverse("cooperation:map")
BODIES_URL = reverse("cooperation:bodies-geojson")
PARTNERS_URL = reverse("cooperation:partners-geojson")


def geojson(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/geo+json; charset=utf-8"
    return json.loads(response.content)


def counts(collection):
    return {
        feature["properties"]["slug"]: feature["properties"]["partenariats"]
        for feature in collection["features"]
    }


class TestSeed:
    pytestmark = pytest.mark.usefixtures("seed")

    def test_every_located_body_with_its_number_of_partnerships(self, client):
        found = counts(geojson(client, BODIES_URL))
        assert {"hue": 1, "namur": 1, "hanoi": 1, "vientiane": 1} == {
            slug: found[slug] for slug in ("hue", "namur", "hanoi", "vientiane")
        }
        assert "aimf" not in found  # No coordinates.

    def test_a_filter_keeps_the_bodies_of_its_partnerships_only(self, client):
        assert counts(geojson(client, BODIES_URL, {"pays": "laos"})) == {"hanoi": 1, "vientiane": 1}
        assert counts(geojson(client, BODIES_URL, {"q": "patrimoine"})) == {"hue": 1, "namur": 1}
        assert counts(geojson(client, BODIES_URL, {"annee": "1900"})) == {}

    def test_partners_of_a_body_are_lines_from_it(self, client):
        collection = geojson(client, PARTNERS_URL, {"de": "hue"})
        assert collection["acteur"] == "hue"
        assert collection["partenaires"] == 1 and collection["partenariats"] == 1
        (line,) = collection["features"]
        assert line["geometry"] == {
            "type": "LineString",
            "coordinates": [[107.5909, 16.4637], [4.8671, 50.4674]],
        }
        assert line["properties"]["slug"] == "namur"
        assert line["properties"]["partenariats"] == 1
        assert line["properties"]["url"] == "http://testserver/acteurs/namur/"

    def test_partners_follow_the_filters(self, client):
        assert geojson(client, PARTNERS_URL, {"de": "hue", "pays": "laos"})["features"] == []

    def test_the_map_page_lists_the_bodies_beside_the_map(self, client):
        response = client.get(MAP_URL, {"pays": "laos"})
        content = response.content.decode()
        assert response.status_code == 200
        assert "<h1>Carte des partenariats</h1>" in content
        assert 'data-bodies-url="/donnees/acteurs.geojson?pays=laos"' in content
        assert 'data-partners-url="/donnees/partenaires.geojson?pays=laos"' in content
        assert 'role="region" aria-label="Carte des acteurs de la sélection"' in content
        assert 'href="#map-list">Passer la carte</a>' in content
        assert 'href="/acteurs/hanoi/">Ville de Hanoï</a>' in content or "/acteurs/hanoi/" in content
        assert '<li data-slug="vientiane">' in content
        assert "/acteurs/hue/" not in content  # Not in the selection.
        # The same form as the directory's, sent to the map.
        assert '<form class="filters" method="get" action="/carte/"' in content
        assert 'name="tri"' not in content

    def test_the_map_page_without_a_filter_and_its_counts(self, client):
        content = client.get(MAP_URL).content.decode()
        assert "3 partenariats entre les acteurs" in content
        assert 'data-bodies-url="/donnees/acteurs.geojson?"' in content
        assert "lieu inconnu, absent de la carte" in content  # The AIMF has no coordinates.

    def test_the_directory_links_to_the_map_of_its_selection(self, client):
        content = client.get(
            reverse("cooperation:partnership-list"), {"pays": "laos", "page": 1}
        ).content.decode()
        assert 'href="/carte/?pays=laos">Voir ces partenariats sur la carte</a>' in content

    def test_the_header_links_to_the_map(self, client):
        content = client.get(MAP_URL).content.decode()
        assert '<a href="/carte/"\n           aria-current="page">Carte</a>' in content
        assert 'href="/carte/"' in client.get("/").content.decode()

    def test_the_map_settings_and_script_are_on_the_page(self, client):
        with override_settings(
            MAP_TILE_URL="https://tiles.example.org/{z}/{x}/{y}.png", MAP_TILE_ATTRIBUTION="© Ex"
        ):
            content = client.get(MAP_URL).content.decode()
        assert 'data-tiles="https://tiles.example.org/{z}/{x}/{y}.png" data-attribution="© Ex"' in content
        assert "/static/vendor/leaflet/leaflet.js" in content
        assert "/static/js/map.js" in content
        assert "/static/css/map-without-script.css" in content  # Inside <noscript>.
        labels = json.loads(content.split('data-labels="')[1].split('"')[0].replace("&quot;", '"'))
        assert labels["other"] == "{n} partenariats"

    def test_no_inline_script_or_style(self, client):
        for url in (MAP_URL, "/partenariats/hue-namur/", "/acteurs/hue/", "/pays/vietnam/"):
            content = client.get(url).content.decode()
            assert "<script>" not in content and "<style" not in content and " style=" not in content, url
            scripts = content.replace(" defer></script>", "").replace('<script src="', "")
            scripts = scripts.replace('<script type="application/ld+json">', "")  # data, not a script
            assert "<script " not in scripts, url

    def test_partnership_page_maps_its_parties(self, client):
        content = client.get("/partenariats/hue-namur/").content.decode()
        assert 'aria-label="Carte des parties de « Hué – Namur »"' in content
        points = json.loads(content.split('data-points="')[1].split('"')[0].replace("&quot;", '"'))
        assert points == [[107.5909, 16.4637, "Ville de Hué"], [4.8671, 50.4674, "Ville de Namur"]]
        assert 'data-lines="pairs"' in content
        assert 'href="#parties-list">Passer la carte</a>' in content

    def test_body_page_maps_it_with_its_partners(self, client):
        content = client.get("/acteurs/hue/").content.decode()
        assert 'aria-label="Carte : Ville de Hué et ses partenaires"' in content
        assert 'data-partners-url="/donnees/partenaires.geojson?de=hue"' in content
        content = client.get("/acteurs/aimf/").content.decode()
        assert 'class="map ' not in content  # No coordinates, no map; the text is there.

    def test_country_page_maps_its_bodies(self, client):
        content = client.get("/pays/vietnam/").content.decode()
        assert 'aria-label="Carte des acteurs : Vietnam"' in content
        assert "107.5909, 16.4637" in content
        assert 'href="#country-bodies">Passer la carte</a>' in content

    def test_the_map_is_in_the_sitemap(self, client):
        assert "http://testserver/carte/" in client.get("/sitemap-pages.xml").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("url", [BODIES_URL, PARTNERS_URL])
@pytest.mark.parametrize("params", [{"annee": "20x4"}, {"pays": "atlantide"}, {"acteur": "\x00"}])
def test_invalid_filters_are_a_400_that_says_why(client, url, params):
    response = client.get(url, {"de": "x", **params} if url == PARTNERS_URL else params)
    assert response.status_code == 400
    assert response.content.decode().startswith("Paramètres invalides — ")
    assert list(params)[0] in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{}, {"de": "inconnu"}, {"de": "\x00"}])
def test_partners_need_a_published_body(client, params):
    body = make_body(latitude=1, longitude=2, publication=Publication.DRAFT)
    response = client.get(PARTNERS_URL, params or {"de": body.slug})
    assert response.status_code == 400
    assert "de : " in response.content.decode()


@pytest.mark.django_db
def test_the_map_page_refuses_bad_filters_with_the_form_errors(client):
    response = client.get(MAP_URL, {"annee": "20x4"})
    assert response.status_code == 400
    assert "Corrigez les paramètres signalés plus haut." in response.content.decode()


@pytest.mark.django_db
def test_counts_are_per_body_within_the_selection_and_unpublished_rows_are_left_out(client):
    country = make_country()
    capital = make_body("Capitale", country, latitude=10, longitude=20)
    towns = [make_body(f"Ville {n}", latitude=n, longitude=n) for n in range(3)]
    hidden = make_body("Brouillon", latitude=5, longitude=5, publication=Publication.DRAFT)
    for town in towns:
        make_partnership(capital, town)
    make_partnership(capital, towns[0], kind="twinning")
    make_partnership(capital, hidden)
    make_partnership(capital, towns[1], publication=Publication.DRAFT)
    found = counts(geojson(client, BODIES_URL))
    assert found[capital.slug] == 5 and found[towns[0].slug] == 2 and found[towns[1].slug] == 1
    assert hidden.slug not in found
    assert counts(geojson(client, BODIES_URL, {"type": "twinning"})) == {capital.slug: 1, towns[0].slug: 1}
    partners = geojson(client, PARTNERS_URL, {"de": capital.slug})
    assert counts(partners) == {towns[0].slug: 2, towns[1].slug: 1, towns[2].slug: 1}
    assert partners["partenaires"] == 4  # The draft body counts, and has no line.
    assert partners["partenariats"] == 5
    page = client.get(MAP_URL).content.decode()
    assert page.index(f"/acteurs/{capital.slug}/") < page.index(f"/acteurs/{towns[0].slug}/")
    assert f"/acteurs/{hidden.slug}/" not in page


@pytest.mark.django_db
def test_a_busy_body_has_lines_to_its_busiest_partners_only(client, monkeypatch):
    from cooperation import maps

    monkeypatch.setattr(maps, "MAX_PARTNERS", 2)
    capital = make_body("Capitale", latitude=10, longitude=20)
    towns = [make_body(f"Ville {n}", latitude=n, longitude=n) for n in range(4)]
    for n, town in enumerate(towns):
        for _ in range(n + 1):
            make_partnership(capital, town)
    partners = geojson(client, PARTNERS_URL, {"de": capital.slug})
    assert counts(partners) == {towns[3].slug: 4, towns[2].slug: 3}
    assert partners["partenaires"] == 4


@pytest.mark.django_db
def test_the_map_pages_its_list_of_bodies(client, monkeypatch):
    from cooperation.views import MapView

    monkeypatch.setattr(MapView, "bodies_per_page", 2)
    capital = make_body("Capitale", latitude=10, longitude=20)
    for n in range(3):
        make_partnership(capital, make_body(f"Ville {n}", latitude=n, longitude=n))
    content = client.get(MAP_URL, {"page": 2}).content.decode()
    assert '<ol class="plain-list map-bodies" start="3">' in content
    assert "Page 2 sur 2" in content
    assert f"/acteurs/{capital.slug}/" not in content


def test_the_script_words_follow_the_language():
    from django.template import Context, Template
    from django.utils import translation

    with translation.override("en"):
        html = Template("{% load maps %}<div {% map_settings %}>").render(Context())
    labels = json.loads(html.split('data-labels="')[1].split('"')[0].replace("&quot;", '"'))
    assert labels["other"] == "{n} partnerships"
    assert labels["partnersOne"] == "{name}: {n} partner, joined by a line."
