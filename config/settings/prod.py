"""Production: everything comes from the environment; refuses to start half-configured."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_list


def require(name, check=bool, why="must be set in production"):
    value = os.environ.get(name, "")
    if not check(value):
        raise ImproperlyConfigured(f"{name} {why}.")
    return value


require("DJANGO_SECRET_KEY")
require(
    "DATABASE_URL",
    lambda url: url.startswith(("postgres://", "postgresql://")),
    "must point to PostgreSQL in production (postgres://user:password@host:5432/name)",
)
require("EMAIL_HOST", why="must name the SMTP server in production (mails would be written to files)")
require("SITE_URL", lambda url: url.startswith("https://"), "must be the site's https:// address")
require("DJANGO_ALLOWED_HOSTS", why="must list the site's host names in production (e.g. atlas.example.org)")

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = False

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # Bounds every query: a request's SQL ends well before gunicorn kills the worker (PostgreSQL
    # would go on running it). No JIT, as in base.py.
    timeout_ms = int(os.environ.get("DJANGO_STATEMENT_TIMEOUT_MS", "10000"))
    DATABASES["default"]["OPTIONS"]["options"] = f"-c statement_timeout={timeout_ms} -c jit=off"  # noqa: F405
    # A database frozen while its host still answers TCP never cancels anything: the client stops
    # waiting a little after the server would have (core/database.py), still before gunicorn does.
    DATABASE_ANSWER_TIMEOUT = float(os.environ.get("DJANGO_DATABASE_ANSWER_TIMEOUT", timeout_ms / 1000 + 5))

# The reverse proxy in front of gunicorn runs on the same machine unless told otherwise; only its
# X-Forwarded-Proto says whether a request came over HTTPS (core/proxy.py drops anyone else's).
TRUSTED_PROXIES = env_list("DJANGO_TRUSTED_PROXIES", "127.0.0.1,::1")
if TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)  # noqa: F405
# __Host- cookies: sent over HTTPS only, for this host only (no Domain, Path=/), so neither a
# sibling subdomain nor a plain-HTTP page can set or overwrite them.
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
