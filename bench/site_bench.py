"""Load every public page type under gunicorn (production settings); compare each with hello-world.

Not a test. It reads the database it is given (and creates the cache table if it is missing):

    DATABASE_URL=postgres://root@127.0.0.1:5432/atlas_bench .venv/bin/python bench/site_bench.py \\
        [--duration 10] [--connections 8] [--workers 2] [--only NAME,...] [--cold] [--queries]
        [--python-load]

URLs come from the database: rows of the sitemap's sections, filters checked with the directory's
FilterSet. For each page it loads /__bench__/hello/ (same middleware, same server), then the page,
each after one warm-up request, with wrk if installed (else, or with --python-load, Python threads).
"non-2xx" is wrk's count of responses outside 2xx/3xx (the Python loader counts non-2xx); "errors"
are connection errors and timeouts. --queries counts one request's SQL queries in-process (test
Client); --cold times three first requests, each right after `cache.clear()` (after the load run:
every worker has rendered the page once, as on a running site). Queries the server
leaves running a second after a load run (worker timeouts) are cancelled, so they do not slow the
next page.
"""

import argparse
import http.client
import itertools
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote_plus, urlencode, urlsplit

from django.core.cache import cache
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, resolve, reverse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HELLO = "/__bench__/hello/"
PAGE_SIZE = 20  # the directory's page size when its view does not say
DEEPEST_PAGE = 2500
REQUEST_TIMEOUT = 35  # seconds; gunicorn kills a worker at 30
# What every browser sends: the map's data comes compressed (the sizes printed are those sent).
HEADERS = {"Accept-Encoding": "gzip"}
MAX_REQUESTS = 200_000  # per Python load run, besides the duration
STATEMENT_TIMEOUT_MS = 60_000  # for the bench's own queries (discovery, --queries)
COMMON, TYPO = "coopération", "cooperaton"


class Skip(Exception):
    """This page type has nothing to show in this database."""


