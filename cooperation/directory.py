"""The directory's snapshot: every partnership's filterable facts as columns, held in memory.

At 100,000 partnerships a facet count in SQL over a large selection (« coopération » is in 80 % of
the rows) reads hundreds of thousands of link rows, once per facet: seconds per page. Here every
filter becomes a boolean mask over the partnerships (in name order), a facet's counts are one
`bincount` over its (partnership, value) pairs, and a page sorted by name or date is a slice of the
selection: a few milliseconds, whatever the selection and the page number. Only the full-text
search still asks the database, for the keys matching its words.

A snapshot is built from a handful of queries (under a second at 100,000), kept in the process and
shared through the cache under the content version and the day: any content change or a new day
(the stored statuses change at midnight) gives a new one, so it is never stale. It is stored in the
database too (StoredSnapshot), as the version is (core.models.ContentVersion): after the cache was
emptied, one query loads it again. When the page cache is off (tests), every request builds its own.
"""

import io
import threading
from itertools import chain

import numpy as np
from django.core.cache import cache
from django.db import connections, transaction
from django.db.models import BigIntegerField, Case, F, Value, When, Window
from django.db.models.functions import Cast, Coalesce, ExtractDay, ExtractMonth, ExtractYear, RowNumber
from django.utils import timezone

from core import pagecache
from core.models import published_condition

from .models import Agreement, AgreementDomain, Body, Partnership, Party, StoredSnapshot, TaggedPartnership

# Facets whose filter is a value among a partnership's (partnership, value) pairs.
PAIRED = ("pays", "acteur", "domaine", "mot_cle")
CODED = {"type": ("kind", Partnership.Kind), "statut": ("current_status", Partnership.Status)}

_local = threading.local()


