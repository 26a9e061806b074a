"""generate_atlas: the counts asked for, linked rows, the documented search words, the same rows for
the same seed, and no mixing with real content unless forced."""

import io
import itertools

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q

from articles.models import Article
from cooperation import generator
from cooperation.models import (
    Agreement,
    AgreementDomain,
    Body,
    Country,
    Delegation,
    DelegationMember,
    Meeting,
    Partnership,
    Party,
    Signatory,
)
from core import search
from core.sanitize import sanitize_html

PARTNERSHIPS = ARTICLES = 60


def generate(**options):
    options = {"partnerships": 20, "articles": 20, "seed": 1, "verbosity": 0} | options
    call_command("generate_atlas", stdout=io.StringIO(), stderr=io.StringIO(), **options)


def articles_found(q):
    return search.full_text(Article.objects.all(), q, Article.SEARCH_WEIGHTS).count()


def partnerships_found(q):
    return Partnership.objects.search(q).count()


@pytest.fixture(scope="class")
def atlas(django_db_setup, django_db_blocker):
    """One small atlas for the whole class, in an outer transaction each test nests in (rolled back)."""
    with django_db_blocker.unblock(), transaction.atomic():
        stderr = io.StringIO()
        call_command(
            "generate_atlas", partnerships=PARTNERSHIPS, articles=ARTICLES, seed=3, stdout=io.StringIO(),
            stderr=stderr,
        )  # fmt: skip
        yield stderr.getvalue()
        transaction.set_rollback(True)


@pytest.mark.usefixtures("atlas", "db")
class TestGeneratedAtlas:
    def test_counts_are_the_ones_asked_for(self):
        assert Partnership.objects.count() == PARTNERSHIPS
        assert Article.objects.published().count() == ARTICLES
        assert Country.objects.count() == len(generator.COUNTRIES)
        assert Body.objects.count() == generator.Counts(PARTNERSHIPS, ARTICLES).bodies

    def test_every_generated_row_is_marked(self):
        for model in generator.GENERATED:
            assert not model.objects.exclude(slug__startswith=generator.PREFIX).exists(), model

    def test_every_partnership_has_parties_and_agreements(self):
        partnerships = Partnership.objects.annotate(
            n_parties=Count("parties", distinct=True), n_agreements=Count("agreements", distinct=True)
        )
        assert not partnerships.filter(Q(n_parties__lt=2) | Q(n_parties__gt=3) | Q(n_agreements=0)).exists()
        # Usually one French body and one foreign one.
        parties = Party.objects.filter(partnership=OuterRef("pk"))
        french = parties.filter(body__country__code="FR")
        foreign = parties.exclude(body__country__code="FR")
        assert Partnership.objects.filter(Exists(french), Exists(foreign)).count() > PARTNERSHIPS * 0.7

    def test_agreements_expire_renew_or_stay_open(self):
        assert Agreement.objects.filter(renews__isnull=False).exists()
        assert Agreement.objects.filter(valid_until__lt=generator.AS_OF).exists()
        assert Agreement.objects.filter(valid_from__isnull=False, valid_until__isnull=True).exists()
        assert not Agreement.objects.filter(renews__isnull=False).exclude(
            renews__partnership=F("partnership")
        )
        # Year precision, stored as save() would: 1 January to 31 December.
        assert not Agreement.objects.filter(valid_from__isnull=False).exclude(
            valid_from__month=1, valid_from__day=1
        )
        assert not Agreement.objects.filter(valid_until__isnull=False).exclude(
            valid_until__month=12, valid_until__day=31
        )

    def test_priority_domains_are_numbered(self):
        per_agreement = Agreement.objects.annotate(
            n=Count("domain_links"), first=Min("domain_links__position"), last=Max("domain_links__position")
        )
        assert not per_agreement.exclude(n__gte=1, n__lte=3, first=1, last=F("n")).exists()
        assert AgreementDomain.objects.exclude(detail="").exists()

    def test_signatories_and_delegations_hold_offices_in_their_bodies(self):
        assert Signatory.objects.exists()
        assert not Signatory.objects.exclude(
            office__person=F("person"), office__body=F("on_behalf_of")
        ).exists()
        delegations = Delegation.objects.all()
        assert 0 < delegations.values("partnership").distinct().count() < PARTNERSHIPS * 0.4
        assert not delegations.exclude(
            leader_office__person=F("leader"), leader_office__body=F("sending_body")
        )
        assert DelegationMember.objects.exists() and Meeting.objects.exists()
        assert not DelegationMember.objects.filter(person__isnull=False).exclude(office__person=F("person"))

    def test_articles_are_linked(self):
        linked = Article.objects.filter(partnerships__isnull=False).distinct().count()
        assert linked >= ARTICLES * 0.8
        assert not Article.objects.filter(themes__isnull=True).exists()
        assert Article.objects.filter(bodies__isnull=False).distinct().count() == ARTICLES
        about_agreements = Article.objects.filter(agreements__isnull=False)
        assert not about_agreements.exclude(agreements__partnership__articles=F("pk")).exists()

    def test_article_text_is_what_sanitize_html_keeps(self):
        for text in Article.objects.values_list("text", flat=True):
            assert text.startswith("<p>")
            assert sanitize_html(text) == text

    def test_search_columns_are_filled(self):
        assert not Partnership.objects.filter(search_a="").exists()
        if connection.vendor == "postgresql":
            assert not Partnership.objects.filter(search_vector__isnull=True).exists()
            assert not Article.objects.filter(search_vector__isnull=True).exists()

    def test_the_common_word_is_in_four_rows_out_of_five(self):
        share = round(PARTNERSHIPS * generator.COMMON_SHARE)
        assert partnerships_found(generator.COMMON_WORD) == share
        assert articles_found(generator.COMMON_WORD) == round(ARTICLES * generator.COMMON_SHARE)

    @pytest.mark.parametrize("word", list(generator.RARE_WORDS))
    def test_a_rare_word_is_in_three_rows(self, word):
        assert partnerships_found(word) == generator.RARE_ROWS
        assert articles_found(word) == generator.RARE_ROWS

    def test_the_rare_phrase(self):
        if connection.vendor == "postgresql":
            assert partnerships_found(f'"{generator.RARE_PHRASE}"') == generator.RARE_ROWS
            assert articles_found(f'"{generator.RARE_PHRASE}"') == generator.RARE_ROWS
        # Both words, anywhere: the phrase rows, and perhaps a row with each word apart.
        assert generator.RARE_ROWS <= partnerships_found(generator.RARE_PHRASE) <= 2 * generator.RARE_ROWS
        assert partnerships_found("flottants") == 2 * generator.RARE_ROWS

    def test_the_uncommon_word(self):
        assert partnerships_found(generator.UNCOMMON_WORD) == round(PARTNERSHIPS * generator.UNCOMMON_SHARE)

    def test_progress_goes_to_stderr(self, atlas):
        assert f"partnerships: {PARTNERSHIPS}/{PARTNERSHIPS} (100%)" in atlas
        assert f"articles: {ARTICLES}/{ARTICLES} (100%)" in atlas


