"""Issue 11's bar on the seed data: axe-core finds no violation, the W3C Nu HTML checker no error,
and Lighthouse scores 1.0 in accessibility, best practices and SEO (0.95 or more in performance)
on the home, map, directory, partnership, article and sign-up pages, in French and in English.

The checkers are npm packages pinned in tools/audit/ (`make audit-tools`, which `.ci/run` runs);
without them (or without Java, Node or Chromium) these tests are skipped, and fail in CI.

Everything is measured once, by the module's fixture, on a production-like server: the seed in
the test database, the static files collected with WhiteNoise's compressed, hashed storage and
served by WhiteNoise as in production (not by the test server's static handler), map tiles
answered by the server itself. The tests then read the findings, one per page and checker.
"""

import json
import os
import shutil
import subprocess
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.test.testcases import LiveServerThread
from django.test.utils import override_settings
from django.urls import reverse
from django.utils.translation import override

from config.settings.base import STORAGES as PRODUCTION_STORAGES
from tests.public_urls import ARTICLE

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's event loop beside the server thread

CHROMIUM = "/usr/bin/chromium"
TOOLS = Path(settings.BASE_DIR) / "tools" / "audit"
AXE = TOOLS / "node_modules" / "axe-core" / "axe.min.js"
VNU = TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = TOOLS / "lighthouse.mjs"
FINDINGS = Path(settings.BASE_DIR) / "var" / "audit" / "findings.json"

PAGES = {
    "home": ("home", []),
    "map": ("cooperation:map", []),
    "directory": ("cooperation:partnership-list", []),
    "partnership": ("cooperation:partnership-detail", ["hue-namur"]),
    "article": ("articles:article-detail", [ARTICLE]),
    "sign-up": ("newsletter:subscribe", []),
}
LANGUAGES = ["fr", "en"]
CASES = [f"{language}-{name}" for language in LANGUAGES for name in PAGES]
BROKEN = "broken"  # tests/site/audit_broken.html, served at /audit/broken/

# Lighthouse's bar, with its default settings: a phone on a slow 4G network, the CPU slowed 4×.
# Performance is simulated from the CPU times measured here, so a loaded machine lowers it (its
# Total Blocking Time above all): a page below the bar is measured up to twice more and keeps its
# best score. The other categories do not depend on the machine's load.
REQUIRED = {"accessibility": 1.0, "best-practices": 1.0, "seo": 1.0, "performance": 0.95}

# django_db: pytest-django creates the test databases only for a run with tests that ask for them;
# the module's fixture writes (and empties) them before each test's own transaction.
pytestmark = [pytest.mark.browser, pytest.mark.audit, pytest.mark.slow, pytest.mark.django_db]


def missing_tools():
    missing = []
    if not shutil.which(CHROMIUM):
        missing.append(f"{CHROMIUM} (apt-get install chromium)")
    for program in ("node", "java"):
        if not shutil.which(program):
            missing.append(f"`{program}` on the PATH")
    if not (AXE.exists() and VNU.exists() and (TOOLS / "node_modules" / "lighthouse").exists()):
        missing.append("tools/audit/node_modules (make audit-tools)")
    return missing


class AuditServer(LiveServerThread):
    """The test server without its static files handler: WhiteNoise (in the middleware) serves the
    collected files, compressed and with their far-future cache headers, as in production."""

    def __init__(self, connections_override):
        super().__init__(
            "127.0.0.1", static_handler=lambda handler: handler, connections_override=connections_override
        )


def start_server():
    from django.db import connections

    shared = {
        conn.alias: conn for conn in connections.all() if conn.vendor == "sqlite" and conn.is_in_memory_db()
    }
    server = AuditServer(shared)
    server.daemon = True
    for conn in shared.values():
        conn.inc_thread_sharing()
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    return server, shared


def stop_server(server, shared):
    server.terminate()
    for conn in shared.values():
        conn.dec_thread_sharing()


def run_axe(urls):
    """{case: [violation, …]} from axe-core's default rules (WCAG 2.x A and AA, best practices),
    in a desktop window, once each page has loaded its scripts and the map its markers."""
    from playwright.sync_api import sync_playwright

    found = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        # The pages' Content-Security-Policy would refuse axe's script: bypassed here only.
        context = browser.new_context(
            locale="fr-FR", viewport={"width": 1280, "height": 900}, bypass_csp=True
        )
        page = context.new_page()
        page.set_default_timeout(30_000)
        for case, url in urls.items():
            page.goto(url, wait_until="networkidle")
            page.add_script_tag(path=str(AXE))
            result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
            found[case] = [
                {
                    "id": violation["id"],
                    "impact": violation["impact"],
                    "help": violation["help"],
                    "nodes": [node["target"] for node in violation["nodes"]][:5],
                }
                for violation in result["violations"]
            ]
        browser.close()
    return found


def run_nu(urls, folder):
    """{case: [error, …]} from the Nu HTML checker on each page's HTML as the server sends it."""
    folder.mkdir()
    files = {}
    for case, url in urls.items():
        with urllib.request.urlopen(url, timeout=30) as response:
            files[case] = folder / f"{case}.html"
            files[case].write_bytes(response.read())
    completed = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--errors-only",
            "--format",
            "json",
            "--exit-zero-always",
            *map(str, files.values()),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(completed.stderr)["messages"]
    by_file = {str(path.resolve()): case for case, path in files.items()}
    found = {case: [] for case in files}
    for message in messages:
        case = by_file.get(unquote(urlsplit(message.get("url", "")).path))
        line, extract = message.get("lastLine"), message.get("extract", "")
        text = f"{message['type']}: {message['message']} (line {line}: {extract!r})"
        if case is None:
            pytest.fail(f"Nu checker message about no page of the audit: {message}")
        found[case].append(text)
    return found


