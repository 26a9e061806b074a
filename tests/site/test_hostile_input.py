"""Whatever is typed in the address bar, a public page answers 200 (with a form error), 400 or 404."""

import pytest
from django.urls import reverse

from tests.public_urls import public_urls

pytestmark = pytest.mark.django_db

HOSTILE_QUERIES = [
    "page=abc",
    "page=-1",
    "page=99999",
    "page=1e9",
    "page=%00",
    "theme=inconnue",
    "theme=%00",
    "tag=inconnu",
    "tag=%00",
    "year=abcd",
    "year=20x4",
    "year=99999999999999999999",
    "year=%00",
    "q=%00",
    "q=" + "a" * 5000,
    "q=%ff%fe",
    "p=abc",
    "p=99999",
    "theme=gouvernance&theme=%00&page=2",
    "pays=inconnu",
    "pays=%00",
    "acteur=%00",
    "domaine=inconnu",
    "type=inconnu",
    "statut=%00",
    "annee=20x4",
    "annee=-5",
    "annee=99999999999999999999",
    "mot_cle=%00",
    "tri=inconnu",
    "q=hue&page=99999",
    "partenariat=%00",
    "partenariat=" + "x" * 5000,
]


@pytest.fixture
def urls(seed):
    return public_urls()


def test_hostile_query_values_never_give_a_500(client, urls):
    client.raise_request_exception = False
    failures = []
    for url in urls:
        for query in HOSTILE_QUERIES:
            response = client.get(f"{url}?{query}")
            if response.status_code not in (200, 400, 404):
                failures.append((url, query[:40], response.status_code))
    assert failures == []


@pytest.mark.parametrize(
    "path",
    [
        "/actualites/%00/",
        "/actualites/mots-cles/%00/",
        "/actualites/mots-cles/" + "é" * 300 + "/",
        "/actualites/themes/inconnue/",
        "/actualites/themes/inconnue/rss/",
        "/actualites/brouillon-inexistant/",
    ],
)
def test_hostile_paths_are_404(client, seed, path):
    client.raise_request_exception = False
    assert client.get(path).status_code == 404


def test_bad_filter_values_show_a_form_error(client, seed):
    response = client.get(reverse("articles:article-list"), {"year": "20x4", "tag": "\x00"})
    assert response.status_code == 400
    assert set(response.context["filter"].errors) == {"year", "tag"}


@pytest.mark.django_db
def test_a_host_outside_allowed_hosts_is_a_400(client):
    response = client.get("/", HTTP_HOST="evil.example.org")
    assert response.status_code == 400
    assert "evil.example.org" not in response.content.decode()
