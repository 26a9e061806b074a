"""What PostgreSQL is asked: the typo fallback is decided apart and uses its trigram index; a
common word is ranked over a bounded set of candidates."""

import pytest
from django.db import connection

from cooperation.models import Partnership
from core.search import RANK_CANDIDATES
from tests.conftest import requires_postgres
from tests.factories import make_partnership

pytestmark = [pytest.mark.django_db, requires_postgres]


def plan(queryset):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a few rows would be scanned anyway
        sql, params = queryset.order_by().query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.fixture
def partnerships():
    make_partnership(name="Tombouctou – Chinguetti", summary="Une coopération entre deux villes du désert.")
    make_partnership(name="Hué – Namur", summary="Une coopération sur le patrimoine.")


def test_a_matching_word_asks_no_similarity_of_any_row(partnerships):
    sql = str(Partnership.objects.search("tombouctou").query).upper()
    assert "WORD_SIMILARITY" not in sql and "%>" not in sql
    assert "partnership_search_gin" in plan(Partnership.objects.search("tombouctou"))


def test_a_typo_uses_the_trigram_index(partnerships):
    typo = Partnership.objects.search("tombouctu")
    assert list(typo.values_list("name", flat=True)) == ["Tombouctou – Chinguetti"]
    assert "partnership_names_trgm" in plan(typo)


def test_ranking_is_limited_to_the_candidates(partnerships):
    sql = str(Partnership.objects.search("cooperation").query)
    assert f"LIMIT {RANK_CANDIDATES}" in sql
    assert sorted(Partnership.objects.search("cooperation").values_list("name", flat=True)) == [
        "Hué – Namur",
        "Tombouctou – Chinguetti",
    ]
