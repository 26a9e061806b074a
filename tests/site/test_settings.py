import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_no_model_change_is_missing_a_migration():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit:  # makemigrations --check exits 1 when a migration is missing
        pytest.fail(f"Missing migrations (exit {exit.code}):\n{out.getvalue()}")


CONFIGURATION = ("DATABASE_URL", "EMAIL_HOST", "SITE_URL", "REDIS_URL")


def run_manage(*args, **env):
    """manage.py in a fresh process, with only `env` of the site's configuration."""
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k not in CONFIGURATION
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = run_manage("check", DJANGO_SETTINGS_MODULE="config.settings.prod")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set in production" in result.stderr


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.prod",
    "DJANGO_SECRET_KEY": "a-long-random-secret-key-for-this-test-only-0123456789-abcdefghij",
    "DJANGO_ALLOWED_HOSTS": "atlas.example.org",
    "DATABASE_URL": "postgres://atlas@db.example.org:5432/atlas",
    "EMAIL_HOST": "smtp.example.org",
    "SITE_URL": "https://atlas.example.org",
}


def test_production_settings_pass_the_deployment_checklist():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "variable, value, message",
    [
        ("DATABASE_URL", "", "DATABASE_URL must point to PostgreSQL"),
        ("DATABASE_URL", "sqlite:///db.sqlite3", "DATABASE_URL must point to PostgreSQL"),
        ("EMAIL_HOST", "", "EMAIL_HOST must name the SMTP server"),
        ("SITE_URL", "http://atlas.example.org", "SITE_URL must be the site's https:// address"),
        ("SITE_URL", "", "SITE_URL must be the site's https:// address"),
        ("DJANGO_ALLOWED_HOSTS", "", "DJANGO_ALLOWED_HOSTS must list the site's host names"),
    ],
)
def test_production_refuses_to_start_half_configured(variable, value, message):
    environment = {**PRODUCTION, variable: value}
    result = run_manage("check", **{name: v for name, v in environment.items() if v})
    assert result.returncode != 0
    assert message in result.stderr


def test_database_comes_from_database_url_with_health_checks_and_a_timeout():
    script = (
        "from django.conf import settings; d = settings.DATABASES['default'];"
        "print(d['ENGINE'], d['NAME'], d['CONN_HEALTH_CHECKS'], d['OPTIONS'].get('connect_timeout'))"
    )
    result = run_manage(
        "shell", "--no-imports", "-c", script, DATABASE_URL="postgres://atlas@db.example.org:5432/atlas_prod"
    )
    assert result.stdout.split() == ["django.db.backends.postgresql", "atlas_prod", "True", "3"]


def test_without_database_url_the_site_runs_on_a_local_sqlite_file():
    script = "from django.conf import settings; print(settings.DATABASES['default']['NAME'])"
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", script],
        cwd=ROOT,
        env={k: v for k, v in environment.items() if not k.startswith("DJANGO_")},
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == str(ROOT / "db.sqlite3")


def production_settings(*names, **env):
    """The repr of each setting under the production settings, with `env` on top of PRODUCTION."""
    script = (
        "import json; from django.conf import settings;"
        f"print(json.dumps([repr(getattr(settings, name)) for name in {names!r}]))"
    )
    result = run_manage("shell", "--no-imports", "-c", script, **{**PRODUCTION, **env})
    assert result.returncode == 0, result.stderr
    return dict(zip(names, json.loads(result.stdout.splitlines()[-1]), strict=True))


def test_production_cookies_are_host_prefixed_and_secure():
    values = production_settings(
        "SESSION_COOKIE_NAME",
        "CSRF_COOKIE_NAME",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_DOMAIN",
        "CSRF_COOKIE_DOMAIN",
        "SESSION_COOKIE_PATH",
        "CSRF_COOKIE_PATH",
        "LANGUAGE_COOKIE_SECURE",
        "LANGUAGE_COOKIE_HTTPONLY",
        "LANGUAGE_COOKIE_SAMESITE",
    )
    assert values == {
        "SESSION_COOKIE_NAME": "'__Host-sessionid'",
        "CSRF_COOKIE_NAME": "'__Host-csrftoken'",
        "SESSION_COOKIE_SECURE": "True",
        "CSRF_COOKIE_SECURE": "True",
        "SESSION_COOKIE_DOMAIN": "None",
        "CSRF_COOKIE_DOMAIN": "None",
        "SESSION_COOKIE_PATH": "'/'",
        "CSRF_COOKIE_PATH": "'/'",
        "LANGUAGE_COOKIE_SECURE": "True",
        "LANGUAGE_COOKIE_HTTPONLY": "True",
        "LANGUAGE_COOKIE_SAMESITE": "'Lax'",
    }


def test_production_trusts_the_proxy_header_only_from_the_configured_proxies():
    default = production_settings("TRUSTED_PROXIES", "SECURE_PROXY_SSL_HEADER")
    assert default == {
        "TRUSTED_PROXIES": "['127.0.0.1', '::1']",
        "SECURE_PROXY_SSL_HEADER": "('HTTP_X_FORWARDED_PROTO', 'https')",
    }
    none = production_settings("TRUSTED_PROXIES", "SECURE_PROXY_SSL_HEADER", DJANGO_TRUSTED_PROXIES=" ")
    assert none == {"TRUSTED_PROXIES": "[]", "SECURE_PROXY_SSL_HEADER": "None"}


def test_production_bounds_every_query_and_notices_a_vanished_database():
    options = production_settings("DATABASES", DJANGO_STATEMENT_TIMEOUT_MS="2500")["DATABASES"]
    assert "'options': '-c statement_timeout=2500 -c jit=off'" in options
    assert "'connect_timeout': 3" in options
    assert "'keepalives': 1" in options and "'keepalives_idle': 30" in options


def test_production_stops_waiting_for_a_frozen_database_before_gunicorn_kills_the_worker():
    # A little after the server's own timeout would have ended the query (core/database.py).
    assert production_settings("DATABASE_ANSWER_TIMEOUT", DJANGO_STATEMENT_TIMEOUT_MS="2500") == {
        "DATABASE_ANSWER_TIMEOUT": "7.5"
    }
    assert production_settings("DATABASE_ANSWER_TIMEOUT")["DATABASE_ANSWER_TIMEOUT"] == "15.0"
    assert production_settings("DATABASE_ANSWER_TIMEOUT", DJANGO_DATABASE_ANSWER_TIMEOUT="4") == {
        "DATABASE_ANSWER_TIMEOUT": "4.0"
    }


def test_the_content_security_policy_can_be_report_only_and_name_image_hosts():
    values = production_settings(
        "CONTENT_SECURITY_POLICY",
        "CONTENT_SECURITY_POLICY_REPORT_ONLY",
        DJANGO_CSP_REPORT_ONLY="true",
        DJANGO_CSP_IMG_SRC="https://tiles.example.org",
        DJANGO_CSP_REPORT_URI="https://reports.example.org/csp",
    )
    assert values["CONTENT_SECURITY_POLICY"] == "None"
    report_only = values["CONTENT_SECURITY_POLICY_REPORT_ONLY"]
    # The hosts named, then the map's tile server (MAP_TILE_URL).
    assert (
        "'img-src': [\"'self'\", 'data:', 'https://tiles.example.org', 'https://tile.openstreetmap.org']"
        in report_only
    )
    assert "'report-uri': ['https://reports.example.org/csp']" in report_only
