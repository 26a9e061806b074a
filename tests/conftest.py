import os

import pytest
from django.core.management import call_command
from django.db import connection

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
