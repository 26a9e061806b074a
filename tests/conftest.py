import os

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.utils import translation

from core.indexing import IndexQueue

requires_postgres = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="PostgreSQL-only feature; set DATABASE_URL=postgres://… to run it",
)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """PostgreSQL without JIT, as in production (config/settings/prod.py): with it, compiling the
    related-articles query takes 1–2 s on every article page."""
    settings = connections[DEFAULT_DB_ALIAS].settings_dict
    if settings["ENGINE"] == "django.db.backends.postgresql":
        options = settings.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()


@pytest.fixture
def on_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser("redaction", "redaction@atlas.example.org", "secret")


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def index_at_once(queue, item):
    queue.pending.append(item)
    queue.run()


@pytest.fixture(autouse=True)
def search_index_follows_each_save(request, monkeypatch):
    """Each test runs in a transaction that never commits, so on-commit indexing would never run:
    index at each save instead, as outside a transaction. Tests marked `on_commit` keep the real
    behaviour (and run the callbacks with `django_capture_on_commit_callbacks`)."""
    if request.node.get_closest_marker("on_commit") is None:
        monkeypatch.setattr(IndexQueue, "add", index_at_once)


class SeedTransaction:
    """The seed data of one module, loaded in an outer transaction that is rolled back at the end.

    Each test's own transaction (pytest-django's `db`) nests in it as a savepoint, so what a test
    changes is undone after it and the next one reads the pristine seed. Tests that do not ask for
    `seed` must not see it: the hooks below roll the seed back before such a test and load it again
    before the next test that asks for it.
    """

    current = None  # the module's SeedTransaction, while its module runs

    def __init__(self, module, blocker):
        self.module = module
        self.blocker = blocker
        self.atomic = None

    def wanted_by(self, item):
        return getattr(item, "module", None) is self.module and "seed" in getattr(item, "fixturenames", ())

    def open(self):
        with self.blocker.unblock(), pytest.MonkeyPatch.context() as patch:
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            patch.setattr(IndexQueue, "add", index_at_once)
            call_command("seed", verbosity=0)

    def close(self):
        if self.atomic is not None:
            with self.blocker.unblock():
                transaction.set_rollback(True)
                self.atomic.__exit__(None, None, None)
            self.atomic = None


@pytest.fixture(scope="module")
def _seed_transaction(request, django_db_setup, django_db_blocker):
    # Module scope: set up before any test's own transaction, whatever the fixtures' order.
    seeded = SeedTransaction(request.module, django_db_blocker)
    seeded.open()
    SeedTransaction.current = seeded
    yield seeded
    seeded.close()
    SeedTransaction.current = None


@pytest.fixture
def seed(request, _seed_transaction, db):
    """The hand-built seed fixtures (`manage.py seed`), loaded once per module."""
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        pytest.fail("`seed` shares one transaction between tests; a transactional test loads its own")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    seeded = SeedTransaction.current
    if seeded is not None and seeded.atomic is None and seeded.wanted_by(item):
        seeded.open()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    try:
        return (yield)
    finally:
        seeded = SeedTransaction.current
        if seeded is not None and not seeded.wanted_by(nextitem):
            seeded.close()


@pytest.fixture(autouse=True)
def french_to_begin_with():
    """Each test starts in the site's language. A request leaves its URL's language active in the
    thread (Django's LocaleMiddleware does the same), which would leak into the next test."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
