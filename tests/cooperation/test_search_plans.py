"""What PostgreSQL is asked: the typo fallback is decided apart and uses its trigram index; a
common word is ranked over a bounded set of candidates."""

import pytest
from django.db import connection

from cooperation.models import Partnership
from core.search import RANK_CANDIDATES
from tests.conftest import requires_postgres
from tests.factories import make_partnership
from tests.queries import plan

pytestmark = [pytest.mark.django_db, requires_postgres]


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


def test_rows_stay_narrow_and_a_match_costs_what_detoasting_a_vector_costs():
    """At 100,000 rows, « coopération » (80 % of them) then comes from the GIN index in 30-50 ms
    instead of a sequential scan detoasting every search vector (250-500 ms): README « At scale ».
    A table of a few rows is scanned whatever the costs, so the settings are checked here."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reloptions FROM pg_class"
            " WHERE relname IN ('cooperation_partnership', 'articles_article') ORDER BY relname"
        )
        assert cursor.fetchall() == [
            ("articles_article", ["toast_tuple_target=512"]),
            ("cooperation_partnership", ["toast_tuple_target=512"]),
        ]
        # What pages sort on stays in the row (MAIN), or each comparison would read the TOAST table.
        cursor.execute(
            "SELECT attname, attstorage FROM pg_attribute"
            " WHERE attrelid = 'cooperation_partnership'::regclass AND attname IN ('name', 'slug')"
            " ORDER BY attname"
        )
        assert cursor.fetchall() == [("name", "m"), ("slug", "m")]
        cursor.execute(
            "SELECT procost FROM pg_proc WHERE oid = 'ts_match_vq(tsvector, tsquery)'::regprocedure"
        )
        assert cursor.fetchone() == (100,)


def test_names_of_people_and_bodies_match_from_their_trigram_indexes():
    from cooperation.models import Body, Person
    from core.search import names_matching
    from tests.factories import make_body

    make_body("Huế")
    Person.objects.create(name="Nguyễn Văn Phúc", slug="nguyen-van-phuc")
    people = names_matching(Person.objects.all(), "phuc", ["name"])
    bodies = names_matching(Body.objects.all(), "HUE", ["name", "short_name"])
    assert list(people.values_list("name", flat=True)) == ["Nguyễn Văn Phúc"]  # accents and case aside
    assert list(bodies.values_list("name", flat=True)) == ["Huế"]
    assert "person_name_trgm" in plan(people)
    assert "body_name_trgm" in plan(bodies) and "body_short_name_trgm" in plan(bodies)


def test_site_search_candidates_are_the_newest_published_articles():
    """The first 1,000 matches in the published articles' order, which their partial date index
    gives at 100,000 rows (README « At scale »), not among every row. On a test table of a few
    rows the planner picks any index, so the query's shape is checked."""
    from articles.models import Article
    from core.search import rank_candidates

    sql = str(rank_candidates(Article.objects.published(), "cooperation").query)
    assert """"articles_article"."publication" = published""" in sql
    assert 'ORDER BY "articles_article"."published_on" DESC' in sql and f"LIMIT {RANK_CANDIDATES}" in sql