def test_bodies_of_every_kind_where_their_country_is(db):
    generate(partnerships=40, articles=5, bodies=400)
    assert set(Body.objects.values_list("kind", flat=True)) == {
        Body.Kind.MUNICIPALITY, Body.Kind.CAPITAL, Body.Kind.REGION, Body.Kind.MINISTRY,
        Body.Kind.ASSOCIATION, Body.Kind.INTERNATIONAL,
    }  # fmt: skip
    assert not Body.objects.filter(kind=Body.Kind.INTERNATIONAL, country__isnull=False).exists()
    boxes = {country.code: country.box for country in generator.COUNTRIES}
    for code, latitude, longitude in Body.objects.filter(latitude__isnull=False).values_list(
        "country__code", "latitude", "longitude"
    ):
        lat_min, lat_max, lon_min, lon_max = boxes[code]
        assert lat_min <= latitude <= lat_max and lon_min <= longitude <= lon_max, code
    # Mayors follow one another: the first since an unknown date, the last still in office.
    terms = list(
        Body.objects.get(name="Ville de Paris")
        .offices.filter(title="Maire de Paris")
        .order_by(F("start_on").asc(nulls_first=True))
        .values_list("start_on", "end_on")
    )
    assert len(terms) >= 2 and terms[0][0] is None and terms[-1][1] is None
    assert all(end < next_start for (_, end), (next_start, _) in itertools.pairwise(terms))


def snapshot():
    """The generated content, without keys or timestamps."""
    return {
        "partnerships": list(
            Partnership.objects.order_by("slug").values_list("slug", "name", "kind", "started_on", "summary")
        ),
        "parties": sorted(Party.objects.values_list("partnership__slug", "body__slug")),
        "bodies": list(Body.objects.order_by("slug").values_list("slug", "name", "latitude", "longitude")),
        "agreements": list(
            Agreement.objects.order_by("slug").values_list(
                "slug", "title", "signed_on", "valid_from", "valid_until", "renews__slug", "summary"
            )
        ),
        "signatories": sorted(
            Signatory.objects.values_list("agreement__slug", "person__slug", "office__title")
        ),
        "delegations": list(
            Delegation.objects.order_by("slug").values_list("slug", "start_on", "leader__slug")
        ),
        "members": sorted(DelegationMember.objects.values_list("delegation__slug", "position", "body__slug")),
        "articles": list(
            Article.objects.order_by("slug").values_list("slug", "standfirst", "text", "published_on")
        ),
        "article partnerships": sorted(
            Article.partnerships.through.objects.values_list("article__slug", "partnership__slug")
        ),
        "article tags": sorted(Article.tags.through.objects.values_list("content_object__slug", "tag__name")),
    }


def generated(seed):
    """What a run with `seed` writes (rolled back afterwards, so the next run starts empty)."""
    with transaction.atomic():
        generate(partnerships=30, articles=30, seed=seed)
        rows = snapshot()
        transaction.set_rollback(True)
    return rows


def test_the_same_seed_gives_the_same_rows(db):
    first = generated(7)
    assert len(first["partnerships"]) == 30 and len(first["articles"]) == 30
    assert generated(7) == first
    assert generated(8)["partnerships"] != first["partnerships"]


def test_refuses_seed_data_unless_forced(db):
    call_command("seed", verbosity=0)
    with pytest.raises(CommandError, match=r"did not create.*3 partnerships \(e\.g\. « .+ »\).*--force"):
        generate()
    assert not Partnership.objects.filter(slug__startswith=generator.PREFIX).exists()

    generate(force=True)
    assert Partnership.objects.filter(slug__startswith=generator.PREFIX).count() == 20
    assert Partnership.objects.filter(slug="hue-namur").exists()
    # The seed's countries (and domains, themes, tags of the same name) are used, not doubled.
    assert Country.objects.filter(code="VN").get().slug == "vietnam"
    assert Party.objects.filter(body__country__slug="vietnam", partnership__slug__startswith="gen-").exists()


def test_refuses_a_second_atlas(db):
    generate()
    with pytest.raises(CommandError, match="already holds a generated atlas"):
        generate(force=True, seed=2)
    assert Partnership.objects.count() == 20
