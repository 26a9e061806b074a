"""The French the site writes itself: every seed page, read as a visitor reads it, has no sentence with
a missing article, a missed contraction or elision, or a plural that does not agree with its number
(core/grammar.py; the names' articles are set in the seed fixtures)."""

import html
import re

import pytest
from django.urls import reverse
from django.utils import translation

from articles.models import Article
from cooperation.models import Agreement, Body, Country, Delegation, Domain, Event, Partnership, Person
from tests.public_urls import public_pages

INLINE = r"</?(?:a|span|strong|em|b|i|abbr|time|bdi|mark|small)\b[^>]*>"


def sentences(page):
    """The page's text, tags dropped: inline ones join their words, the others end a run of text
    (a label in a <dt> and the value in its <dd> make no sentence)."""
    page = re.sub(r"<(script|style|head)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(INLINE, "", page)
    page = re.sub(r"<[^>]+>", " | ", page)
    return re.sub(r"\s+", " ", html.unescape(page))


PLURALS = "accords|partenariats|acteurs|délégations|jours|personnes|pays concernés"
NOUNS = "Assemblée|Association|Congrès|Ministère|Ville|Réunion|Forum|Parti|Comité|Conseil|Organisation"
WRONG = {
    "no article before a common noun": rf"(?<![\w'])(?:de|à|lors de|pour|par) (?:{NOUNS})\b",
    "« de le », « à les »…": r"(?<![\w'])(?:de|à|De|À) (?:le|les) ",
    "« lors de » before a vowel": r"\blors de [AEIOUÉÈaeiouéè]",
    "« de » not elided": r"(?<![\w'])de [AEIOUÉÈ]\w",
    "an elided article apart from its name": r"(?<![\w'])l' ",
    "a plural after 0 or 1": rf"(?<![\d,.])\b[01] (?:{PLURALS})\b",
    "an empty group of results": r"\(0\)",
}  # fmt: skip


def seed_pages():
    urls = set(public_pages())
    for model in (Partnership, Body, Event, Delegation, Person, Article):
        urls.update(row.get_absolute_url() for row in model.objects.published())
    for model in (Agreement, Country, Domain):
        urls.update(row.get_absolute_url() for row in model.objects.all())
    search = reverse("cooperation:search")
    urls.update(f"{search}?q={q}" for q in ("hue", "lausanne", "ministere", "aimf", "zzzxq"))
    return sorted(urls)


def test_seed_pages_write_correct_french(client, seed):
    pages = seed_pages()
    assert len(pages) > 50
    found = []
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        text = sentences(response.content.decode())
        for name, pattern in WRONG.items():
            found += [
                (url, name, text[max(0, m.start() - 40) : m.end() + 20]) for m in re.finditer(pattern, text)
            ]
    assert found == []


def test_the_checks_catch_what_the_site_used_to_write():
    for wrong in (
        "Signature | en 2010 à Lausanne, lors de Assemblée générale de l'AIMF |",
        "le 24 mai 2024 à Lausanne, lors de Congrès de l'AIMF",
        "· de Ministère de la Décentralisation à Ministère libyen homologue ·",
        "| 1 accords en vigueur aujourd'hui |",
        "| Personnes (0) |",
        "(pour Ville de Hué)",
        "organisé par Association internationale",
    ):
        assert any(re.search(pattern, wrong) for pattern in WRONG.values()), wrong
    assert not any(
        re.search(pattern, text)
        for pattern in WRONG.values()
        for text in ("lors du Congrès", "de l'Assemblée", "du Ministère au Ministère", "| 12 accords |")
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            reverse("cooperation:agreement-detail", args=["hue-namur-accord-2010"]),
            "en 2010 à Lausanne, lors de l'Assemblée générale de l'AIMF",
        ),
        (
            reverse("cooperation:agreement-detail", args=["hue-namur-protocole-2024-2029"]),
            "le 24 mai 2024 à Lausanne, lors du Congrès de l'AIMF",
        ),
        (
            reverse("cooperation:agreement-detail", args=["hue-namur-protocole-2024-2029"]),
            "Président du Comité populaire de Hué (pour la Ville de Hué)",
        ),
        (
            reverse("cooperation:body-detail", args=["ministere-decentralisation-djibouti"]),
            "du Ministère de la Décentralisation au Ministère libyen homologue (décentralisation)",
        ),
        (
            reverse("cooperation:event-detail", args=["aimf-congres-2024"]),
            "organisé par l'Association internationale des maires francophones",
        ),
        (
            reverse("cooperation:body-detail", args=["hanoi"]),
            "de Hanoï à Vientiane · conduite par Trân Sy Thanh",
        ),
        (
            reverse("cooperation:delegation-detail", args=["hanoi-vientiane-2024-09"]),
            "Secrétaire du Comité central du Parti populaire révolutionnaire lao et Secrétaire du Comité",
        ),
    ],
)
def test_the_sentences_of_the_issue_read_right(client, seed, url, expected):
    assert expected in sentences(client.get(url).content.decode())


def test_the_home_figures_agree_with_their_number(client, seed):
    assert Agreement.objects.published().in_force().count() == 1
    assert Partnership.objects.published().count() == 3
    html_text = client.get(reverse("home")).content.decode()
    assert re.search(r"<dt>\s*accord en vigueur aujourd'hui\s*</dt>\s*<dd>1</dd>", html_text)
    assert re.search(r"<dt>\s*partenariats\s*</dt>\s*<dd>3</dd>", html_text)
    with translation.override("en"):
        english = client.get(reverse("home")).content.decode()
    assert re.search(r"<dt>\s*agreement in force today\s*</dt>\s*<dd>1</dd>", english)
    assert re.search(r"<dt>\s*partnerships\s*</dt>\s*<dd>3</dd>", english)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "/en" + reverse("cooperation:agreement-detail", args=["hue-namur-accord-2010"]),
            "in 2010 in Lausanne, at the Assemblée générale de l'AIMF",
        ),
        (
            "/en" + reverse("cooperation:agreement-detail", args=["hue-namur-protocole-2024-2029"]),
            "(for the Ville de Hué)",
        ),
        (
            "/en" + reverse("cooperation:body-detail", args=["ministere-decentralisation-djibouti"]),
            "from the Ministère de la Décentralisation to the Ministère libyen homologue (décentralisation)",
        ),
        (
            "/en" + reverse("cooperation:event-detail", args=["aimf-congres-2024"]),
            "organised by the Association internationale des maires francophones",
        ),
        ("/en" + reverse("cooperation:body-detail", args=["hanoi"]), "from Hanoï to Vientiane"),
        (
            "/en" + reverse("cooperation:person-detail", args=["anouphap-tounalom"]),
            "as Président du Conseil populaire de Vientiane, Secrétaire du Comité central du Parti populaire "
            "révolutionnaire lao and Secrétaire",
        ),
    ],
)
def test_the_english_site_reads_well(client, seed, url, expected):
    text = sentences(client.get(url).content.decode())
    assert expected in text
    assert "lors de" not in text and " et Secrétaire" not in text
