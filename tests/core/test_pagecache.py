"""Anonymous visitors get cached pages; any content change, staff and cookies get fresh ones."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import make_agreement, make_body, make_partnership

pytestmark = [pytest.mark.django_db, pytest.mark.on_commit]
HOUR = datetime.timedelta(hours=1)


@pytest.fixture(autouse=True)
def page_cache():
    cache.clear()
    with override_settings(PAGE_CACHE_SECONDS=600):
        yield
    cache.clear()


def test_a_second_visit_is_served_from_the_cache_without_a_query(client, django_assert_num_queries):
    partnership = make_partnership(name="Hué – Namur")
    url = partnership.get_absolute_url()
    first = client.get(url)
    assert first.status_code == 200
    assert "no-cache" in first["Cache-Control"] and "public" in first["Cache-Control"]

    with django_assert_num_queries(0):
        second = client.get(url)

    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_a_committed_change_is_shown_at_once(client, django_capture_on_commit_callbacks):
    partnership = make_partnership(name="Hué – Namur")
    url = partnership.get_absolute_url()
    assert "Hué – Namur" in client.get(url).text

    with django_capture_on_commit_callbacks(execute=True):
        partnership.name = "Hué – Namur – Lausanne"
        partnership.save()

    assert "Hué – Namur – Lausanne" in client.get(url).text


def test_each_language_has_its_own_page_and_the_url_alone_says_which(client):
    from django.utils.translation import override

    partnership = make_partnership()
    url = partnership.get_absolute_url()
    with override("en"):
        english_url = partnership.get_absolute_url()
    assert english_url == f"/en{url}"
    english = client.get(english_url).text
    assert '<html lang="en">' in english
    # An English browser or an old English cookie on the French address gets the French page,
    # never the cached English one, and the other way round.
    client.cookies["django_language"] = "en"
    french = client.get(url, HTTP_ACCEPT_LANGUAGE="en").text
    assert '<html lang="fr">' in french
    assert '<html lang="en">' in client.get(english_url, HTTP_ACCEPT_LANGUAGE="fr").text
    client.cookies["django_language"] = "fr"
    assert client.get(url).text == french and client.get(english_url).text == english


def test_staff_always_get_a_fresh_page(client, django_capture_on_commit_callbacks):
    partnership = make_partnership(name="Hué – Namur")
    url = partnership.get_absolute_url()
    client.get(url)  # cached for visitors
    staff = get_user_model().objects.create_superuser("redaction", "r@example.org", "x")
    client.force_login(staff)
    partnership.name = "Pas encore commis"  # not committed: the version has not moved
    partnership.save()
    assert "Pas encore commis" in client.get(url).text


def rendered_again(client, url):
    """Whether a second request for `url` reached the database (i.e. was not served cached)."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries) > 0


def test_errors_and_pages_setting_a_cookie_are_rendered_each_time(client):
    make_partnership()
    assert client.get("/partenariats/inconnu/").status_code == 404
    assert rendered_again(client, "/partenariats/inconnu/")
    # The sign-up page holds a CSRF token, hence sets a cookie: it cannot be shared.
    assert "csrftoken" in client.get("/lettre/inscription/").cookies
    client.cookies.clear()
    assert rendered_again(client, "/lettre/inscription/")


def test_a_visitor_with_a_session_or_a_message_gets_a_fresh_page(client):
    url = make_partnership().get_absolute_url()
    client.get(url)
    client.cookies["sessionid"] = "abc"
    assert rendered_again(client, url)


class CountingCache:
    """The cache, counting the reads of the page cache."""

    def __init__(self, real):
        self.real, self.reads = real, 0

    def get(self, *args, **kwargs):
        self.reads += 1
        return self.real.get(*args, **kwargs)

    def get_many(self, *args, **kwargs):
        self.reads += 1
        return self.real.get_many(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.real, name)


def test_a_cached_page_costs_one_read_for_the_version_and_one_for_the_page(client, monkeypatch):
    from core import pagecache

    url = make_partnership().get_absolute_url()
    client.get(url)
    counting = CountingCache(cache)
    monkeypatch.setattr(pagecache, "cache", counting)
    client.get(url)
    assert counting.reads == 2


def test_a_scheduled_row_appears_at_its_time_without_any_save(
    client, monkeypatch, django_capture_on_commit_callbacks, django_assert_num_queries
):
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        body = make_body("Cotonou")
        scheduled = make_partnership(body, make_body(), name="Cotonou – Lyon", publish_at=now + HOUR)
        make_agreement(
            make_partnership(body, make_body(), name="Cotonou – Liège"),
            title="Charte Quetzalcoatl",
            publish_at=now + 2 * HOUR,
        )
    directory = "/partenariats/"
    assert "Cotonou – Lyon" not in client.get(directory).text
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    with django_assert_num_queries(0):
        assert "Cotonou – Lyon" not in client.get(directory).text  # cached

    monkeypatch.setattr(timezone, "now", lambda: now + HOUR)
    assert "Cotonou – Lyon" in client.get(directory).text
    assert client.get(scheduled.get_absolute_url()).status_code == 200
    assert "Cotonou – Liège" not in client.get(directory, {"q": "quetzalcoatl"}).text

    # The agreement going online brings its partnership into search, as an edit would.
    monkeypatch.setattr(timezone, "now", lambda: now + 3 * HOUR)
    assert "Cotonou – Liège" in client.get(directory, {"q": "quetzalcoatl"}).text


def test_a_go_live_time_computed_while_a_save_commits_is_not_trusted(django_capture_on_commit_callbacks):
    from core import pagecache

    now = timezone.now()
    version = pagecache.current_version(now)
    assert cache.get(pagecache.GO_LIVE_KEY) == (version, None)
    with django_capture_on_commit_callbacks(execute=True):
        make_partnership(publish_at=now + HOUR)
    cache.set(pagecache.GO_LIVE_KEY, (version, None), None)  # as written late by a request that raced
    pagecache.current_version(now)
    assert cache.get(pagecache.GO_LIVE_KEY)[1] is not None


def test_the_version_outlives_an_emptied_cache(client, django_capture_on_commit_callbacks):
    from core import pagecache

    partnership = make_partnership(name="Hué – Namur")
    with django_capture_on_commit_callbacks(execute=True):
        partnership.save()
    version = pagecache.content_version()
    cache.clear()  # a restarted Redis

    assert pagecache.content_version() == version
    with django_capture_on_commit_callbacks(execute=True):
        partnership.save()
    assert pagecache.content_version() != version
    cache.clear()
    assert pagecache.content_version() != version


def test_the_map_data_is_compressed_once_for_clients_that_accept_it(client, django_assert_num_queries):
    import gzip
    import json

    from django.urls import reverse

    # Enough bodies for compression to pay: Django sends short responses as they are.
    for n in range(20):
        make_body(name=f"Hué {n}", latitude=16.4637, longitude=107.5909)
    url = reverse("cooperation:bodies-geojson")
    plain = client.get(url)
    assert "Content-Encoding" not in plain
    compressed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert json.loads(gzip.decompress(compressed.content)) == json.loads(plain.content)

    # Each kind of client gets its own cached copy: nothing to compress, no query.
    with django_assert_num_queries(0):
        again = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        plain_again = client.get(url)
    assert again.content == compressed.content
    assert plain_again.content == plain.content and "Content-Encoding" not in plain_again