class Discovery:
    """Finds the URL of each page type from the rows of the database (models found by URL name)."""

    def __init__(self):
        self.sections = {}  # URL name of a detail page -> (sitemap, its items, count)
        for site in resolve("/sitemap.xml").kwargs["sitemaps"].values():
            site = site() if callable(site) else site
            items = site.items()
            if hasattr(items, "model") and (first := items.first()) is not None:
                self.sections[resolve(site.location(first)).view_name] = (site, items, items.count())
        self._pair = None

    def section(self, view_name):
        if view_name not in self.sections:
            raise Skip(f"no row with a {view_name} page")
        return self.sections[view_name]

    def middle(self, view_name):
        """The page of the middle row (by primary key) of a sitemap section."""
        site, items, count = self.section(view_name)
        return site.location(items.order_by("pk")[count // 2])

    def partnerships(self):
        return self.section("cooperation:partnership-detail")[1].model._default_manager

    def directory(self, **params):
        return reverse("cooperation:partnership-list") + (f"?{urlencode(params)}" if params else "")

    def directory_results(self, **params):
        view = resolve(self.directory()).func.view_class
        filterset = view.filterset_class(params, queryset=self.partnerships().all())
        if not filterset.is_valid():
            raise Skip(f"the directory refuses {params}: {filterset.errors.as_text()}")
        return filterset.qs

    def deep_page(self):
        size = getattr(resolve(self.directory()).func.view_class, "paginate_by", None) or PAGE_SIZE
        last = max(1, math.ceil(self.section("cooperation:partnership-detail")[2] / size))
        if last == 1:
            print("note: the directory has a single page; directory-deep is ?page=1")
        return self.directory(page=min(DEEPEST_PAGE, last))

    def country_and_domain(self):
        """Slugs of a country and a domain that leave some results in the directory (200 tries)."""
        if self._pair is None:
            countries = self.section("cooperation:country-detail")[1].order_by("pk")[:50]
            domains = self.section("cooperation:domain-detail")[1].order_by("pk")[:50]
            pairs = itertools.islice(itertools.product(countries, domains), 200)
            found = (p for p in pairs if self.directory_results(pays=p[0].slug, domaine=p[1].slug).exists())
            self._pair = next(((c.slug, d.slug) for c, d in found), None)
        if self._pair is None:
            raise Skip("no country and domain with partnerships in common")
        return self._pair

    def texts(self, field, limit):
        if field not in {f.name for f in self.partnerships().model._meta.get_fields()}:
            raise Skip(f"partnerships have no {field!r} field")
        rows = self.partnerships().exclude(**{field: ""}).order_by("pk")
        return list(rows.values_list(field, flat=True)[:limit])

    def rare_word(self):
        """The first word of a partnership name among those in the fewest names (at least one)."""
        words = [w.lower() for name in self.texts("name", 300) for w in re.findall(r"[^\W\d_]{5,}", name)]
        words = [w for w in dict.fromkeys(words) if not w.startswith(("coop", "coöp"))][:15]
        counts = {w: self.partnerships().filter(name__icontains=w).count() for w in words}
        if not counts:
            raise Skip("no word of five letters in partnership names")
        return min(counts, key=counts.get)

    def phrase(self):
        """Two consecutive words of a partnership summary that the directory search finds."""
        pattern = r"(?=\b([^\W\d_]{4,}\s+[^\W\d_]{4,})\b)"
        found = (m for text in self.texts("summary", 30) for m in re.findall(pattern, text))
        for phrase in itertools.islice(dict.fromkeys(found), 5):
            if self.directory_results(q=f'"{phrase}"').exists():
                return f'"{" ".join(phrase.split())}"'
        raise Skip("no two-word phrase of a summary is found by the search")

    def busiest_body(self):
        site, bodies, _count = self.section("cooperation:body-detail")
        target = self.partnerships().model
        relations = [
            f
            for f in bodies.model._meta.get_fields()
            if f.is_relation and f.related_model is target and (f.many_to_many or f.one_to_many)
        ]
        if not relations:
            raise Skip("no relation from bodies to partnerships")
        relation = max(relations, key=lambda f: f.many_to_many)
        return site.location(bodies.annotate(bench_n=Count(relation.name)).order_by("-bench_n", "pk")[0])

    def sitemap_section(self):
        if getattr(resolve("/sitemap.xml").func, "__name__", "") != "index":
            raise Skip("/sitemap.xml is one document, not an index")
        locations = re.findall(r"<loc>([^<]+)</loc>", Client().get("/sitemap.xml").content.decode())
        if not locations:
            raise Skip("the sitemap index lists no section")
        parts = urlsplit(locations[0].replace("&amp;", "&"))
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def busiest_partners(self):
        """The lines of the body with most partnerships to its partners (the map's hover)."""
        slug = resolve(self.busiest_body()).kwargs["slug"]
        return f"{reverse('cooperation:partners-geojson')}?{urlencode({'de': slug})}"

    def map_data(self, **params):
        return reverse("cooperation:bodies-geojson") + (f"?{urlencode(params)}" if params else "")

    def export(self, url_name):
        return f"{reverse(url_name)}?{urlencode({'pays': self.country_and_domain()[0]})}"


def search(q):
    return f"{reverse('cooperation:search')}?{urlencode({'q': q})}"


PAGES = {
    "home": lambda d: reverse("home"),
    "directory": lambda d: d.directory(),
    "directory-deep": Discovery.deep_page,
    "directory-filters": lambda d: d.directory(
        pays=d.country_and_domain()[0], domaine=d.country_and_domain()[1]
    ),
    "dir-q-common": lambda d: d.directory(q=COMMON),
    "dir-q-rare": lambda d: d.directory(q=d.rare_word()),
    "dir-q-phrase": lambda d: d.directory(q=d.phrase()),
    "dir-q-typo": lambda d: d.directory(q=TYPO),
    "search": lambda d: search(COMMON),
    "search-typo": lambda d: search(TYPO),
    "partnership": lambda d: d.middle("cooperation:partnership-detail"),
    "agreement": lambda d: d.middle("cooperation:agreement-detail"),
    "delegation": lambda d: d.middle("cooperation:delegation-detail"),
    "body-busiest": Discovery.busiest_body,
    "country": lambda d: d.middle("cooperation:country-detail"),
    "article": lambda d: d.middle("articles:article-detail"),
    "news": lambda d: reverse("articles:article-list"),
    "feed-rss": lambda d: reverse("articles:feed-rss"),
    "feed-atom": lambda d: reverse("articles:feed-atom"),
    "sitemap": lambda d: "/sitemap.xml",
    "sitemap-section": Discovery.sitemap_section,
    "map": lambda d: reverse("cooperation:map"),
    "map-filters": lambda d: (
        reverse("cooperation:map")
        + f"?{urlencode({'pays': d.country_and_domain()[0], 'domaine': d.country_and_domain()[1]})}"
    ),
    "map-geojson": lambda d: d.map_data(),
    "map-geojson-filters": lambda d: d.map_data(
        pays=d.country_and_domain()[0], domaine=d.country_and_domain()[1]
    ),
    "map-geojson-common": lambda d: d.map_data(q=COMMON),
    "map-partners-busiest": Discovery.busiest_partners,
    "export-csv": lambda d: d.export("cooperation:partnerships-csv"),
    "export-json": lambda d: d.export("cooperation:partnerships-json"),
}


def discover_pages(names):
    discovery, pages = Discovery(), []
    for name in names:
        try:
            pages.append((name, PAGES[name](discovery)))
        except (Skip, NoReverseMatch) as exc:
            print(f"skipped {name}: {exc}")
    counts = {
        view.split(":")[-1].removesuffix("-detail"): n for view, (_, _, n) in discovery.sections.items()
    }
    return pages, counts


# --- The server ----------------------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port, workers, log):
    """gunicorn with production's configuration (deploy/gunicorn.conf.py: sync workers, 30 s
    timeout, the streamed exports' heartbeat), less its access log and worker recycling, which
    would weigh on the load runs."""
    env = {
        **os.environ,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers),
        "GUNICORN_TIMEOUT": "30",
        "GUNICORN_GRACEFUL_TIMEOUT": "5",
        "GUNICORN_MAX_REQUESTS": "0",
        "GUNICORN_ACCESS_LOG": "",
        "GUNICORN_LOG_LEVEL": "warning",
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "-c",
        str(ROOT / "deploy" / "gunicorn.conf.py"),
        "--chdir",
        str(ROOT),
    ]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True)


