import pytest

from cooperation.models import Partnership
from tests.factories import make_body, make_domain, make_partnership

pytestmark = pytest.mark.django_db


def test_related_partnerships_share_a_party_first_then_a_domain_six_at_most():
    hue, namur, water = make_body("Hué"), make_body("Namur"), make_domain("Eau")
    partnership = make_partnership(hue, namur, name="Hué – Namur", domains=[water])
    same_domain = [make_partnership(name=f"A{n} – domaine", domains=[water]) for n in range(3)]
    same_party = [make_partnership(hue, make_body(), name=f"Z{n} – Hué") for n in range(4)]
    make_partnership(name="Sans rapport")

    related = list(Partnership.objects.for_listing().related_to(partnership))

    assert related == same_party + same_domain[:2]


def test_several_relations_are_semi_joins_not_one_join_of_all():
    """An OR across multi-valued relations joins them all to each other: one semi-join each."""
    from articles.models import Article

    partnership = make_partnership()
    for queryset in (
        Article.objects.about(partnerships=partnership, agreements__partnership=partnership),
        partnership.domain_ids(),
    ):
        outer = str(queryset.query).split(" WHERE ")[0]
        assert "JOIN" not in outer, outer
