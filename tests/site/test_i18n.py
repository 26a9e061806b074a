import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

HUE = "namur-et-hue-signent-un-protocole-de-cooperation-2024-2029"


@pytest.fixture
def english_client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_home_in_english_with_the_language_cookie(english_client, seed):
    html = english_client.get(reverse("home")).content.decode()
    assert '<html lang="en">' in html
    assert "Latest news" in html
    assert "Skip to content" in html
    assert "Partnerships" in html
    assert "Dernières actualités" not in html


def test_home_in_english_with_accept_language(client, seed):
    html = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8").content.decode()
    assert "Latest news" in html


def test_article_in_english_keeps_its_french_content(english_client, seed):
    html = english_client.get(reverse("articles:article-detail", args=[HUE])).content.decode()
    assert "You might also be interested in" in html
    assert "Share this article" in html
    assert "24 May 2024" in html
    assert '<h1 lang="fr">Namur et Hué signent un Protocole de Coopération 2024-2029</h1>' in html
    assert "Ces articles pourraient vous intéresser" not in html


def test_french_is_the_default(client, seed):
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="fr">' in html
    assert "Dernières actualités" in html


def test_language_switcher_sets_the_language(client, seed):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("articles:article-list")}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("articles:article-list")
    assert "Filter" in client.get(reverse("articles:article-list")).content.decode()


def test_map_and_open_data_in_english(english_client, seed):
    html = english_client.get(reverse("cooperation:map")).content.decode()
    assert "<h1>Map of partnerships</h1>" in html
    assert "3 partnerships between the bodies on the map" in html
    assert "Bodies in the selection" in html and "Skip the map" in html
    html = english_client.get(reverse("cooperation:open-data")).content.decode()
    assert "It takes the directory's parameters" in html
    assert "number of its published partnerships" in html
