"""Counting a page's SQL queries, for the tests that a page's cost does not grow with its rows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url):
    """The queries of one GET of `url`, which must answer 200, its body read to the end (streamed
    responses query as they are written)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        response.getvalue()
    assert response.status_code == 200, url
    return len(queries)


def plan(queryset, *, sorts=True):
    """PostgreSQL's EXPLAIN of `queryset` (unordered unless sliced), sequential scans discouraged:
    a test table of a few rows would be scanned whatever the indexes. `sorts=False` discourages
    sorts too, for a test that an index gives the order (on a few rows, any index then a sort
    costs about the same)."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        if not sorts:
            cursor.execute("SET LOCAL enable_sort = off")
        if not queryset.query.is_sliced:
            queryset = queryset.order_by()
        sql, params = queryset.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def queries_per_page(client, urls):
    """{url: count_queries(url)}, each page visited once before: a first visit fills caches
    (content types, translations) that later ones read."""
    for url in urls:
        client.get(url).getvalue()
    return {url: count_queries(client, url) for url in urls}