def lighthouse_reports(urls, folder):
    folder.mkdir(parents=True)
    completed = subprocess.run(
        ["node", str(LIGHTHOUSE), str(folder), *urls.values()],
        capture_output=True,
        text=True,
        timeout=60 * len(urls) + 60,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
    )
    if completed.returncode:
        pytest.fail(f"Lighthouse failed ({completed.returncode}):\n{completed.stdout}\n{completed.stderr}")
    reports = {}
    for index, case in enumerate(urls):
        report = json.loads((folder / f"{index}.json").read_text())
        reports[case] = {
            # Lighthouse's measure of this machine's speed at that moment; it expects 1,000 or more.
            "benchmark": report["environment"]["benchmarkIndex"],
            "scores": {category["id"]: category["score"] for category in report["categories"].values()},
            "failing": sorted(
                f"{category['id']}: {ref['id']} ({report['audits'][ref['id']]['score']})"
                for category in report["categories"].values()
                for ref in category["auditRefs"]
                if report["audits"][ref["id"]]["score"] is not None
                and report["audits"][ref["id"]]["score"] < 1
                and (ref["weight"] > 0 or category["id"] != "performance")
            ),
        }
    return reports


def run_lighthouse(urls, folder):
    """{case: {"scores": {category: score}, "failing": [audit, …], "benchmark": index}}, one
    Lighthouse run per page, and up to two more for a page whose performance is below the bar
    (the best one is kept)."""
    reports = lighthouse_reports(urls, folder / "1")
    for attempt in (2, 3):
        slow = {
            case: url
            for case, url in urls.items()
            if case != BROKEN and below_bar(reports[case], "performance")
        }
        if not slow:
            break
        for case, again in lighthouse_reports(slow, folder / str(attempt)).items():
            if again["scores"]["performance"] > reports[case]["scores"]["performance"]:
                reports[case] = again
    return reports


def below_bar(report, category):
    return (report["scores"][category] or 0) < REQUIRED[category]


@pytest.fixture(scope="module")
def audit(django_db_setup, django_db_blocker, tmp_path_factory):
    """Every checker's findings on every page: {"axe": {case: …}, "nu": {…}, "lighthouse": {…}}."""
    missing = missing_tools()
    if missing:
        message = "the audit tools are missing: " + ", ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (.ci/run installs them)")
        pytest.skip(message)
    folder = tmp_path_factory.mktemp("audit")
    static = folder / "static"
    production_static = override_settings(
        STATIC_ROOT=static,
        STORAGES={**settings.STORAGES, "staticfiles": PRODUCTION_STORAGES["staticfiles"]},
        ROOT_URLCONF="tests.audit_urls",
    )
    server = None
    with django_db_blocker.unblock(), production_static:
        try:
            # Before Playwright starts (see test_browser.seeded).
            call_command("seed", verbosity=0)
            call_command("collectstatic", interactive=False, verbosity=0)
            server, shared = start_server()
            base = f"http://127.0.0.1:{server.port}"
            with override_settings(
                SITE_URL=base,
                MAP_TILE_URL=base + "/audit/tiles/{z}/{x}/{y}.png",
                ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "127.0.0.1"],
            ):
                urls = {}
                for case in CASES:
                    language, name = case.split("-", 1)
                    view, args = PAGES[name]
                    with override(language):
                        urls[case] = base + reverse(view, args=args)
                urls[BROKEN] = base + "/audit/broken/"
                findings = {
                    "urls": urls,
                    "axe": run_axe(urls),
                    "nu": run_nu(urls, folder / "html"),
                    "lighthouse": run_lighthouse(urls, folder / "lighthouse"),
                }
        finally:
            if server is not None:
                stop_server(server, shared)
            # Empty again for the next tests, as transactional tests leave it.
            call_command("flush", interactive=False, verbosity=0)
            cache.clear()
    # Kept for whoever reads a failure: var/ is ignored by git.
    FINDINGS.parent.mkdir(parents=True, exist_ok=True)
    FINDINGS.write_text(json.dumps(findings, indent=1, ensure_ascii=False))
    return findings


@pytest.mark.parametrize("case", CASES)
def test_axe_finds_no_violation(audit, case):
    assert audit["axe"][case] == [], audit["urls"][case]


@pytest.mark.parametrize("case", CASES)
def test_the_nu_checker_finds_no_error(audit, case):
    assert audit["nu"][case] == [], audit["urls"][case]


@pytest.mark.parametrize("case", CASES)
def test_lighthouse_scores(audit, case):
    report = audit["lighthouse"][case]
    below = {category: score for category, score in report["scores"].items() if below_bar(report, category)}
    assert below == {}, (audit["urls"][case], report["failing"], f"benchmark index {report['benchmark']}")


def test_the_checkers_find_the_faults_of_a_broken_page(audit):
    # The same runs on tests/site/audit_broken.html: each checker reports what is wrong with it,
    # so a page with faults would fail the tests above.
    axe = {violation["id"] for violation in audit["axe"][BROKEN]}
    assert {"image-alt", "button-name", "html-has-lang", "document-title"} <= axe
    nu = "\n".join(audit["nu"][BROKEN])
    assert "Element “head” is missing a required instance of child element “title”" in nu
    assert "An “img” element must have an “alt” attribute" in nu
    assert "Duplicate ID “twice”" in nu
    lighthouse = audit["lighthouse"][BROKEN]
    assert lighthouse["scores"]["accessibility"] < 1
    assert lighthouse["scores"]["seo"] < 1
    assert "accessibility: image-alt (0)" in lighthouse["failing"]
