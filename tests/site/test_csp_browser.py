"""The Content-Security-Policy in a real (headless) browser: every kind of public and admin page
loads with no violation and no script error, and a script that reached the database without
passing the sanitizer does not run."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from articles.models import Article
from core import history
from media_library.models import Image
from newsletter.models import Edition
from tests.admin_urls import admin_url
from tests.factories import make_edition
from tests.public_urls import ARTICLE, public_pages
from tests.site.test_browser import seeded  # noqa: F401  (the seed; the browser page is in conftest.py)
from tests.site.test_editor_browser import library  # noqa: F401  (a staff user, an image on disk)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INJECTED = (
    '<p>Texte.</p><script>window.injected = "ran"</script><img src="x" onerror="window.injected = \'ran\'">'
)

# Each `securitypolicyviolation` event the page sees (Playwright's init scripts are not subject to
# the page's policy), beside the console errors and uncaught exceptions collected below.
WATCH = """
window.violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.violations.push(event.effectiveDirective + " " + (event.blockedURI || "inline"));
});
"""


def watch(page):  # noqa: F811
    problems = []
    page.add_init_script(WATCH)
    # The map's tiles come from another host (MAP_TILE_URL, allowed by img-src): answered here,
    # as the machine has no network. A request the policy blocks never gets this far.
    page.route(
        re.compile(r"^https://[^/]*tile\.openstreetmap\.org/"), lambda route: route.fulfill(status=204)
    )
    page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and problems.append(f"{page.url}: {message.text} {message.location.get('url')}")
        ),
    )
    return problems


def visit(page, url):  # noqa: F811
    response = page.goto(url)
    assert response.status < 400, (url, response.status)
    assert "default-src 'self'" in response.headers["content-security-policy"]
    return page.evaluate("window.violations")


@pytest.fixture
def fresh_cache():
    # imagekit remembers in the cache which renditions exist: those of another test's
    # temporary media folder would not be made again for this one's.
    cache.clear()


@pytest.fixture
def content(fresh_cache, seeded, library):  # noqa: F811
    """Before Playwright starts: an article whose body bypassed save(), two versions of another,
    an edition (see test_browser.seeded on why no ORM call may happen inside Playwright)."""
    bypassed = Article.objects.exclude(slug=ARTICLE).first()
    Article.objects.filter(pk=bypassed.pk).update(text=INJECTED)
    article = Article.objects.get(slug=ARTICLE)
    history.record_version(article, "Avant")
    Article.objects.filter(pk=article.pk).update(title="Namur et Hué, un protocole")
    history.record_version(Article.objects.get(pk=article.pk), "Après")
    edition = make_edition(article)
    return {
        "bypassed": bypassed.get_absolute_url(),
        "article": article,
        "edition": edition,
        "image": library,
    }


def test_public_pages_run_under_the_policy_and_an_injected_script_does_not(
    content,
    live_server,
    page,  # noqa: F811
):
    problems = watch(page)
    for url in public_pages():
        assert visit(page, live_server.url + url) == [], url
    assert problems == []

    # The stored script and event handler are in the page, and are refused, not run.
    violations = visit(page, live_server.url + content["bypassed"])
    assert page.locator("main script").count() == 1
    assert page.evaluate("window.injected") is None
    assert violations and all(v.startswith("script-src") for v in violations), violations


def test_admin_pages_run_under_the_policy(content, live_server, page):  # noqa: F811
    from playwright.sync_api import expect

    problems = watch(page)
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "redaction")
    page.fill("#id_password", "secret")
    page.click("input[type=submit]")
    expect(page.locator("#content h1")).to_be_visible()
    assert page.evaluate("window.violations") == []  # the dashboard

    # The editor starts with no inline style: Tiptap's base rules come from a style sheet.
    page.goto(live_server.url + admin_url(Article, "add"))
    expect(page.locator(".prose-editor [contenteditable=true]")).to_be_visible()
    assert page.locator("style").count() == 0
    editable = page.locator(".prose-editor [contenteditable=true]")
    assert editable.evaluate("e => getComputedStyle(e).whiteSpace") == "break-spaces"

    article = content["article"]
    for url in [
        admin_url(Article, "changelist"),
        admin_url(Article, "add"),
        admin_url(Article, "change", article.pk),
        admin_url(Image, "changelist"),
        admin_url(Image, "change", content["image"].pk),
        reverse("admin:media_library_image_picker"),
        reverse("admin:newsletter_edition_preview", args=[content["edition"].pk]),
        admin_url(Edition, "change", content["edition"].pk),
        reverse("admin:axes_accessattempt_changelist"),
    ]:
        assert visit(page, live_server.url + url) == [], url
        if url.endswith("/change/") and "/article/" in url or url.endswith("/add/"):
            # The editor started, from script files only.
            expect(page.locator(".prose-editor [contenteditable=true]")).to_be_visible()

    # History, a comparison, and the restore form of an old version (the editor again).
    assert visit(page, live_server.url + admin_url(Article, "history", article.pk)) == []
    page.get_by_role("link", name="avec la précédente").first.click()
    expect(page.locator("#content h1")).to_be_visible()
    assert page.evaluate("window.violations") == []
    page.go_back()
    page.get_by_role("link", name="Restaurer cette version").last.click()
    expect(page.locator(".prose-editor [contenteditable=true]")).to_be_visible()
    assert page.evaluate("window.violations") == []
    assert problems == []
