"""Production settings for bench/site_bench.py: plain HTTP on loopback, plus a hello-world URL.

The bench sets DJANGO_SECRET_KEY (a dummy value), SITE_URL and EMAIL_HOST before importing this,
and passes DATABASE_URL through.
"""

from config.settings.prod import *  # noqa: F403

DEBUG = False
ROOT_URLCONF = "bench.urls"
SECURE_SSL_REDIRECT = False  # gunicorn is reached over plain HTTP on 127.0.0.1
# "testserver" is the host of Django's test Client, which counts each page's queries in-process.
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "127.0.0.1", "localhost", "testserver"]  # noqa: F405
# collectstatic (run by the bench) writes here, so the bench needs no shared build directory.
STATIC_ROOT = BASE_DIR / "var" / "bench-static"  # noqa: F405
# Lets the bench find (and cancel) the queries its server left running after a load run.
DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"]["OPTIONS"]["application_name"] = "site_bench"  # noqa: F405
