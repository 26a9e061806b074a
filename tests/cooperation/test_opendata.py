"""Open data: the directory's result set as CSV and JSON, bodies as GeoJSON, and the page about them."""

import csv
import io
import json

import pytest
from django.urls import reverse

from cooperation.opendata import PARTNERSHIP_FIELDS
from tests.factories import make_agreement, make_body, make_domain, make_partnership

CSV_URL = reverse("cooperation:partnerships-csv")
JSON_URL = reverse("cooperation:partnerships-json")
GEOJSON_URL = reverse("cooperation:bodies-geojson")


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8"))))


class TestSeedFiles:
    pytestmark = pytest.mark.usefixtures("seed")

    def test_csv_has_one_row_per_partnership_with_every_field(self, client):
        response = client.get(CSV_URL)
        assert 'filename="partenariats.csv"' in response["Content-Disposition"]
        rows = csv_rows(response)
        assert list(rows[0]) == [name for name, _meaning in PARTNERSHIP_FIELDS]
        hue_namur = next(row for row in rows if row["slug"] == "hue-namur")
        assert hue_namur == {
            **hue_namur,
            "nom": "Hué – Namur",
            "url": "http://testserver/partenariats/hue-namur/",
            "type": "cooperation",
            "statut": "active",
            "debut": "2010",
            "en_vigueur_jusqu_au": "2029-12-31",
            "acteurs": "hue | namur",
            "acteurs_noms": "Ville de Hué | Ville de Namur",
            "pays": "BE | VN",
            "mots_cles": "aimf | francophonie | patrimoine | ville intelligente",
        }
        assert "Échanges culturels et patrimoine historique" in hue_namur["domaines"]
        assert len(rows) == 3

    def test_csv_follows_the_directory_filters(self, client):
        assert [row["slug"] for row in csv_rows(client.get(CSV_URL, {"pays": "laos"}))] == ["hanoi-vientiane"]
        assert [row["slug"] for row in csv_rows(client.get(CSV_URL, {"q": "patrimoine"}))] == ["hue-namur"]
        assert csv_rows(client.get(CSV_URL, {"annee": "2005"})) == []

    def test_json_states_the_licence_and_lists_the_results(self, client):
        response = client.get(JSON_URL, {"domaine": "culture-patrimoine"})
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        data = json.loads(response.getvalue())
        assert data["licence"] == "Licence Ouverte / Open Licence 2.0 (Etalab)"
        assert data["count"] == 1
        (record,) = data["results"]
        assert record["slug"] == "hue-namur"
        assert record["acteurs"] == ["hue", "namur"]
        assert record["pays"] == ["BE", "VN"]
        assert "Transition numérique" in record["domaines"]
        assert list(record) == [name for name, _meaning in PARTNERSHIP_FIELDS]

    def test_geojson_maps_the_bodies_that_have_coordinates(self, client):
        response = client.get(GEOJSON_URL)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/geo+json; charset=utf-8"
        data = json.loads(response.getvalue())
        assert data["type"] == "FeatureCollection"
        features = {feature["properties"]["slug"]: feature for feature in data["features"]}
        assert {"hue", "namur", "lausanne", "hanoi", "vientiane"} <= set(features)
        assert "aimf" not in features  # No coordinates.
        hue = features["hue"]
        assert hue["type"] == "Feature"
        assert hue["geometry"] == {"type": "Point", "coordinates": [107.5909, 16.4637]}
        assert hue["properties"] == {
            "slug": "hue",
            "nom": "Ville de Hué",
            "sigle": "",
            "type": "municipality",
            "pays": "VN",
            "wikidata": None,
            "url": "http://testserver/acteurs/hue/",
            "partenariats": 1,
        }

    def test_open_data_page_states_the_licence_and_the_fields(self, client):
        content = client.get(reverse("cooperation:open-data")).content.decode()
        assert "Licence Ouverte / Open Licence 2.0 (Etalab)" in content
        assert "https://www.etalab.gouv.fr/licence-ouverte-open-licence/" in content
        for name, _meaning in PARTNERSHIP_FIELDS:
            assert f"<code>{name}</code>" in content
        for url in (CSV_URL, JSON_URL, GEOJSON_URL):
            assert f'href="{url}"' in content

    def test_directory_links_to_its_results_as_files(self, client):
        content = client.get(reverse("cooperation:partnership-list"), {"pays": "laos", "page": 1}).content
        assert f'href="{CSV_URL}?pays=laos"'.encode() in content
        assert f'href="{JSON_URL}?pays=laos"'.encode() in content


