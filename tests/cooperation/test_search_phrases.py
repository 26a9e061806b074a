"""Phrases in the partnerships' search (PostgreSQL): a two-word phrase is looked up in the index of
adjacent words, with nothing to check row by row, and finds exactly the rows the phrase operator
finds; the other phrases keep the plain vector."""

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection

from cooperation.models import Partnership
from core.search import CONFIG
from tests.conftest import requires_postgres
from tests.factories import make_partnership
from tests.queries import plan

pytestmark = [pytest.mark.django_db, requires_postgres]

SUMMARIES = {
    "Hué – Namur": "Les jardins flottants de Hué et l'eau potable.",
    "Cần Thơ – Rennes": "Des jardins, des marchés flottants.",  # both words, apart
    "Huế – Lyon": "Des jardins flottants, et des jardins.",
    "Hanoï – Toulouse": "Une coopération décentralisée pour l'eau potable.",
    "Vientiane – Chambéry": "Flottants, les jardins ? Non : l'eau.",  # both words, the wrong order
}
QUERIES = [
    '"jardins flottants"',
    '"jardin flottant"',
    '"flottants jardins"',
    '"eau potable" coopération',
    '"jardins flottants" -"eau potable"',
    '"jardins flottants" or "eau potable"',
    '"jardins flottants de Hué"',  # a stop word between: the plain vector
    '"des jardins flottants"',
    "l'eau potable",
    "l'eau",
]


@pytest.fixture
def partnerships(db):
    for name, summary in SUMMARIES.items():
        make_partnership(name=name, summary=summary)


def found(queryset):
    return sorted(queryset.values_list("name", flat=True))


def by_phrase_operator(q):
    """What `search_vector @@ query` alone finds: the positions checked in each vector."""
    query = SearchQuery(q, search_type="websearch", config=CONFIG)
    return found(Partnership.objects.filter(search_vector=query))


@pytest.mark.parametrize("q", QUERIES)
def test_a_phrase_finds_what_the_phrase_operator_finds(partnerships, q):
    assert found(Partnership.objects.search(q)) == by_phrase_operator(q)


def test_a_two_word_phrase_finds_the_rows_holding_the_words_side_by_side(partnerships):
    assert found(Partnership.objects.search('"jardins flottants"')) == ["Hué – Namur", "Huế – Lyon"]
    assert found(Partnership.objects.search('"jardins flottants" -"eau potable"')) == ["Huế – Lyon"]


def test_a_two_word_phrase_is_one_exact_lookup_of_the_pairs_index(partnerships):
    shown = plan(Partnership.objects.search('"jardins flottants"'))
    assert "partnership_phrase_gin" in shown
    # The query was folded when planned: a pair to look up, no phrase operator left to check.
    assert "'''jardin flott'''::tsquery" in shown
    assert "<->" not in shown and "CASE" not in shown


def test_a_phrase_the_pairs_cannot_answer_keeps_the_plain_vector(partnerships):
    shown = plan(Partnership.objects.search('"jardins flottants de Hué"'))
    assert "partnership_phrase_gin" not in shown and "partnership_search_gin" in shown
    assert "CASE" not in shown


def test_the_pairs_of_a_vector_follow_its_positions():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT atlas_phrase_pairs(to_tsvector(%s::regconfig, %s))::text",
            [CONFIG, "Jardins flottants, jardins d'eau"],
        )
        (pairs,) = cursor.fetchone()
    # « d' » is a stop word: it keeps its position, so « jardins » and « eau » are no pair.
    assert pairs == "'eau':5 'flott':2 'flott jardin' 'jardin':1,3 'jardin flott'"
