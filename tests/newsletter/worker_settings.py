"""Settings of the `db_worker` processes the crash tests start (tests/newsletter/test_crash.py): the
test's database, its loopback SMTP server, the database queue and a short lease."""

import os

from config.settings.test import *  # noqa: F403
from config.settings.test import DATABASES

DATABASES["default"]["NAME"] = os.environ["NEWSLETTER_TEST_DATABASE"]
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ["NEWSLETTER_TEST_SMTP_PORT"])
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
SITE_URL = "https://atlas.example.org"
NEWSLETTER_LEASE_SECONDS = 2
NEWSLETTER_BATCH_SIZE = 10