@pytest.mark.django_db
@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
@pytest.mark.parametrize(
    "params", [{"annee": "20x4"}, {"pays": "atlantide"}, {"type": "x"}, {"q": "a" * 5000}, {"acteur": "\x00"}]
)
def test_invalid_filters_are_a_400_that_says_why(client, url, params):
    response = client.get(url, params)
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().startswith("Paramètres invalides — ")
    assert list(params)[0] in response.content.decode()


@pytest.mark.django_db
def test_csv_cells_cannot_run_as_spreadsheet_formulas(client):
    make_partnership(make_body('=HYPERLINK("http://x")'), make_body(), name="+Calc", summary="@SUM(A1)")
    (row,) = csv_rows(client.get(CSV_URL))
    assert row["nom"] == "'+Calc"
    assert row["resume"] == "'@SUM(A1)"
    assert row["acteurs_noms"].startswith("'=HYPERLINK")


@pytest.mark.django_db
@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
def test_exports_stream_their_rows_in_chunks(client, url, monkeypatch):
    """A worker holds one chunk of rows at a time, however large the export."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cooperation.views import PartnershipExportView

    monkeypatch.setattr(PartnershipExportView, "chunk_size", 4)
    for _ in range(10):
        make_partnership()
    response = client.get(url)
    assert response.streaming
    with CaptureQueriesContext(connection) as queries:
        content = response.getvalue().decode()
    parties = [q for q in queries.captured_queries if 'FROM "cooperation_party"' in q["sql"]]
    # Rows 1–4, 5–8, 9–10 completed one chunk after the other as the response is written.
    assert len(parties) == 3
    if url == JSON_URL:
        assert json.loads(content)["count"] == 10 and len(json.loads(content)["results"]) == 10
    else:
        assert len(content.strip().splitlines()) == 1 + 10


@pytest.mark.django_db
def test_an_export_asks_the_same_queries_for_one_partnership_or_twenty(client):
    from tests.queries import count_queries

    url = CSV_URL  # the JSON file is written from the same records
    make_partnership(domains=[make_domain()], tags=["eau"])
    one = count_queries(client, url)
    for n in range(19):
        partnership = make_partnership(domains=[make_domain()], tags=[f"mot {n}"])
        make_agreement(partnership, domains=[make_domain()])
    assert count_queries(client, url) == one


@pytest.mark.django_db
def test_domains_of_an_agreement_not_yet_online_are_left_out(client):
    from core.models import Publication

    water, energy = make_domain("Eau"), make_domain("Énergie")
    partnership = make_partnership(domains=[energy])
    make_agreement(partnership, domains=[water], publication=Publication.DRAFT)
    (row,) = [row for row in csv_rows(client.get(CSV_URL)) if row["slug"] == partnership.slug]
    assert row["domaines"] == "Énergie"
    make_agreement(partnership, domains=[water])
    (row,) = [row for row in csv_rows(client.get(CSV_URL)) if row["slug"] == partnership.slug]
    assert row["domaines"] == "Eau | Énergie"  # own and agreements' domains, in name order


@pytest.mark.django_db
def test_a_streamed_export_tells_gunicorn_its_worker_is_alive_at_each_chunk(client, monkeypatch):
    """gunicorn's arbiter kills a sync worker that has not reported for 30 s; an export of
    100,000 rows takes about that long, and reports as each chunk goes out (core/heartbeat.py)."""
    import importlib.util
    from pathlib import Path

    from cooperation.views import PartnershipExportView
    from core import heartbeat

    spec = importlib.util.spec_from_file_location(
        "gunicorn_conf", Path(__file__).resolve().parents[2] / "deploy" / "gunicorn.conf.py"
    )
    config = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(config)

    class Worker:
        beats = 0

        def notify(self):
            self.beats += 1

    worker = Worker()
    config.pre_request(worker, req=None)  # as gunicorn calls it before each request
    monkeypatch.setattr(PartnershipExportView, "chunk_size", 4)
    for _ in range(10):
        make_partnership()
    try:
        response = client.get(CSV_URL)
        assert worker.beats == 0  # nothing read yet: the rows are read as the answer is sent
        response.getvalue()
        assert worker.beats == 3  # rows 1–4, 5–8, 9–10
    finally:
        heartbeat.set_notify(None)
