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