def wait_until_up(server, port, log):
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and server.poll() is None:
        if fetch(port, HELLO, timeout=2)[0] == 200:
            return
        time.sleep(0.2)
    log.seek(0)
    sys.exit(f"gunicorn did not come up within 20 s (exit code {server.poll()}); its stderr:\n{log.read()}")


def start_redis():
    """A throw-away Redis on a free loopback port (production caches in Redis), or None."""
    if not shutil.which("redis-server"):
        print("note: redis-server not found; the cache is the database cache")
        return None
    port = free_port()
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    redis = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                os.environ["REDIS_URL"] = f"redis://127.0.0.1:{port}/0"
                return redis
        time.sleep(0.1)
    redis.kill()
    sys.exit("redis-server did not come up within 10 s")


def stop_server(server):
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)  # the master and its workers (its own session)
            server.wait()


def cancel_leftover_queries():
    """Cancel the server's queries still running a second after a load run (PostgreSQL only)."""
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_cancel_backend(pid)) FROM pg_stat_activity WHERE application_name = 'site_bench'"
            " AND pid <> pg_backend_pid() AND state = 'active' AND now() - query_start > interval '1 second'"
        )
        return cursor.fetchone()[0]


# --- Measuring -----------------------------------------------------------------------------------


@dataclass
class Load:
    rps: float
    p50: float  # milliseconds
    p99: float
    bad: int  # non-2xx (wrk: outside 2xx/3xx)
    errors: int  # connection errors, timeouts


