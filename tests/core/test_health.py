import pytest
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext

from core import health, pagecache

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_never_cached_with_one_query(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    assert [q["sql"] for q in queries] == ["SELECT 1"]


def test_healthz_ignores_the_host_and_the_https_redirect(client, settings):
    settings.ALLOWED_HOSTS = ["atlas.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200
    # Any other page from that host is refused as usual.
    assert client.get("/", HTTP_HOST="10.0.0.7:8000").status_code == 400


def test_healthz_runs_before_the_page_cache(client, settings, monkeypatch):
    settings.PAGE_CACHE_SECONDS = 600

    def cache_down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(pagecache, "current_version", cache_down)
    assert client.get("/healthz").status_code == 200


def test_healthz_is_503_when_the_database_does_not_answer(client, monkeypatch):
    def refused(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(health.connection, "cursor", refused)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"database unavailable\n"
    assert "no-store" in response["Cache-Control"]


def test_healthz_is_503_when_the_cache_does_not_answer(client, monkeypatch):
    def refused(*args, **kwargs):
        raise ConnectionError("redis refused")

    monkeypatch.setattr(health.cache, "set", refused)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"cache unavailable\n"


def test_healthz_only_answers_reads(client):
    # A POST goes through the site's middleware and URLs like any other request: no such page.
    assert client.post("/healthz").status_code == 404
