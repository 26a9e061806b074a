"""The directory's snapshot gives the counts and pages plain SQL gives, for every combination."""

import datetime
import io
import itertools
import random

import numpy as np
import pytest
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from taggit.models import Tag

from cooperation import indexing
from cooperation.directory import DirectorySnapshot, _local
from cooperation.filters import PartnershipFilterSet
from cooperation.models import Partnership, StoredSnapshot
from core import pagecache
from tests.factories import (
    make_agreement,
    make_body,
    make_country,
    make_domain,
    make_partnership,
)

pytestmark = pytest.mark.django_db
URL = reverse("cooperation:partnership-list")


@pytest.fixture
def atlas():
    """40 partnerships mixing countries, bodies (one without a country), domains (their own and
    their agreements'), tags, kinds and agreements over the years."""
    chance = random.Random(8)
    countries = [make_country() for _ in range(3)]
    bodies = [make_body(country=chance.choice(countries)) for _ in range(6)] + [make_body(country=None)]
    domains = [make_domain() for _ in range(4)]
    tags = [Tag.objects.create(name=f"mot {n}", slug=f"mot-{n}") for n in range(3)]
    for n in range(40):
        partnership = make_partnership(
            *chance.sample(bodies, chance.choice([1, 2, 2, 3])),
            name=f"{chance.choice('ABCDE')} partenariat {n}",
            kind=chance.choice(Partnership.Kind.values),
            domains=chance.sample(domains, chance.choice([0, 1, 2])),
            tags=chance.sample(tags, chance.choice([0, 0, 1, 2])),
            summary=chance.choice(["Une citadelle commune.", "Des jardins.", ""]),
            # Ties and unknown dates, for the order newest first.
            started_on=chance.choice(
                [None, datetime.date(1998, 1, 1), datetime.date(2019, 6, 1), datetime.date(2019, 6, 2)]
            ),
        )
        for _ in range(chance.choice([0, 1, 1, 2])):
            start = chance.choice([None, 2005, 2015, 2020])
            make_agreement(
                partnership,
                valid_from=start,
                valid_until=chance.choice([None] + [end for end in (2010, 2019, 2030) if end > (start or 0)]),
                domains=chance.sample(domains, chance.choice([0, 1, 2])),
            )
    Partnership.objects.refresh_status()
    return {"countries": countries, "bodies": bodies, "domains": domains, "tags": tags}


def selections(atlas):
    values = {
        "q": ["citadelle"],
        "pays": [country.slug for country in atlas["countries"]],
        "acteur": [body.slug for body in atlas["bodies"][-3:]],
        "domaine": [domain.slug for domain in atlas["domains"]],
        "type": ["twinning", "cooperation"],
        "statut": ["active", "ended"],
        "annee": ["2012", "2021"],
        "mot_cle": [tag.slug for tag in atlas["tags"]],
    }
    yield {}
    for name, choices in values.items():
        for value in choices:
            yield {name: value}
    chance = random.Random(3)
    for first, second in chance.sample(list(itertools.combinations(values, 2)), 10):
        yield {first: chance.choice(values[first]), second: chance.choice(values[second])}
    yield {name: chance.choice(choices) for name, choices in values.items() if name != "q"}


def query(selection, **more):
    return QueryDict(mutable=True) | {**selection, **more}


def sql_results(data):
    """The oracle: the filters applied in SQL, as the page did before the snapshot."""
    filterset = PartnershipFilterSet(query(data), queryset=Partnership.objects.all())
    assert filterset.is_valid(), filterset.errors
    return filterset.qs


def test_counts_and_pages_match_sql_for_every_combination(client, atlas):
    checked = 0
    for selection in selections(atlas):
        response = client.get(URL, {**selection, "tri": "nom"})
        assert response.status_code == 200
        expected = list(sql_results(selection).order_by("name", "pk").values_list("name", flat=True))
        assert response.context["paginator"].count == len(expected), selection
        assert [p.name for p in response.context["page_obj"]] == expected[:20], selection
        for facet in response.context["facets"]:
            for option in facet.options:
                chosen = {**selection, facet.field.name: option.value}
                assert option.count == sql_results(chosen).count(), (selection, facet.field.name, option)
                checked += 1
    assert checked > 200


def test_newest_first_matches_sql(client, atlas):
    for selection in ({}, {"q": "citadelle"}, {"pays": atlas["countries"][0].slug}):
        response = client.get(URL, {**selection, "tri": "recent"})
        expected = sql_results({**selection, "tri": "recent"}).order_by(*sql_order_newest())
        names = [p.name for p in response.context["page_obj"]]
        assert names == list(expected.values_list("name", flat=True)[:20])


def sql_order_newest():
    from django.db.models import F

    return F("started_on").desc(nulls_last=True), "name", "pk"