def fetch(port, url, timeout=REQUEST_TIMEOUT):
    """(status, body size, seconds) of one GET to 127.0.0.1; status None on a connection error."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    start = time.perf_counter()
    try:
        conn.request("GET", url, headers=HEADERS)
        response = conn.getresponse()
        return response.status, len(response.read()), time.perf_counter() - start
    except (OSError, http.client.HTTPException):
        return None, 0, time.perf_counter() - start
    finally:
        conn.close()


def percentile(ordered, p):
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] if ordered else math.nan


def python_load(port, url, duration, connections):
    """Threads with a keep-alive connection each, until the duration or MAX_REQUESTS is reached."""
    deadline, budget, lock = time.monotonic() + duration, itertools.count(), threading.Lock()
    latencies, totals = [], [0, 0]  # bad, errors

    def client():
        conn, own, bad, errors = None, [], 0, 0
        while time.monotonic() < deadline and next(budget) < MAX_REQUESTS:
            conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
            try:
                start = time.perf_counter()
                conn.request("GET", url, headers=HEADERS)
                response = conn.getresponse()
                response.read()
                own.append(time.perf_counter() - start)
                bad += not 200 <= response.status < 300
                closing = response.will_close  # gunicorn's sync workers close after each response
            except (OSError, http.client.HTTPException):
                errors, closing = errors + 1, True
            if closing:
                conn.close()
                conn = None
        with lock:
            latencies.extend(own)
            totals[0] += bad
            totals[1] += errors

    started = time.monotonic()
    threads = [threading.Thread(target=client, daemon=True) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    rps = len(latencies) / (time.monotonic() - started)
    return Load(rps, percentile(latencies, 50) * 1000, percentile(latencies, 99) * 1000, *totals)


WRK_UNITS = {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000}


def wrk_load(port, url, duration, connections):
    command = ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{duration}s", "--latency"]
    command += ["--timeout", f"{REQUEST_TIMEOUT}s", f"http://127.0.0.1:{port}{url}"]
    command += [option for name, value in HEADERS.items() for option in ("-H", f"{name}: {value}")]
    out = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60, check=True).stdout

    def latency(p):
        value, unit = re.search(rf"^\s+{p}%\s+([\d.]+)(\w+)", out, re.M).groups()
        return float(value) * WRK_UNITS[unit]

    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return Load(
        float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        latency(50),
        latency(99),
        int(bad.group(1)) if bad else 0,
        sum(map(int, errors.groups())) if errors else 0,
    )


def measure(port, url, args):
    """(status, size) of a warm-up request, then a load run."""
    status, size, _ = fetch(port, url)
    load = python_load if args.python_load or not shutil.which("wrk") else wrk_load
    return status, size, load(port, url, args.duration, args.connections)


def cold_times(port, url, times=3):
    """Milliseconds of first requests, each right after emptying the cache."""
    results = []
    for _ in range(times):
        cache.clear()
        results.append(fetch(port, url)[2] * 1000)
    return sorted(results)


def changed_times(port, url, times=3):
    """Milliseconds of first requests, each right after a content change, once the worker's task
    has rebuilt the directory's snapshot (done here, as the worker would); and that rebuild's."""
    from cooperation.directory import DirectorySnapshot
    from core import pagecache
    from core.models import ContentVersion

    results, rebuilds = [], []
    for _ in range(times):
        # A new version where a save puts it (core/pagecache.py): in the database and the cache,
        # so that a later cache.clear() (--cold) falls back on it, not on an older one.
        version = time.time_ns()
        ContentVersion.objects.update_or_create(pk=1, defaults={"version": version})
        cache.set(pagecache.VERSION_KEY, version, None)
        started = time.perf_counter()
        DirectorySnapshot.current()
        rebuilds.append((time.perf_counter() - started) * 1000)
        results.append(fetch(port, url)[2] * 1000)
    return sorted(results), sorted(rebuilds)


def count_queries(url):
    """(number of queries, SQL milliseconds) of one request, in-process with the test Client."""
    with CaptureQueriesContext(connection) as captured:
        response = Client(raise_request_exception=False).get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    return len(captured), sum(float(q["time"]) for q in captured.captured_queries) * 1000


# --- Reporting -----------------------------------------------------------------------------------


def human_size(size):
    for unit, scale in (("MB", 1 << 20), ("kB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} B"


def short(url, width=44):
    url = unquote_plus(url)
    return url if len(url) <= width else url[: width - 1] + "…"


def columns(args):
    names = ["page", "URL", "req/s", "p50 ms", "p99 ms", "× hello", "non-2xx", "errors", "size"]
    names += ["queries", "SQL ms"] if args.queries else []
    names += ["cold ms ×3"] if args.cold else []
    return names + (["changed ms ×3", "rebuild ms"] if args.changed else [])


def cells(row, args):
    page, hello = row["page"], row["hello"]
    ratio = f"{page.rps / hello.rps:.3f}" if hello.rps else "–"
    size = human_size(row["size"]) + ("" if row["status"] == 200 else f" ({row['status'] or 'error'})")
    values = [row["name"], short(row["url"]), f"{page.rps:.1f}", f"{page.p50:.1f}", f"{page.p99:.1f}", ratio]
    values += [str(page.bad), str(page.errors), size]
    if args.queries:
        values += [str(row["queries"][0]), f"{row['queries'][1]:.1f}"]
    if args.cold:
        values += ["/".join(f"{ms:.0f}" for ms in row["cold"])]
    if args.changed:
        values += ["/".join(f"{ms:.0f}" for ms in times) for times in row["changed"]]
    return values


WIDTHS = [17, 44, 8, 8, 8, 7, 7, 6, 16, 7, 9, 12, 14, 12]


def print_row(values):
    pairs = enumerate(zip(values, WIDTHS, strict=False))
    print("  ".join(str(v).ljust(w) if i < 2 else str(v).rjust(w) for i, (v, w) in pairs), flush=True)


def machine():
    memory = next(line.split()[1] for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    database = connection.display_name
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            database += " " + cursor.fetchone()[0].split()[0]
    git = ["git", "-C", str(ROOT)]
    commit = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout
    changed = subprocess.run([*git, "status", "--porcelain", "-uno"], capture_output=True, text=True).stdout
    commit = (
        f", commit {commit.strip()}{' with uncommitted changes' if changed.strip() else ''}" if commit else ""
    )
    return f"{len(os.sched_getaffinity(0))} cores, {int(memory) / 1024**2:.1f} GB RAM, {database}{commit}"


def print_markdown(rows, args, counts, tool):
    names = columns(args)
    print(f"\nMeasured {datetime.now():%Y-%m-%d %H:%M} on {machine()}.")
    print(f"Rows: {', '.join(f'{name} {n:,}' for name, n in sorted(counts.items()))}.")
    cold = "; cold ms ×3: first requests, each after cache.clear()" if args.cold else ""
    if args.changed:
        cold += "; changed ms ×3: first requests, each after a content change (the snapshot rebuilt)"
    setup = f"gunicorn, {args.workers} sync workers, production settings"
    print(f"{setup}; load: {tool} per run, warm cache{cold}.\n")
    print("| " + " | ".join(names) + " |")
    print("| " + " | ".join("---" if i < 2 else "---:" for i in range(len(names))) + " |")
    for row in rows:
        values = cells(row, args)
        values[1] = f"`{values[1]}`"
        print("| " + " | ".join(v.replace("|", "\\|") for v in values) + " |")


# --- Main ----------------------------------------------------------------------------------------


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds per load run")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--only", default="", help="comma-separated: " + ",".join(PAGES))
    parser.add_argument("--cold", action="store_true", help="also time first requests after cache.clear()")
    parser.add_argument(
        "--changed",
        action="store_true",
        help="also time first requests after a content change, once the worker rebuilt the snapshot",
    )
    parser.add_argument("--queries", action="store_true", help="count one request's SQL queries")
    parser.add_argument("--python-load", action="store_true", help="do not use wrk even if installed")
    parser.add_argument("--no-redis", action="store_true", help="keep the database cache")
    args = parser.parse_args()
    args.only = [name for name in args.only.split(",") if name]
    if unknown := set(args.only) - set(PAGES):
        parser.error(f"unknown page names {sorted(unknown)}; choose from {','.join(PAGES)}")
    if not os.environ.get("DATABASE_URL"):
        parser.error("set DATABASE_URL (e.g. postgres://root@127.0.0.1:5432/atlas_bench)")
    return args


def setup_django():
    """Production settings with dummy bench-only secrets, for this process and the server."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench.site_settings",
        DJANGO_SECRET_KEY="site-bench-only-not-a-secret",
        EMAIL_HOST="127.0.0.1",
        SITE_URL="https://atlas.example.org",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
    )
    import django
    from django.db.backends.signals import connection_created

    def limit_statements(sender, connection, **kwargs):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"SET statement_timeout = {STATEMENT_TIMEOUT_MS}")

    connection_created.connect(limit_statements, weak=False)
    django.setup()


