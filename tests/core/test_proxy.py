"""The trusted-proxy rule: forwarded headers count only from TRUSTED_PROXIES."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from core.proxy import TrustedProxyMiddleware, client_ip

factory = RequestFactory()


def request_from(peer, **headers):
    return factory.get("/", REMOTE_ADDR=peer, **headers)


@pytest.mark.parametrize(
    "peer, forwarded_for, expected",
    [
        ("192.0.2.1", "", "192.0.2.1"),  # no proxy
        ("192.0.2.1", "198.51.100.7", "192.0.2.1"),  # not a proxy of ours: its header is ignored
        ("127.0.0.1", "198.51.100.7", "198.51.100.7"),  # nginx on the same machine
        ("127.0.0.1", "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # the client's own entry is left
        ("10.0.0.5", "198.51.100.7, 10.0.0.9", "198.51.100.7"),  # two proxies of ours
        ("::1", "2001:db8::7", "2001:db8::7"),
        ("::ffff:127.0.0.1", "198.51.100.7", "198.51.100.7"),
        ("127.0.0.1", "", "127.0.0.1"),  # the proxy itself (a health check)
        ("127.0.0.1", "pas-une-adresse", "127.0.0.1"),
    ],
)
@override_settings(TRUSTED_PROXIES=["127.0.0.1", "::1", "10.0.0.0/8"])
def test_client_ip_follows_the_chain_of_trusted_proxies_only(peer, forwarded_for, expected):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}
    assert client_ip(request_from(peer, **headers)) == expected


def through_middleware(request):
    seen = {}

    def view(request):
        seen.update(request.META)
        seen["is_secure"] = request.is_secure()
        return HttpResponse()

    TrustedProxyMiddleware(view)(request)
    return seen


FORWARDED = {
    "HTTP_X_FORWARDED_PROTO": "https",
    "HTTP_X_FORWARDED_FOR": "198.51.100.7",
    "HTTP_X_FORWARDED_HOST": "evil.example",
    "HTTP_X_REAL_IP": "198.51.100.7",
    "HTTP_FORWARDED": "for=198.51.100.7;proto=https",
}


@override_settings(TRUSTED_PROXIES=["127.0.0.1"], SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
def test_forwarded_headers_from_an_untrusted_peer_are_dropped_before_django_reads_them():
    seen = through_middleware(request_from("192.0.2.1", **FORWARDED))
    assert not set(FORWARDED) & set(seen)
    assert seen["is_secure"] is False  # a client cannot claim HTTPS for itself


@override_settings(TRUSTED_PROXIES=["127.0.0.1"], SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
def test_forwarded_headers_from_a_trusted_proxy_are_kept():
    seen = through_middleware(request_from("127.0.0.1", **FORWARDED))
    assert seen["HTTP_X_FORWARDED_FOR"] == "198.51.100.7"
    assert seen["is_secure"] is True


@override_settings(TRUSTED_PROXIES=[])
def test_without_trusted_proxies_no_forwarded_header_is_kept():
    seen = through_middleware(request_from("127.0.0.1", **FORWARDED))
    assert not set(FORWARDED) & set(seen)
