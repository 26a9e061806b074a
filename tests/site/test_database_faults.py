"""A database that does not answer in time gives a 503 page (core/views.py server_error), fast."""

import contextlib
import logging
import os
import signal
import threading
from unittest import mock

import pytest
from django.db import OperationalError, connection, connections
from django.test import Client
from django.urls import reverse

from articles.views import ArticleListView

pytestmark = pytest.mark.django_db

NEWS = reverse("articles:article-list")


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


def assert_unavailable_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert "Content-Security-Policy" in response
    page = response.content.decode()
    assert "<h1>Site momentanément indisponible</h1>" in page
    assert '<html lang="fr">' in page


def test_a_database_error_gives_the_503_page_and_is_logged(visitor, caplog):
    timeout = OperationalError("canceling statement due to statement timeout")
    with (
        mock.patch.object(ArticleListView, "get_queryset", side_effect=timeout),
        caplog.at_level(logging.ERROR, logger="django.request"),
    ):
        response = visitor.get(NEWS)
    assert_unavailable_page(response)
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert record.status_code == 503
    assert isinstance(record.exc_info[1], OperationalError)


def test_any_other_error_is_still_the_500_page(visitor):
    with mock.patch.object(ArticleListView, "get_queryset", side_effect=ValueError("a bug")):
        response = visitor.get(NEWS)
    assert response.status_code == 500
    assert "Une erreur est survenue" in response.content.decode()


def test_a_query_held_past_the_statement_timeout_gives_the_503_page(visitor, on_postgres):
    if not on_postgres:
        pytest.skip("statement_timeout is a PostgreSQL setting")
    # Another session holds the articles table, as a long migration or a stuck transaction would:
    # the page's query waits for it until the statement timeout cancels it (QueryCanceled).
    blocker = connections.create_connection("default")
    try:
        with blocker.cursor() as cursor:
            cursor.execute("BEGIN")
            cursor.execute("LOCK TABLE articles_article IN ACCESS EXCLUSIVE MODE")
            with connection.cursor() as own:
                own.execute("SET statement_timeout = 200")
            response = visitor.get(NEWS)
            cursor.execute("ROLLBACK")
    finally:
        blocker.close()
    assert_unavailable_page(response)


@contextlib.contextmanager
def frozen(database_connection):
    """The connection's server process stopped (SIGSTOP), as a paused container or a hung disk
    leaves it: its host still acknowledges every packet, and nothing comes back. A watchdog lets it
    go on after 20 s, so a missing bound fails the test instead of hanging it."""
    with database_connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    try:
        os.kill(pid, signal.SIGSTOP)
    except PermissionError:
        pytest.skip("stopping a PostgreSQL process needs its owner's rights (CI runs as root)")
    watchdog = threading.Timer(20, os.kill, (pid, signal.SIGCONT))
    watchdog.start()
    try:
        yield
    finally:
        watchdog.cancel()
        os.kill(pid, signal.SIGCONT)


def test_a_frozen_database_process_ends_the_wait_with_an_operational_error(on_postgres, settings):
    if not on_postgres:
        pytest.skip("the bound is on PostgreSQL connections")
    settings.DATABASE_ANSWER_TIMEOUT = 1
    other = connections.create_connection("default")
    try:
        other.ensure_connection()
        with frozen(other), pytest.raises(OperationalError, match="did not answer within 1"):
            with other.cursor() as cursor:
                cursor.execute("SELECT 1")
        # The half-used connection is dropped, and the next use connects again.
        assert not other.is_usable()
        other.close()
        with other.cursor() as cursor:
            cursor.execute("SELECT 1")
            assert cursor.fetchone() == (1,)
    finally:
        other.close()


@pytest.mark.django_db(transaction=True)
def test_a_database_that_freezes_mid_request_gives_the_503_page(visitor, on_postgres, settings):
    if not on_postgres:
        pytest.skip("the bound is on PostgreSQL connections")
    settings.DATABASE_ANSWER_TIMEOUT = 1
    connection.close()
    connection.ensure_connection()
    # The database freezes after the connection's health check: the page's own query waits.
    connection.health_check_enabled = False
    try:
        with frozen(connection):
            response = visitor.get(NEWS)
    finally:
        connection.close()
    assert_unavailable_page(response)