def main():
    args = parse_args()
    redis = None if args.no_redis else start_redis()
    try:
        run(args)
    finally:
        if redis is not None:
            redis.terminate()
            redis.wait()


def run(args):
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if args.cold and "locmem" in settings.CACHES["default"]["BACKEND"].lower():
        print("warning: the cache is per process; --cold cannot empty the server's")
    pages, counts = discover_pages([name for name in PAGES if not args.only or name in args.only])
    use_wrk = not args.python_load and shutil.which("wrk")
    tool = f"{'wrk' if use_wrk else 'Python threads'}, {args.connections} connections, {args.duration} s"
    port, rows, interrupted = free_port(), [], False
    with tempfile.TemporaryFile("w+") as log:
        server = start_server(port, args.workers, log)
        try:
            wait_until_up(server, port, log)
            print(f"gunicorn on 127.0.0.1:{port}; {len(pages)} pages; {tool} per run\n")
            print_row(columns(args))
            for name, url in pages:
                row = {"name": name, "url": url}
                row["hello"] = measure(port, HELLO, args)[2]
                row["status"], row["size"], row["page"] = measure(port, url, args)
                # After the load run, so that every worker has rendered the page once: a first
                # request is timed without the cache, not a process's first compile of a template.
                row["cold"] = cold_times(port, url) if args.cold else None
                row["changed"] = changed_times(port, url) if args.changed else None
                time.sleep(1)
                if cancelled := cancel_leftover_queries():
                    print(f"  ({cancelled} queries left running by the server were cancelled)")
                row["queries"] = count_queries(url) if args.queries else None
                print_row(cells(row, args))
                rows.append(row)
        except KeyboardInterrupt:
            interrupted = True
            print("\ninterrupted: stopping gunicorn")
        finally:
            stop_server(server)
    print_markdown(rows, args, counts, tool)
    if interrupted:
        sys.exit(130)


if __name__ == "__main__":
    main()
