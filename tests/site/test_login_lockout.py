"""Staff sign-in locked out after repeated failures (django-axes), per user name and address."""

from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.backends import ModelBackend
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
ADDRESS = "192.0.2.10"


def sign_in(client, password, username="redaction", address=ADDRESS, **extra):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=address,
        **extra,
    )


def fail(client, times, **kwargs):
    """Wrong passwords; the last one gives the lock-out page when it reaches the limit."""
    return [sign_in(client, "mauvais", **kwargs).status_code for _ in range(times)]


def test_five_failures_lock_the_user_name_from_that_address_with_a_clear_page(client, staff, settings):
    assert fail(client, settings.AXES_FAILURE_LIMIT - 1) == [200] * 4  # the form, with its error
    response = sign_in(client, "mauvais")
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    page = response.content.decode()
    assert "Connexion momentanément bloquée" in page
    assert "bloquées pendant 15 minutes" in page
    assert "Content-Security-Policy" in response

    # The right password now changes nothing, and is not even checked.
    with mock.patch.object(ModelBackend, "authenticate") as checked:
        response = sign_in(client, "secret")
    assert response.status_code == 429
    checked.assert_not_called()
    assert "_auth_user_id" not in client.session


def test_the_lock_is_per_user_name_and_address(client, staff, django_user_model, settings):
    django_user_model.objects.create_user("autre", password="secret2", is_staff=True)
    fail(client, settings.AXES_FAILURE_LIMIT)
    assert sign_in(client, "secret").status_code == 429
    # The same person from another address, and another user from the locked address, sign in.
    assert sign_in(client, "secret", address="198.51.100.20").status_code == 302
    client.logout()
    assert sign_in(client, "secret2", username="autre").status_code == 302


def test_behind_the_trusted_proxy_the_address_is_the_forwarded_one(client, staff, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    via_proxy = {"address": "127.0.0.1", "HTTP_X_FORWARDED_FOR": ADDRESS}
    fail(client, settings.AXES_FAILURE_LIMIT, **via_proxy)
    assert sign_in(client, "secret", **via_proxy).status_code == 429
    # Another visitor behind the same proxy is not locked out with them.
    other = {"address": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.20"}
    assert sign_in(client, "secret", **other).status_code == 302
    assert AccessAttempt.objects.get().ip_address == ADDRESS


def test_a_forged_forwarded_address_does_not_escape_the_lock(client, staff, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "mauvais", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    assert sign_in(client, "secret", HTTP_X_FORWARDED_FOR="203.0.113.99").status_code == 429


def test_a_success_before_the_limit_resets_the_count(client, staff, settings):
    fail(client, settings.AXES_FAILURE_LIMIT - 1)
    assert sign_in(client, "secret").status_code == 302
    client.logout()
    fail(client, settings.AXES_FAILURE_LIMIT - 1)
    assert sign_in(client, "secret").status_code == 302


def test_the_lock_ends_after_the_cool_off(client, staff, settings):
    fail(client, settings.AXES_FAILURE_LIMIT)
    locked_at = AccessAttempt.objects.get().attempt_time
    AccessAttempt.objects.update(attempt_time=locked_at - settings.AXES_COOLOFF_TIME)
    assert sign_in(client, "secret").status_code == 302


def test_a_command_lifts_a_lock_and_the_admin_lists_them(client, staff, settings):
    fail(client, settings.AXES_FAILURE_LIMIT)
    client.force_login(staff)
    listing = client.get(reverse("admin:axes_accessattempt_changelist"))
    assert listing.status_code == 200
    assert ADDRESS in listing.content.decode()
    client.logout()

    call_command("axes_reset_ip_username", ADDRESS, "redaction", verbosity=0)
    assert sign_in(client, "secret").status_code == 302


def test_the_lockout_page_is_translated(client, staff, settings):
    fail(client, settings.AXES_FAILURE_LIMIT, HTTP_ACCEPT_LANGUAGE="en")
    response = sign_in(client, "secret", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert "sign-in is locked for 15 minutes" in response.content.decode()
