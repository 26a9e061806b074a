"""The production stack as `make prod` starts it (deploy/prod.sh: nginx, gunicorn, the task worker,
Redis when installed), on free ports, on the test database; every request goes through nginx.

gunicorn runs ONE sync worker and nginx cuts slow clients after 2 s (NGINX_CLIENT_TIMEOUT), so
a slow client that reached gunicorn would hold the whole site. Needs nginx (`apt-get install
nginx`): skipped without it locally, a failure in CI (`CI=true`).
"""

import http.client
import json
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.db import connection

from tests.conftest import requires_postgres
from tests.newsletter.smtp import RecordingHandler, SMTPServer

ROOT = Path(__file__).resolve().parents[2]
CLIENT_TIMEOUT = 2  # seconds: nginx's header, body and send timeouts in this test
MIB = 1024 * 1024
ANSI = re.compile(r"\x1b\[[0-9;]*m")

pytestmark = [pytest.mark.stack, requires_postgres]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url(settings):
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    return (
        f"postgres://{settings['USER']}{password}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )


def self_signed_certificate(folder):
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"]
        + ["-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    return cert, key


def insecure_tls():
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the test's self-signed certificate
    return context


@dataclass
class Stack:
    http_port: int
    https_port: int
    prefix: Path
    log: Path
    smtp: SMTPServer

    def https(self, method, path, body=None, headers=None, timeout=10):
        conn = http.client.HTTPSConnection(
            "127.0.0.1", self.https_port, timeout=timeout, context=insecure_tls()
        )
        try:
            conn.request(method, path, body=body, headers={"Host": "127.0.0.1", **(headers or {})})
            response = conn.getresponse()
            response.body = response.read()
            return response
        finally:
            conn.close()

    def http(self, method, path, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.http_port, timeout=10)
        try:
            conn.request(method, path, headers={"Host": "127.0.0.1", **(headers or {})})
            response = conn.getresponse()
            response.body = response.read()
            return response
        finally:
            conn.close()

    def lines(self, process):
        """What one process of the Procfile printed ("web", "nginx", …), without honcho's prefix."""
        found = []
        for line in ANSI.sub("", self.log.read_text(errors="replace")).splitlines():
            name, _, text = line.partition(" | ")
            if name.split()[-1:] == [f"{process}.1"]:
                found.append(text)
        return found

    def logged(self, process, marker):
        """Whether `process` logged a line with `marker`, waiting a little for the line to arrive
        (gunicorn logs a request after answering it)."""
        deadline = time.monotonic() + 2
        while not (found := [line for line in self.lines(process) if marker in line]):
            if time.monotonic() > deadline:
                break
            time.sleep(0.1)
        return found

    def reached_gunicorn(self, marker):
        """Whether a request with `marker` reached gunicorn: its single worker logs requests in
        order, so once a request sent now is logged, any earlier one is too."""
        sentinel = f"/robots.txt?after-{time.monotonic_ns()}"
        assert self.https("GET", sentinel).status == 200
        assert self.logged("web", sentinel), "gunicorn's access log is missing"
        return any(marker in line for line in self.lines("web"))


STARTUP_SECONDS = 120  # a few seconds on a quiet machine; much more on a loaded one, under coverage
failed_to_start = []  # pytest would start the stack again for each test of the module


@pytest.fixture(scope="module")
def stack(django_db_setup, django_db_blocker):
    if failed_to_start:
        pytest.fail(f"the stack did not start (see the first test's error): {failed_to_start[0]}")
    if not shutil.which("nginx"):
        if os.environ.get("CI") == "true":
            pytest.fail("nginx is required in CI (apt-get install nginx)")
        pytest.skip("nginx is not installed (apt-get install nginx)")
    (ROOT / "var").mkdir(exist_ok=True)
    prefix = Path(tempfile.mkdtemp(prefix="stack-test-", dir=ROOT / "var"))
    prefix.chmod(0o755)  # nginx's workers (www-data when run as root) read the static files
    cert, key = self_signed_certificate(prefix)
    (prefix / "media").mkdir()
    (prefix / "media" / "photo.webp").write_bytes(b"RIFF\x00\x00\x00\x00WEBPVP8 ")
    with django_db_blocker.unblock():
        url = database_url(connection.settings_dict)
    smtp = SMTPServer(RecordingHandler())
    stack = Stack(free_port(), free_port(), prefix, prefix / "stack.log", smtp)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "NGINX_", "GUNICORN_"))}
    env.pop("REDIS_URL", None)
    env.update(
        DJANGO_SECRET_KEY="stack-test-only-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=url,
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp.port),  # aiosmtpd, in this process
        SITE_URL=f"https://127.0.0.1:{stack.https_port}",
        DJANGO_STATIC_ROOT=str(prefix / "static"),
        DJANGO_MEDIA_ROOT=str(prefix / "media"),
        NGINX_PREFIX=str(prefix),
        NGINX_HTTP_LISTEN=f"127.0.0.1:{stack.http_port}",
        NGINX_HTTPS_LISTEN=f"127.0.0.1:{stack.https_port}",
        NGINX_TLS_CERT=str(cert),
        NGINX_TLS_KEY=str(key),
        NGINX_CLIENT_TIMEOUT=f"{CLIENT_TIMEOUT}s",
        NGINX_WORKER_PROCESSES="1",
        GUNICORN_WORKERS="1",
        PYTHONUNBUFFERED="1",  # honcho writes each line to the log at once
        ATLAS_ENV_FILE=str(prefix / "no.env"),  # never a developer's .env
    )
    smtp.__enter__()
    with stack.log.open("wb") as log:
        process = subprocess.Popen(
            ["bash", "deploy/prod.sh"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            problem = None
            if process.poll() is not None:
                problem = f"deploy/prod.sh stopped ({process.returncode})"
            elif time.monotonic() > deadline:
                problem = f"the stack did not answer /healthz within {STARTUP_SECONDS} s"
            if problem:
                failed_to_start.append(problem)
                pytest.fail(f"{problem}:\n{stack.log.read_text()}")
            try:
                if stack.https("GET", "/healthz", timeout=2).status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        yield stack
    finally:
        process.send_signal(signal.SIGTERM)  # honcho stops every process of the Procfile
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        with django_db_blocker.unblock():
            call_command("flush", interactive=False, verbosity=0)  # deploy/prod.sh loaded the seed
        smtp.__exit__()
        shutil.rmtree(prefix, ignore_errors=True)


def test_pages_come_through_nginx_with_the_production_headers(stack):
    headers = {"Accept-Encoding": "gzip", "X-Forwarded-For": "203.0.113.9"}
    response = stack.https("GET", "/?forwarded-for", headers=headers)
    assert response.status == 200
    assert response.getheader("Server") == "nginx"  # no version
    assert response.getheader("Content-Encoding") == "gzip"
    assert "Accept-Encoding" in response.getheader("Vary")
    assert response.getheader("Strict-Transport-Security").startswith("max-age=31536000")
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("X-Frame-Options") == "DENY"
    # nginx replaced the client's X-Forwarded-For with the address it saw.
    logged = stack.logged("web", "/?forwarded-for")
    assert logged and logged[0].startswith("127.0.0.1 "), logged
    # Seeded by deploy/prod.sh.
    assert "Namur" in stack.https("GET", "/").body.decode()


def test_a_sign_up_through_nginx_is_mailed_by_the_worker(stack):
    form = stack.https("GET", "/lettre/inscription/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.body.decode()).group(1)
    cookies = "; ".join(cookie.split(";")[0] for cookie in form.headers.get_all("Set-Cookie"))
    origin = f"https://127.0.0.1:{stack.https_port}"
    fields = {
        "csrfmiddlewaretoken": token,
        "email": "visiteur@example.org",
        "language": "fr",
        "consent": "on",
    }
    response = stack.https(
        "POST",
        "/lettre/inscription/",
        body=urlencode(fields),
        headers={
            "Cookie": cookies,
            "Origin": origin,
            "Host": f"127.0.0.1:{stack.https_port}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    assert response.status == 302, response.body[:500]
    deadline = time.monotonic() + 20
    while not stack.smtp.handler.received()["visiteur@example.org"] and time.monotonic() < deadline:
        time.sleep(0.2)
    assert stack.smtp.handler.received()["visiteur@example.org"] == 1, stack.lines("worker")[-20:]


def test_plain_http_is_redirected_to_https_but_health_is_not(stack):
    response = stack.http("GET", "/actualites/")
    assert response.status == 301
    assert response.getheader("Location").startswith("https://127.0.0.1")
    health = stack.http("GET", "/healthz")
    assert (health.status, health.body) == (200, b"ok\n")
    assert "no-store" in health.getheader("Cache-Control")


def test_static_files_are_served_by_nginx_with_long_cache_headers(stack):
    manifest = json.loads((stack.prefix / "static" / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/site.css"]
    response = stack.https("GET", f"/static/{hashed}?stack-test-static", headers={"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.getheader("Cache-Control") == "public, max-age=31536000, immutable"
    assert response.getheader("Content-Encoding") == "gzip"  # the .gz written by collectstatic
    plain = stack.https("GET", "/static/css/site.css")
    assert plain.status == 200
    assert plain.getheader("Cache-Control") == "public, max-age=3600"
    assert stack.https("GET", "/static/nothing-here.css").getheader("Cache-Control") is None  # 404 not kept
    assert not stack.reached_gunicorn("/static/")

    media = stack.https("GET", "/media/photo.webp")
    assert media.status == 200
    assert media.getheader("Cache-Control") == "public, max-age=2592000"
    assert "sandbox" in media.getheader("Content-Security-Policy")


def headers_only(port, head):
    """Sends a request's headers and no body, and reads the answer nginx gives from them alone."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(head.encode())
        response = http.client.HTTPResponse(sock)
        response.begin()
        response.body = response.read()
        return response


def test_a_body_over_the_limit_gets_413_from_nginx_without_reaching_django(stack):
    # Forms: 1 MiB; the admin: the image upload limit plus 2 MiB (12 MiB).
    for path, size in [
        ("/lettre/inscription/?too-big-form", 2 * MIB),
        ("/admin/login/?too-big-upload", 13 * MIB),
    ]:
        head = (
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {size}\r\nConnection: close\r\n\r\n"
        )
        response = headers_only(stack.http_port, head)
        assert response.status == 413
        assert b"<center>nginx</center>" in response.body
        assert not stack.reached_gunicorn(path)
    # An upload under the admin's limit goes through (Django refuses it: no CSRF token).
    response = stack.https("POST", "/admin/login/?big-upload", body=b"x" * (11 * MIB))
    assert response.status == 403
    assert stack.reached_gunicorn("/admin/login/?big-upload")


class SlowClient(threading.Thread):
    """Sends `request` one byte every `interval` seconds, after its first `at_once` bytes: nginx
    must close the connection long before it is all sent."""

    def __init__(self, port, request, at_once=0, interval=0.2, tls=False):
        super().__init__(daemon=True)
        self.port, self.request, self.at_once, self.interval, self.tls = port, request, at_once, interval, tls
        self.sent = 0
        self.closed_after = None

    def run(self):
        start = time.monotonic()
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=CLIENT_TIMEOUT * 5) as sock:
                if self.tls:
                    sock = insecure_tls().wrap_socket(sock)
                sock.sendall(self.request[: self.at_once])
                self.sent = self.at_once
                sock.settimeout(0.05)
                while self.sent < len(self.request):
                    try:
                        if not sock.recv(4096):
                            break  # nginx closed it
                    except (TimeoutError, ssl.SSLWantReadError):
                        pass
                    sock.send(self.request[self.sent : self.sent + 1])
                    self.sent += 1
                    time.sleep(self.interval)
        except OSError:  # a reset or a broken pipe: nginx closed it
            pass
        self.closed_after = time.monotonic() - start


def test_slow_clients_hold_no_worker_and_are_cut_by_nginx(stack):
    padding = "X-Padding: " + "a" * 200 + "\r\n"
    headers = [
        SlowClient(
            stack.http_port, f"GET /slow-header-{i} HTTP/1.1\r\nHost: 127.0.0.1\r\n{padding}\r\n".encode()
        )
        for i in range(6)
    ]
    # To the HTTPS port, where Django would read the body (over HTTP it would redirect at once).
    body = "email=" + "a" * 200
    bodies = [
        SlowClient(
            stack.https_port,
            (
                f"POST /lettre/inscription/?slow-body-{i} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\n"
                f"Content-Length: {len(body)}\r\n\r\n{body}"
            ).encode(),
            at_once=150,  # the whole header and a few bytes of the body, then pauses longer than the timeout
            interval=CLIENT_TIMEOUT * 1.5,
            tls=True,
        )
        for i in range(2)
    ]
    slow = headers + bodies
    for client in slow:
        client.start()
    time.sleep(0.5)

    # While they hang, the site answers as usual (gunicorn has a single worker).
    answered = []
    for _ in range(5):
        started = time.monotonic()
        response = stack.https("GET", "/", timeout=CLIENT_TIMEOUT * 2)
        answered.append((response.status, round(time.monotonic() - started, 3)))
    assert all(client.is_alive() for client in slow), "the slow clients were still sending"
    assert [status for status, _ in answered] == [200] * 5, answered

    for client in slow:
        client.join(CLIENT_TIMEOUT * 5)
    for client in slow:
        assert not client.is_alive()
        assert client.sent < len(client.request), "nginx let a slow client send everything"
    assert not any(stack.reached_gunicorn(marker) for marker in ("/slow-header-", "slow-body-"))
    print(
        f"normal requests while 8 slow clients hung: {answered}; slow clients cut after "
        f"{sorted(round(c.closed_after, 1) for c in slow)} s, having sent "
        f"{[c.sent for c in slow]} of {[len(c.request) for c in slow]} bytes"
    )
