"""A fixed-window counter per client on Django's cache API (works with the database cache).

cache.add() creates the counter only if it is missing, so the window starts at the first hit;
cache.incr() then counts. On the database cache incr() is a read then a write, so two requests in
the same instant may count once: good enough against a flood, not an exact quota.
"""

import time

from django.core.cache import cache

from . import conf


def client_ip(request):
    """REMOTE_ADDR, or the header named by NEWSLETTER_CLIENT_IP_HEADER when a reverse proxy sets it.

    Behind a proxy every request comes from the proxy's address, so the limit would be global.
    Name the header only if the proxy overwrites it (e.g. "HTTP_X_REAL_IP"); for X-Forwarded-For the
    last entry is the one the proxy added, the others are whatever the client sent.
    """
    header = conf.get("CLIENT_IP_HEADER")
    if header and request.META.get(header):
        return request.META[header].split(",")[-1].strip()[:64]
    return request.META.get("REMOTE_ADDR") or "unknown"


def hit(scope, ident, *, limit, period):
    """Count one hit; return the seconds to wait when the limit is exceeded, else 0."""
    window = int(time.time() // period)
    key = f"ratelimit:{scope}:{ident}:{window}"
    cache.add(key, 0, timeout=period)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=period)
        count = 1
    if count > limit:
        return max(1, int((window + 1) * period - time.time()))
    return 0
