"""Lead images on the public pages: one responsive picture, its credit, link previews."""

import json
import re

import pytest
from django.urls import reverse

from tests.factories import make_article, make_body, make_image, make_partnership

pytestmark = pytest.mark.django_db


def picture_of(html, image):
    """The <picture> showing `image` in `html`."""
    for picture in re.findall(r"<picture[^>]*>.*?</picture>", html, re.S):
        if image.srcset in picture:
            return picture
    raise AssertionError("no picture of the image")


def test_an_article_opens_with_its_lead_image_and_credit(client):
    image = make_image("Les deux maires signent le protocole", width=2000, height=1000, credit="Ville de Hué")
    article = make_article(lead_image=image)

    html = client.get(article.get_absolute_url()).text

    picture = picture_of(html, image)
    assert 'sizes="(min-width: 47rem) 44rem, calc(100vw - 2.5rem)"' in picture
    assert 'width="800" height="400" alt="Les deux maires signent le protocole"' in picture
    assert 'fetchpriority="high"' in picture and 'loading="lazy"' not in picture  # above the fold
    assert "Crédit : Ville de Hué," in html
    licence = "https://creativecommons.org/licenses/by-sa/4.0/deed.fr"
    assert f'<a rel="license" href="{licence}">CC BY-SA 4.0</a>' in html


def test_an_article_with_a_lead_image_gives_it_to_link_previews_and_search_engines(client, settings):
    settings.SITE_URL = "https://atlas.example.org"
    image = make_image("Le pont", width=1000, height=500, credit="Ville de Hué")
    article = make_article(lead_image=image)
    url = "https://atlas.example.org" + image.fallback_rendition.url

    html = client.get(article.get_absolute_url()).text

    assert f'<meta property="og:image" content="{url}">' in html
    assert '<meta property="og:image:alt" content="Le pont">' in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["image"] == {
        "@type": "ImageObject",
        "url": url,
        "width": 800,
        "height": 400,
        "caption": "Le pont",
        "creditText": "Ville de Hué",
        "license": "https://creativecommons.org/licenses/by-sa/4.0/deed.fr",
    }


def test_an_article_without_an_image_shows_none_and_previews_with_the_sites(client, settings):
    settings.SITE_URL = "https://atlas.example.org"
    html = client.get(make_article().get_absolute_url()).text

    assert "<picture" not in html
    social = "https://atlas.example.org/static/brand/social-fr.png"
    assert f'<meta property="og:image" content="{social}">' in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["image"] == {"@type": "ImageObject", "url": social, "width": 1200, "height": 630}


def test_article_cards_show_a_lazy_decorative_picture(client):
    image = make_image("Le pont")
    make_article(lead_image=image)

    picture = picture_of(client.get(reverse("articles:article-list")).text, image)

    assert 'loading="lazy"' in picture and 'alt=""' in picture
    assert 'sizes="16rem"' in picture


def test_a_partnership_and_a_body_show_their_lead_image(client):
    photo = make_image("Les délégations de Hué et de Namur")
    arms = make_image("Blason de Namur", width=600, height=720)
    body = make_body(lead_image=arms)
    partnership = make_partnership(body, make_body(), lead_image=photo)

    partnership_html = client.get(partnership.get_absolute_url()).text
    body_html = client.get(body.get_absolute_url()).text

    assert 'alt="Les délégations de Hué et de Namur"' in picture_of(partnership_html, photo)
    assert "og:image" in partnership_html
    assert 'sizes="14rem"' in picture_of(body_html, arms)
    assert 'width="600" height="720" alt="Blason de Namur"' in body_html
