import pytest

from cooperation.directory import DirectorySnapshot
from core.models import Publication
from tests.factories import make_agreement, make_body, make_domain, make_partnership

pytestmark = pytest.mark.django_db


def test_related_partnerships_share_a_party_first_then_a_domain_six_at_most():
    hue, namur, water = make_body("Hué"), make_body("Namur"), make_domain("Eau")
    partnership = make_partnership(hue, namur, name="Hué – Namur", domains=[water])
    same_domain = [make_partnership(name=f"A{n} – domaine", domains=[water]) for n in range(3)]
    same_party = [make_partnership(hue, make_body(), name=f"Z{n} – Hué") for n in range(4)]
    make_partnership(name="Sans rapport")

    related = DirectorySnapshot.build().related(partnership.pk)

    assert related == [p.pk for p in same_party + same_domain[:2]]


def test_a_domain_of_a_published_agreement_relates_too_and_drafts_are_left_out():
    water = make_domain("Eau")
    partnership = make_partnership(name="Hué – Namur")
    make_agreement(partnership, domains=[water])
    shares_it = make_partnership(name="B – eau", domains=[water])
    make_partnership(name="A – eau, brouillon", domains=[water], publication=Publication.DRAFT)
    draft_agreement = make_agreement(make_partnership(name="C – accord en brouillon"), domains=[water])
    draft_agreement.publication = Publication.DRAFT
    draft_agreement.save()

    assert DirectorySnapshot.build().related(partnership.pk) == [shares_it.pk]


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