@pytest.mark.on_commit
def test_a_new_snapshot_is_built_by_the_worker_after_a_content_change(django_capture_on_commit_callbacks):
    make_partnership()
    cache.clear()
    with override_settings(PAGE_CACHE_SECONDS=600):
        with django_capture_on_commit_callbacks(execute=True):
            make_partnership()
        # The task (run at once by the tests' task backend) left the new snapshot in the cache:
        # the next visitor reads no partnership table to count the directory.
        with CaptureQueriesContext(connection) as queries:
            snapshot = DirectorySnapshot.current()
    cache.clear()
    assert snapshot.size == Partnership.objects.count()
    assert not [q for q in queries.captured_queries if "cooperation_party" in q["sql"]]


@pytest.mark.on_commit
def test_the_content_version_changes_after_the_search_data_is_refreshed(
    django_capture_on_commit_callbacks, monkeypatch
):
    events = []
    refresh = indexing.refresh
    monkeypatch.setattr(pagecache._changes, "refresh", lambda changes: events.append("new version"))
    monkeypatch.setattr(indexing, "refresh", lambda rows: events.append("search data") or refresh(rows))
    with django_capture_on_commit_callbacks(execute=True):
        body = make_body()
        make_partnership(body, make_body())
        make_partnership(body, make_body())
    # Once or twice for the transaction's rows, never per row, and the last one after the
    # search data it depends on (the snapshot and the pages cached under it read that data).
    assert events.count("search data") == 1
    assert 1 <= events.count("new version") <= 2
    assert events[-1] == "new version"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL-only feature: ranked candidates")
def test_relevance_pages_match_sql_when_only_some_matches_are_ranked(client, monkeypatch):
    from core import search

    monkeypatch.setattr(search, "RANK_CANDIDATES", 7)
    for n in range(30):
        make_partnership(
            name=f"{'Citadelle ' if n % 3 == 0 else ''}partenariat {n:02}",
            summary="Une citadelle commune." if n % 2 else "Des jardins et une citadelle.",
        )
    expected = list(
        sql_results({"q": "citadelle"})
        .order_by("-rank", "-similarity", "name")
        .values_list("name", flat=True)
    )
    pages = [client.get(URL, {"q": "citadelle", "page": page}).context["page_obj"] for page in (1, 2)]
    assert [p.name for page in pages for p in page] == expected


@pytest.mark.on_commit
def test_after_the_cache_is_emptied_the_stored_snapshot_is_loaded_not_built_again(
    client, django_capture_on_commit_callbacks
):
    make_partnership()
    with override_settings(PAGE_CACHE_SECONDS=600):
        with django_capture_on_commit_callbacks(execute=True):
            make_partnership()  # a change: the worker's task builds and stores the new snapshot
        built = DirectorySnapshot.current()
        cache.clear()  # a restarted Redis
        _local.__dict__.clear()  # another process
        with CaptureQueriesContext(connection) as queries:
            loaded = DirectorySnapshot.current()
        # Only 3 snapshots are kept.
        for _ in range(4):
            with django_capture_on_commit_callbacks(execute=True):
                make_partnership()
    cache.clear()
    assert loaded.size == built.size == 2
    assert (loaded.pks == built.pks).all()
    assert len(queries.captured_queries) == 2  # the version, the stored snapshot
    assert not [q for q in queries.captured_queries if "cooperation_partnership" in q["sql"]]
    assert StoredSnapshot.objects.count() == 3


@pytest.mark.on_commit
def test_storing_and_dropping_snapshots_is_no_content_change(django_capture_on_commit_callbacks):
    from core import pagecache

    with override_settings(PAGE_CACHE_SECONDS=600):
        version = pagecache.content_version()
        with django_capture_on_commit_callbacks(execute=True):
            for n in range(5):
                StoredSnapshot.objects.keep(f"test:{n}", b"")
        assert pagecache.content_version() == version
    cache.clear()
    assert StoredSnapshot.objects.count() == 3


def test_a_stored_snapshot_gives_what_the_built_one_gives(atlas):
    built = DirectorySnapshot.build()
    loaded = DirectorySnapshot(dict(np.load(io.BytesIO(built.dumps()))))
    assert loaded.pks.dtype == np.int32  # half the bytes to store, send and read again
    for selection in selections(atlas):
        filterset = PartnershipFilterSet(query(selection), queryset=Partnership.objects.all())
        assert filterset.is_valid(), filterset.errors
        results = []
        for snapshot in (built, loaded):
            selected = filterset.selection(snapshot)
            counts = {
                name: snapshot.counts(name, filterset.selection(snapshot, leave_out=name))
                for name in filterset.FACETS
            }
            results.append(
                (
                    snapshot.keys(selected).tolist(),
                    snapshot.keys(selected, newest_first=True).tolist(),
                    counts,
                )
            )
        assert results[0] == results[1], selection
    assert loaded.related(Partnership.objects.first().pk) == built.related(Partnership.objects.first().pk)
