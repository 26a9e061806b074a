"""How the directory and a partnership page are laid out: the « Filtrer » disclosure, the fact box."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("cooperation:partnership-list")


def disclosure(html):
    """The <details> around the directory's filters: (its opening tag, its summary's text)."""
    match = re.search(r"(<details class=\"filter-disclosure\"[^>]*>)\s*<summary>(.*?)</summary>", html, re.S)
    assert match, "no « Filtrer » disclosure"
    return match.group(1), " ".join(re.sub(r"<[^>]+>", " ", match.group(2)).split())


def test_the_directorys_filters_are_behind_a_filtrer_disclosure(client, seed):
    html = client.get(DIRECTORY).text

    tag, summary = disclosure(html)
    assert summary == "Filtrer"
    assert " open" not in tag  # closed on a phone: the results come first
    details = html[html.index(tag) : html.index("</details>")]
    assert '<form class="filters" method="get"' in details and 'name="pays"' in details


def test_the_disclosure_counts_the_active_filters_and_opens_on_an_error(client, seed):
    _tag, summary = disclosure(client.get(DIRECTORY, {"pays": "vietnam", "q": "hue", "tri": "nom"}).text)
    assert summary == "Filtrer (2 filtres actifs)"  # the sort is not a filter
    _tag, summary = disclosure(client.get(DIRECTORY, {"pays": "vietnam"}).text)
    assert summary == "Filtrer (1 filtre actif)"

    tag, _summary = disclosure(client.get(DIRECTORY, {"pays": "atlantide"}).text)
    assert tag == '<details class="filter-disclosure" open>'  # the error is shown, not hidden


def test_a_partnership_page_sums_it_up_in_a_fact_box(client, seed):
    html = client.get(reverse("cooperation:partnership-detail", args=["hue-namur"])).text

    box = re.search(r'<aside class="fact-box partnership-facts".*?</aside>', html, re.S).group(0)
    text = " ".join(re.sub(r"<[^>]+>", " ", box).split())
    assert text.startswith("En bref Type Accord de coopération Statut Actif")
    assert "Début 2010" in text
    assert "Parties Ville de Hué (Vietnam) Ville de Namur (Belgique)" in text
    assert "Domaines Aménagement des espaces verts" in text
    assert "Dans la chronologie 2 accords" in text and "délégation" not in text  # none: not « 0 »
    assert 'href="/acteurs/hue/"' in box and 'href="#timeline-title"' in box
    assert "Suivre ce partenariat" in box
    # The story beside it: the summary first, the fact box after it (first on a phone, under the title).
    assert (
        html.index('class="partnership-intro"')
        < html.index("partnership-facts")
        < html.index("timeline-title")
    )
