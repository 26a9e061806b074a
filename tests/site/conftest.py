"""The browser tests' shared fixtures: one headless Chromium page, an editor's account, uploaded
files on disk."""

import os
import shutil
import threading

import pytest
from django.core.cache import cache
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # live_server + Playwright's event loop


class OneRequestAtATimeServer(ThreadedWSGIServer):
    """The live server, answering one request at a time.

    On SQLite the test database lives in memory, and every request thread of the live server uses
    the test's own connection (Django's `connections_override`). Chromium asks for several things
    at once (a page and the map data of the one before it): two threads then ran queries on that
    one connection together, and both waited on each other for good (seen in CI, py-spy: a
    country page's count and the map data's snapshot build). Requests still come on their own
    threads, so browser connections kept alive do not block each other; only the application,
    and the whole of its answer, is taken in turn."""

    def set_app(self, application):
        lock = threading.Lock()

        def one_at_a_time(environ, start_response):
            with lock:
                answer = application(environ, start_response)
                try:
                    return [b"".join(answer)]
                finally:
                    if hasattr(answer, "close"):
                        answer.close()

        super().set_app(one_at_a_time)


LiveServerThread.server_class = OneRequestAtATimeServer

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def browser():
    """Headless Chromium (Debian's): skipped where it is not installed, required in CI."""
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is required in CI")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    page = browser.new_context(locale="fr-FR").new_page()
    page.set_default_timeout(15_000)
    return page


@pytest.fixture
def uploads(transactional_db, settings, tmp_path):
    # Files on disk in a temporary folder, served by the test server, so the browser sees them.
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    settings.ROOT_URLCONF = "tests.media_urls"
    # imagekit remembers in the cache which renditions exist, by name: those of another storage
    # (an earlier test's, in memory) would not be made again here, and the browser would get 404s.
    cache.clear()
    yield tmp_path
    cache.clear()


@pytest.fixture
def editor_account(transactional_db, django_user_model):
    # Before Playwright starts (see test_browser.seeded).
    return django_user_model.objects.create_superuser("redaction", "redaction@atlas.example.org", "secret")
