"""What a shared link or a search result shows of a page: its own description where it has one
(`<meta name=description>` and `og:description`), plain text, cut after a word near 200 characters."""

import html
import re

import pytest
from django.urls import reverse

from articles.models import Article
from cooperation.models import Agreement, Body, Country, Delegation, Domain, Event, Partnership
from core.sanitize import plain_text
from core.templatetags.seo import meta_description

GENERIC = "Le registre public de la coopération décentralisée entre villes"


def descriptions(client, url):
    page = client.get(url).content.decode()
    named = re.findall(r'<meta name="description" content="([^"]*)">', page)
    og = re.findall(r'<meta property="og:description" content="([^"]*)">', page)
    assert len(named) == 1 and named == og, url
    return html.unescape(named[0])


@pytest.mark.parametrize(
    ("model", "slug", "field"),
    [
        (Body, "ancld", "description"),
        (Event, "aimf-congres-2024", "description"),
        (Delegation, "hanoi-vientiane-2024-09", "purpose"),
        (Agreement, "hue-namur-accord-2010", "summary"),
        (Partnership, "hue-namur", "summary"),
        (Article, "namur-et-hue-signent-un-protocole-de-cooperation-2024-2029", "standfirst"),
    ],
)
def test_a_page_describes_itself_with_its_own_text(client, seed, model, slug, field):
    row = model.objects.get(slug=slug)
    text = " ".join(plain_text(getattr(row, field)).split())
    assert text, "the seed row has a text"
    description = descriptions(client, row.get_absolute_url())
    assert GENERIC not in description
    assert "<" not in description and len(description) <= 300
    assert description.rstrip("…").split()[:8] == text.split()[:8]


def test_a_domain_with_a_description_and_one_without(client, seed):
    domain = Domain.objects.get(slug="gouvernance")
    assert GENERIC in descriptions(client, domain.get_absolute_url())
    domain.description = "La gouvernance locale : élus, administrations, participation des habitants."
    domain.save()
    assert descriptions(client, domain.get_absolute_url()) == domain.description


def test_a_country_page_says_what_it_lists(client, seed):
    country = Country.objects.get(slug="vietnam")
    assert descriptions(client, country.get_absolute_url()) == (
        "Vietnam dans l'atlas de la coopération décentralisée : ses acteurs, leurs partenariats, leurs "
        "accords et leurs délégations."
    )
    assert descriptions(client, "/en" + country.get_absolute_url()).startswith(
        "Vietnam in the atlas of decentralised cooperation"
    )


def test_pages_without_a_text_keep_the_sites_description(client, seed):
    assert GENERIC in descriptions(client, reverse("home"))
    assert GENERIC in descriptions(client, reverse("cooperation:body-detail", args=["aimf"]))


def test_meta_description_is_plain_and_cut_after_a_word():
    assert meta_description("<p>Un <strong>texte</strong></p><p>court.</p>") == "Un texte court."
    long = "<p>" + "mot " * 100 + "</p>"
    cut = meta_description(long)
    assert cut.endswith("mot…") and len(cut) <= 200
    assert meta_description("") == ""
    assert meta_description("<script>alert(1)</script>Bonjour") == "Bonjour"


@pytest.mark.parametrize(
    "url",
    [
        reverse("articles:article-list") + "?theme=gouvernance",
        reverse("cooperation:map") + "?pays=vietnam",
        reverse("cooperation:delegation-list") + "?tri=recent",
        reverse("cooperation:search") + "?q=zanzibar",
    ],
)
def test_filtered_and_searched_lists_are_not_indexed(client, seed, url):
    assert '<meta name="robots" content="noindex, follow">' in client.get(url).content.decode()
