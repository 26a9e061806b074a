"""The site's look outside its pages: logo, icons, the web app manifest, link previews."""

import json
import re

import PIL.Image
import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.factories import make_article, make_image, make_partnership

pytestmark = pytest.mark.django_db

SITE = "https://atlas.example.org"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def meta(html, key):
    """The content of each <meta property|name="key">, in order."""
    return re.findall(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', html)


def json_ld(html):
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def static_image(url):
    """The static file behind a /static/ address, opened."""
    path = finders.find(url.removeprefix("/static/"))
    assert path, f"{url} is not a static file"
    return PIL.Image.open(path)


def test_the_header_shows_the_logo_beside_the_sites_name_as_text(client):
    html = client.get(reverse("home")).text

    brand = re.search(r'<a class="brand" href="/">(.*?)</a>', html, re.S).group(1)
    # A decorative image (the name beside it is the link's text) with its size: nothing shifts.
    assert '<img class="brand-mark" src="/static/brand/logo.svg" alt="" width="44" height="44">' in brand
    assert '<span class="brand-name">Atlas de la coopération décentralisée</span>' in brand
    assert finders.find("brand/logo.svg")


def test_every_page_names_its_icons_and_manifest(client):
    html = client.get(reverse("cooperation:partnership-list")).text

    assert '<link rel="icon" href="/static/brand/favicon-32.png" sizes="32x32" type="image/png">' in html
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    assert '<link rel="apple-touch-icon" href="/static/brand/apple-touch-icon.png">' in html
    assert '<link rel="manifest" href="/site.webmanifest">' in html
    assert static_image("/static/brand/favicon-32.png").size == (32, 32)
    assert static_image("/static/brand/apple-touch-icon.png").size == (180, 180)


def test_favicon_ico_leads_to_the_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == "/static/brand/favicon-32.png"


@pytest.mark.parametrize(
    ("url", "lang", "name", "start"),
    [
        ("/site.webmanifest", "fr", "Atlas de la coopération décentralisée", "/"),
        ("/en/site.webmanifest", "en", "Atlas of decentralised cooperation", "/en/"),
    ],
)
def test_the_manifest_is_served_as_one_in_each_language(client, url, lang, name, start):
    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == name and manifest["start_url"] == start
    assert manifest["lang"] == lang
    for icon in manifest["icons"]:
        width, height = map(int, icon["sizes"].split("x"))
        assert static_image(icon["src"]).size == (width, height), icon["src"]
    assert {icon["sizes"] for icon in manifest["icons"]} >= {"192x192", "512x512"}
    assert any(icon["purpose"] == "maskable" for icon in manifest["icons"])


@pytest.mark.parametrize(("prefix", "image"), [("", "social-fr.png"), ("/en", "social-en.png")])
def test_a_page_without_an_image_of_its_own_previews_with_the_sites(client, prefix, image):
    html = client.get(prefix + reverse("cooperation:partnership-list")).text

    assert meta(html, "og:image") == [f"{SITE}/static/brand/{image}"]
    assert meta(html, "og:image:width") == ["1200"] and meta(html, "og:image:height") == ["630"]
    assert meta(html, "og:image:alt") and meta(html, "twitter:image:alt")
    assert meta(html, "twitter:card") == ["summary_large_image"]
    assert static_image(f"/static/brand/{image}").size == (1200, 630)


def test_a_partnership_previews_with_its_lead_image_else_the_sites(client):
    photo = make_image("Les maires de Hué et de Namur", width=1000, height=500)
    pictured, plain = make_partnership(lead_image=photo), make_partnership()

    pictured_html = client.get(pictured.get_absolute_url()).text
    plain_html = client.get(plain.get_absolute_url()).text

    assert meta(pictured_html, "og:image") == [SITE + photo.fallback_rendition.url]
    assert meta(pictured_html, "twitter:image:alt") == ["Les maires de Hué et de Namur"]
    assert meta(plain_html, "og:image") == [f"{SITE}/static/brand/social-fr.png"]
    for html in (pictured_html, plain_html):
        assert meta(html, "twitter:card") == ["summary_large_image"]
    # Search engines: the same image, and the parties the page is about.
    data = json_ld(pictured_html)
    assert data["@type"] == "WebPage" and data["name"] == pictured.name
    assert data["image"]["url"] == SITE + photo.fallback_rendition.url
    assert data["image"]["caption"] == "Les maires de Hué et de Namur"
    assert [body["name"] for body in data["about"]] == [party.body.name for party in pictured.parties.all()]
    assert json_ld(plain_html)["image"]["url"] == f"{SITE}/static/brand/social-fr.png"


def test_an_article_gives_link_previews_and_search_engines_an_image_in_either_case(client):
    photo = make_image("Le pont", width=1000, height=500)
    pictured, plain = make_article(lead_image=photo), make_article()

    pictured_html = client.get(pictured.get_absolute_url()).text
    plain_html = client.get(plain.get_absolute_url()).text
    english_html = client.get("/en" + plain.get_absolute_url()).text

    assert json_ld(pictured_html)["image"]["url"] == SITE + photo.fallback_rendition.url
    assert meta(pictured_html, "og:image") == [SITE + photo.fallback_rendition.url]
    assert json_ld(plain_html)["image"] == {
        "@type": "ImageObject",
        "url": f"{SITE}/static/brand/social-fr.png",
        "width": 1200,
        "height": 630,
    }
    assert meta(plain_html, "og:image") == [f"{SITE}/static/brand/social-fr.png"]
    assert json_ld(english_html)["image"]["url"] == f"{SITE}/static/brand/social-en.png"
    for html in (pictured_html, plain_html):
        assert meta(html, "twitter:card") == ["summary_large_image"]
