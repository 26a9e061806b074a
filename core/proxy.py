"""Which peer may speak for the client: the reverse proxies of `settings.TRUSTED_PROXIES`.

A proxy tells the application the client's address (X-Forwarded-For) and whether the request came
over HTTPS (X-Forwarded-Proto). From any other peer these headers are whatever the client typed,
so `TrustedProxyMiddleware` drops them before Django (`SECURE_PROXY_SSL_HEADER`), django-axes or
the newsletter's rate limit can read them, and `client_ip` believes only the entries that trusted
proxies appended.
"""

import functools
import ipaddress

from django.conf import settings

FORWARDING_HEADERS = (
    "HTTP_FORWARDED",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_REAL_IP",
)


@functools.cache
def _networks(proxies):
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _address(value):
    try:
        return ipaddress.ip_address(value.strip().removeprefix("[").removesuffix("]"))
    except ValueError:
        return None


def is_trusted(address):
    address = _address(address or "")
    if address is None:
        return False
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    return any(address in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request, header="HTTP_X_FORWARDED_FOR"):
    """The client's address: REMOTE_ADDR, unless that is a trusted proxy, in which case the
    entries of `header` are read from the right (the last one is what the nearest proxy added)
    past every trusted proxy; what lies further left was written by the client."""
    address = request.META.get("REMOTE_ADDR", "")
    hops = request.META.get(header, "").split(",") if header else []
    while hops and is_trusted(address):
        previous = _address(hops.pop())
        if previous is None:  # not an address: a trusted proxy never writes that
            break
        address = str(previous)
    return address or None


class TrustedProxyMiddleware:
    headers = FORWARDING_HEADERS

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_trusted(request.META.get("REMOTE_ADDR")):
            names = set(self.headers)
            if settings.SECURE_PROXY_SSL_HEADER:
                names.add(settings.SECURE_PROXY_SSL_HEADER[0])
            for name in names:
                request.META.pop(name, None)
        return self.get_response(request)
