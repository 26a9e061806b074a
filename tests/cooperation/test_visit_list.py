"""The list of visits, newest first: a deep page reads the keys it skips from an index, then its
own rows only."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cooperation.models import Delegation
from tests.conftest import requires_postgres
from tests.factories import make_delegation
from tests.queries import plan

pytestmark = pytest.mark.django_db
URL = reverse("cooperation:delegation-list")


@pytest.fixture
def visits(db):
    return [
        make_delegation(
            f"Visite {day:02}", start_on=datetime.date(2024, 1, day), end_on=datetime.date(2024, 1, day)
        ).title
        for day in range(1, 26)
    ]


def test_a_deep_page_reads_only_the_keys_it_skips(client, visits):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {"page": 2})
    newest_first = visits[::-1]
    assert [visit.title for visit in response.context["page_obj"]] == newest_first[20:]
    (skipping,) = [q["sql"] for q in queries.captured_queries if "OFFSET" in q["sql"]]
    assert skipping.startswith('SELECT "cooperation_delegation"."id" AS "pk" FROM "cooperation_delegation" ')


@requires_postgres
def test_the_keys_of_a_page_come_from_the_list_index(visits):
    keys = Delegation.objects.published().values_list("pk", flat=True)[20:40]
    assert "delegation_list_idx" in plan(keys, sorts=False)
