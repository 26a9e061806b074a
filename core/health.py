"""`/healthz` for nginx, systemd, Docker and load balancers: 200 "ok" when the application, its
database and its cache answer, 503 naming what does not.

It is answered by the first middleware, before any other runs: a probe sends whatever `Host` it
likes (an address, a container name) and plain HTTP, so `ALLOWED_HOSTS` and the HTTPS redirect
would turn it into a 400 or a 301; and the page cache would read the cache and the database before
the check could report them down. No template, no session, never cached.
"""

import logging

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers

PATH = "/healthz"
logger = logging.getLogger(__name__)


def database_answers():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def cache_answers():
    cache.set("healthz", "ok", 10)
    return cache.get("healthz") == "ok"


CHECKS = {"database": database_answers, "cache": cache_answers}


def failing_checks():
    failing = []
    for name, check in CHECKS.items():
        try:
            if not check():
                failing.append(name)
        except Exception:  # any driver's error: the probe must answer, not raise
            logger.warning("Health check: the %s does not answer", name, exc_info=True)
            failing.append(name)
    return failing


def health_response():
    failing = failing_checks()
    body = "ok\n" if not failing else "".join(f"{name} unavailable\n" for name in failing)
    response = HttpResponse(body, status=503 if failing else 200, content_type="text/plain; charset=utf-8")
    add_never_cache_headers(response)
    return response


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == PATH and request.method in ("GET", "HEAD"):
            return health_response()
        return self.get_response(request)
