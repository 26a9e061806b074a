"""A fixed-window counter per client on Django's cache API (works with the database cache).

cache.add() creates the counter only if it is missing, so the window starts at the first hit;
cache.incr() then counts. On the database cache incr() is a read then a write, so two requests in
the same instant may count once: good enough against a flood, not an exact quota.
"""

import time

from django.core.cache import cache

from core import proxy

from . import conf


def client_ip(request):
    """The client's address by the site's trusted-proxy rule (core/proxy.py, the one django-axes
    uses): REMOTE_ADDR, or, from a proxy of TRUSTED_PROXIES, what it put in X-Forwarded-For (or
    in the header NEWSLETTER_CLIENT_IP_HEADER names). Behind a proxy that is not trusted, every
    visitor would share the proxy's address and its limit."""
    header = conf.get("CLIENT_IP_HEADER") or "HTTP_X_FORWARDED_FOR"
    return proxy.client_ip(request, header) or "unknown"


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
