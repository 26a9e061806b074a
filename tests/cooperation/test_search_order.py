"""The site-wide search ranks a match in a title above one in a summary, above one in the text."""

import re

import pytest
from django.urls import reverse

from tests.factories import make_article, make_partnership

pytestmark = pytest.mark.django_db


def titles_in_order(html, titles):
    positions = {title: html.index(title) for title in titles if title in html}
    return sorted(positions, key=positions.get)


def test_site_search_ranks_title_then_standfirst_then_text(client):
    in_text = make_article("Une journée à Lausanne")
    in_text.text = "<p>Le mot citadelle n'apparaît qu'ici.</p>"
    in_text.save()
    in_standfirst = make_article("Un congrès à Namur")
    in_standfirst.standfirst = "Il fut question de la citadelle."
    in_standfirst.save()
    make_article("La citadelle de Hué restaurée")
    make_article("Sans rapport")

    html = client.get(reverse("cooperation:search"), {"q": "citadelle"}).text

    ranked = ["La citadelle de Hué restaurée", "Un congrès à Namur", "Une journée à Lausanne"]
    assert titles_in_order(html, [*ranked, "Sans rapport"]) == ranked


def test_site_search_ranks_a_partnership_named_for_the_word_first(client):
    make_partnership(name="Alpha – Bêta", summary="Deux villes qui partagent une citadelle.")
    make_partnership(name="Citadelle – Gamma")

    html = client.get(reverse("cooperation:search"), {"q": "citadelle"}).text
    cards = re.findall(r"<h3[^>]*>\s*<a [^>]*>([^<]+)</a>", html)

    assert cards == ["Citadelle – Gamma", "Alpha – Bêta"]
