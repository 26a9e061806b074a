"""Content-Security-Policy, Permissions-Policy and the other security headers, on every kind of
page; the cookies' flags."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse

from articles.models import Article
from config.settings.base import content_security_policy
from media_library.models import Image
from tests.admin_urls import admin_url
from tests.factories import make_article, make_image
from tests.public_urls import ARTICLE, public_urls

pytestmark = pytest.mark.django_db


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split("; ")}


def assert_strict(header):
    policy = directives(header)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"][0] == "'self'"
    assert all(source == "'self'" or source.startswith("'nonce-") for source in policy["script-src"])
    assert "'unsafe-inline'" not in header and "'unsafe-eval'" not in header
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    return policy


def test_every_public_page_feed_and_file_has_a_strict_policy_and_the_other_headers(seed, client):
    for url in public_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict(response["Content-Security-Policy"])
        assert "camera=()" in response["Permissions-Policy"], url
        assert "geolocation=()" in response["Permissions-Policy"], url
        assert response["Referrer-Policy"] == "same-origin", url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", url
        assert response["X-Frame-Options"] == "DENY", url


def test_errors_and_pages_from_the_cache_have_the_policy_too(seed, client, settings):
    assert_strict(client.get("/pas-de-page-ici/")["Content-Security-Policy"])
    settings.PAGE_CACHE_SECONDS = 60
    first, second = client.get("/"), client.get("/")
    assert first["Content-Security-Policy"] == second["Content-Security-Policy"]
    assert_strict(second["Content-Security-Policy"])


def test_admin_pages_have_the_policy_and_the_editor_import_map_its_nonce(seed, staff_client):
    article = Article.objects.get(slug=ARTICLE)
    image = make_image("Le pont")
    for url in [
        reverse("admin:login"),
        reverse("admin:index"),
        admin_url(Article, "changelist"),
        admin_url(Article, "history", article.pk),
        reverse("admin:media_library_image_picker"),
        admin_url(Image, "change", image.pk),
    ]:
        response = staff_client.get(url)
        assert response.status_code in (200, 302), url
        assert_strict(response["Content-Security-Policy"])

    # The pages with the rich-text editor need nothing more: no nonce, no hash, no inline code.
    for url in [admin_url(Article, "add"), admin_url(Article, "change", article.pk)]:
        response = staff_client.get(url)
        policy = assert_strict(response["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'"], url
        assert policy["style-src"] == ["'self'"], url
        html = response.content.decode()
        assert "data-django-prose-editor-configurable" in html, url
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert " src=" in tag or 'type="application/json"' in tag, tag
        assert "<style" not in html, url


def test_a_script_that_reached_the_database_without_save_is_forbidden_by_the_policy(client):
    article = make_article(title="Un article")
    # queryset.update() skips save(), hence the sanitizer: the script is stored as typed.
    Article.objects.filter(pk=article.pk).update(text='<p>Texte</p><script>document.title = "pwned"</script>')
    response = client.get(article.get_absolute_url())
    assert '<script>document.title = "pwned"</script>' in response.content.decode()
    policy = assert_strict(response["Content-Security-Policy"])
    # No nonce on a public page: only the site's own script files may run.
    assert policy["script-src"] == ["'self'"]


def test_the_policy_can_be_sent_as_report_only(client, settings):
    settings.CONTENT_SECURITY_POLICY = None
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = content_security_policy(report_uri="/csp-report/")
    response = client.get(reverse("robots"))
    assert "Content-Security-Policy" not in response
    policy = assert_strict(response["Content-Security-Policy-Report-Only"])
    assert policy["report-uri"] == ["/csp-report/"]


def test_image_hosts_extend_img_src_only():
    policy = content_security_policy(img_src=["https://tiles.example.org"])["DIRECTIVES"]
    assert policy["img-src"] == ["'self'", "data:", "https://tiles.example.org"]
    assert policy["default-src"] == ["'self'"]


def test_the_language_cookie_is_for_django_only(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    cookie = response.cookies["django_language"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"
    assert not cookie["domain"]


@override_settings(
    SESSION_COOKIE_NAME="__Host-sessionid",
    CSRF_COOKIE_NAME="__Host-csrftoken",
    SESSION_COOKIE_SECURE=True,
    CSRF_COOKIE_SECURE=True,
    LANGUAGE_COOKIE_SECURE=True,
)
def test_host_prefixed_cookies_work_for_signing_in_and_do_not_skip_the_page_cache(
    seed, client, staff, settings
):
    settings.PAGE_CACHE_SECONDS = 60
    client.defaults["wsgi.url_scheme"] = "https"
    client.handler.enforce_csrf_checks = True
    login = reverse("admin:login")
    page = client.get(login, secure=True)
    csrf = page.cookies["__Host-csrftoken"]
    assert csrf["secure"] is True and csrf["path"] == "/" and not csrf["domain"]

    # A visitor carrying only the CSRF and language cookies still gets the shared cached page.
    client.get("/", secure=True)
    assert client.get("/", secure=True)["Cache-Control"] == "public, no-cache"

    response = client.post(
        login,
        {"username": staff.username, "password": "secret", "csrfmiddlewaretoken": csrf.value},
        secure=True,
        HTTP_ORIGIN="https://testserver",
        HTTP_REFERER="https://testserver" + login,
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    session = response.cookies["__Host-sessionid"]
    assert session["secure"] is True and session["httponly"] is True
    assert session["path"] == "/" and not session["domain"]
