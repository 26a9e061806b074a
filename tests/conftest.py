import os

import pytest
from django.core.management import call_command
from django.db import connection

from core.indexing import IndexQueue

requires_postgres = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="PostgreSQL-only feature; set DATABASE_URL=postgres://… to run it",
)


@pytest.fixture
def on_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture
def seed(db):
    """The hand-built seed fixtures, loaded into the test database."""
    call_command("seed", verbosity=0)


@pytest.fixture(autouse=True)
def search_index_follows_each_save(request, monkeypatch):
    """Each test runs in a transaction that never commits, so on-commit indexing would never run:
    index at each save instead, as outside a transaction. Tests marked `on_commit` keep the real
    behaviour (and run the callbacks with `django_capture_on_commit_callbacks`)."""
    if request.node.get_closest_marker("on_commit") is None:
        monkeypatch.setattr(IndexQueue, "add", lambda queue, item: (queue.pending.append(item), queue.run()))