class DirectorySnapshot:
    def __init__(self, columns):
        self.columns = columns
        self.pks = columns["pks"]  # in name order: row i is the i-th partnership by name
        self.size = len(self.pks)
        self._sorted_pks = np.sort(self.pks)
        self._row_of_sorted = np.argsort(self.pks, kind="stable")

    # Building and sharing ---------------------------------------------------------------

    @classmethod
    def current(cls, using="default"):
        seconds = pagecache.timeout()
        if not seconds:
            return cls.build(using)
        key = f"directory-snapshot:{using}:{pagecache.content_version()}:{timezone.localdate()}"
        snapshot = getattr(_local, "snapshot", None)
        if snapshot is not None and _local.key == key:
            return snapshot
        data = cache.get(key)
        if data is None:
            # An emptied cache: the one stored when it was built (the version outlives the cache).
            data = StoredSnapshot.objects.using(using).data_for(key)
            if data is not None:
                cache.set(key, data, seconds)
        if data is not None:
            snapshot = cls(dict(np.load(io.BytesIO(data))))
        else:
            snapshot = cls.build(using)
            data = snapshot.dumps()
            cache.set(key, data, seconds)
            StoredSnapshot.objects.using(using).keep(key, data)
        _local.snapshot, _local.key = snapshot, key
        return snapshot

    def dumps(self):
        """The columns as bytes, keys and rows as 32-bit integers: half the size to store and to
        send (PostgreSQL's compression of the 64-bit ones, mostly zeros, took over a second)."""
        buffer = io.BytesIO()
        np.savez(buffer, **{name: _narrow(column) for name, column in self.columns.items()})
        return buffer.getvalue()

    @classmethod
    def build(cls, using="default"):
        connection = connections[using]
        if connection.vendor != "postgresql" or connection.in_atomic_block:
            return cls._build(using)
        # One consistent view of every table, and sorts that fit in memory.
        with transaction.atomic(using=using), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute("SET LOCAL work_mem = '64MB'")
            return cls._build(using)

    @classmethod
    def _build(cls, using):
        codes = {
            name: Case(
                *(When(**{field: value}, then=Value(code)) for code, value in enumerate(choices.values)),
                default=Value(-1),
            )
            for name, (field, choices) in CODED.items()
        }
        by_name = ("name", "pk")
        # What visitors see now: the snapshot lives under a content version that changes at every
        # save and when a scheduled row goes online (core/pagecache.py).
        partnerships = Partnership.objects.published()
        started = (
            ExtractYear("started_on") * 10_000 + ExtractMonth("started_on") * 100 + ExtractDay("started_on")
        )
        pks, kinds, statuses, started = _columns(
            using, partnerships, F("pk"), codes["type"], codes["statut"], started, order_by=by_name
        )
        snapshot = cls({"pks": pks, "type": kinds.astype(np.int8), "statut": statuses.astype(np.int8)})
        # Newest first, no date last, then by name (the rows' order): sorted here, where a second
        # query sorting 100,000 names by their collation took 150 ms.
        latest_first = np.where(started >= 0, -started, np.iinfo(np.int64).max)
        snapshot.columns["by_newest"] = np.lexsort((np.arange(len(pks)), latest_first))
        # The link tables are read whole; the rows of unpublished partnerships are dropped here.
        keys, bodies, countries = _columns(
            using, Party.objects.all(), F("partnership_id"), F("body_id"), F("body__country_id")
        )
        snapshot._add_pairs("acteur", keys, bodies)
        snapshot._add_pairs("pays", keys[countries >= 0], countries[countries >= 0])
        own = _columns(using, Partnership.domains.through.objects.all(), F("partnership_id"), F("domain_id"))
        agreed = _columns(
            using,
            AgreementDomain.objects.filter(published_condition("agreement")),
            F("agreement__partnership_id"),
            F("domain_id"),
        )
        snapshot._add_pairs(
            "domaine", np.concatenate([own[0], agreed[0]]), np.concatenate([own[1], agreed[1]])
        )
        tagged = TaggedPartnership.objects.all()
        snapshot._add_pairs("mot_cle", *_columns(using, tagged, F("content_object_id"), F("tag_id")))
        # An agreement with no start of validity is in force from the beginning (year -1).
        agreements = Agreement.objects.published().filter(valid_until__isnull=False)
        span_keys, since, until = _columns(
            using, agreements, F("partnership_id"), ExtractYear("valid_from"), ExtractYear("valid_until")
        )
        known = snapshot.known(span_keys)
        snapshot.columns.update(
            span_rows=snapshot.rows_of(span_keys[known]), span_from=since[known], span_until=until[known]
        )
        # The body facet offers published bodies only (-1: not offered).
        (body_keys,) = _columns(using, Body.objects.published(), F("pk"), order_by=("name", "pk"))
        body_rank = np.full(int(body_keys.max(initial=0)) + 1, -1, dtype=np.int64)
        body_rank[body_keys] = np.arange(len(body_keys))
        snapshot.columns["body_rank"] = body_rank
        return snapshot

    def _add_pairs(self, name, keys, values):
        """Keep each (published partnership, value) once: a partnership counts once per value."""
        known = self.known(keys)
        keys, values = keys[known], values[known]
        base = int(values.max(initial=0)) + 1
        pairs = _distinct(keys * base + values)
        self.columns[f"{name}_rows"], self.columns[f"{name}_values"] = (
            self.rows_of(pairs // base),
            pairs % base,
        )

    def rows_of(self, pks):
        """The rows of the partnerships given by key (every key must be a partnership's)."""
        pks = np.asarray(pks, dtype=np.int64)
        if not len(pks):
            return np.zeros(0, dtype=np.int64)
        return self._row_of_sorted[np.searchsorted(self._sorted_pks, pks)]

    def known(self, pks):
        """Which of `pks` are partnerships of the snapshot (a row made after it is not)."""
        pks = np.asarray(pks, dtype=np.int64)
        if not self.size:
            return np.zeros(len(pks), dtype=bool)
        found = np.searchsorted(self._sorted_pks, pks)
        return (found < self.size) & (self._sorted_pks[np.minimum(found, self.size - 1)] == pks)

    # Selections -------------------------------------------------------------------------

    def everything(self):
        return np.ones(self.size, dtype=bool)

    def with_value(self, facet, value):
        mask = np.zeros(self.size, dtype=bool)
        if facet in PAIRED:
            rows = self.columns[f"{facet}_rows"][self.columns[f"{facet}_values"] == value]
            mask[rows] = True
        else:
            codes = list(CODED[facet][1].values)
            if value in codes:
                mask = self.columns[facet] == codes.index(value)
        return mask

    def in_force_in(self, year):
        mask = np.zeros(self.size, dtype=bool)
        valid = (self.columns["span_from"] <= year) & (self.columns["span_until"] >= year)
        mask[self.columns["span_rows"][valid]] = True
        return mask

    def with_keys(self, pks):
        mask = np.zeros(self.size, dtype=bool)
        if self.size:
            pks = np.fromiter(pks, dtype=np.int64)
            mask[self.rows_of(pks[self.known(pks)])] = True
        return mask

    # Counts and pages -------------------------------------------------------------------

    def counts(self, facet, mask):
        """{value: number of selected partnerships having it} for the values some have."""
        if facet in PAIRED:
            values = self.columns[f"{facet}_values"][mask[self.columns[f"{facet}_rows"]]]
            numbers = np.bincount(values)  # values are keys: small integers, counted in one pass
            found = np.flatnonzero(numbers)
            return dict(zip(found.tolist(), numbers[found].tolist(), strict=True))
        values = CODED[facet][1].values
        codes = np.bincount(self.columns[facet][mask].astype(np.int64) + 1, minlength=len(values) + 1)
        return {values[code]: int(n) for code, n in enumerate(codes[1:]) if n}

    def top_bodies(self, counts, limit):
        """The `limit` published bodies with most partnerships in `counts`, ties by name."""
        pks = np.fromiter(counts, dtype=np.int64, count=len(counts))
        numbers = np.fromiter(counts.values(), dtype=np.int64, count=len(counts))
        body_rank = self.columns["body_rank"]
        ranks = np.where(pks < len(body_rank), body_rank[np.minimum(pks, len(body_rank) - 1)], -1)
        pks, numbers, ranks = pks[ranks >= 0], numbers[ranks >= 0], ranks[ranks >= 0]
        order = np.lexsort((ranks, -numbers))[:limit]
        return pks[order].tolist()

    def related(self, pk, limit=6):
        """Up to `limit` other partnerships of `pk`'s, by name: those sharing a party first, then
        those sharing a domain (their own or a published agreement's)."""
        if not self.size or not self.known([pk])[0]:
            return []  # not published (a preview)
        (row,) = self.rows_of([pk])
        found, taken = [], np.zeros(self.size, dtype=bool)
        taken[row] = True
        for facet in ("acteur", "domaine"):
            rows, values = self.columns[f"{facet}_rows"], self.columns[f"{facet}_values"]
            sharing = np.zeros(self.size, dtype=bool)
            sharing[rows[np.isin(values, values[rows == row])]] = True
            sharing &= ~taken
            found += self.pks[sharing][: limit - len(found)].tolist()
            taken |= sharing
        return found

    def keys(self, mask, newest_first=False):
        """The selected partnerships' keys, by name or newest first."""
        if not newest_first:
            return self.pks[mask]
        by_newest = self.columns["by_newest"]
        return self.pks[by_newest[mask[by_newest]]]


def _distinct(values):
    """np.unique(values), by sorting: numpy's hashing took 50 ms for 300,000 pairs, this 10."""
    values = np.sort(values)
    return values[np.concatenate(([True], values[1:] != values[:-1]))] if len(values) else values


def _narrow(column):
    """A 64-bit integer column as 32-bit integers when every value fits."""
    small = np.iinfo(np.int32)
    if column.dtype != np.int64 or (
        column.size and not small.min <= column.min() <= column.max() <= small.max
    ):
        return column
    return column.astype(np.int32)


def _columns(using, queryset, *expressions, order_by=()):
    """The integer `expressions` over the rows of `queryset` (in `order_by`'s order), as one
    array each; NULL gives -1.

    PostgreSQL joins them into one text (`string_agg`), parsed by numpy: reading 300,000 rows
    as Python tuples would cost ten times more.
    """
    names = [f"column_{index}" for index in range(len(expressions))]
    queryset = queryset.order_by().annotate(
        **{
            name: Cast(Coalesce(expression, Value(-1)), BigIntegerField())
            for name, expression in zip(names, expressions, strict=True)
        }
    )
    connection = connections[using]
    if connection.vendor != "postgresql":
        sql, params = queryset.order_by(*order_by).values_list(*names).query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            found = cursor.fetchall()
        rows = np.fromiter(chain.from_iterable(found), dtype=np.int64, count=len(found) * len(names))
    else:
        if order_by:
            queryset = queryset.annotate(position=Window(RowNumber(), order_by=list(order_by)))
        sql, params = queryset.values_list(
            *names, *(["position"] if order_by else [])
        ).query.sql_with_params()
        fields = ", ".join(f"rows.{name}" for name in names)
        order = "ORDER BY rows.position" if order_by else ""
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT string_agg(concat_ws(',', {fields}), ',' {order}) FROM ({sql}) rows", params
            )
            (text,) = cursor.fetchone()
        rows = np.fromstring(text, dtype=np.int64, sep=",") if text else np.zeros(0, dtype=np.int64)
    rows = rows.reshape(-1, len(names))
    return [rows[:, index] for index in range(len(names))]
