"""The newsletter's settings, read in one place: `get("BATCH_SIZE")` is `settings.NEWSLETTER_BATCH_SIZE`
when the project sets it, else the default below. The defaults suit a small site."""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings

# Fixed: part of what a subscriber is promised, not tuning.
CONFIRMATION_MAX_AGE = timedelta(days=7)
NOTICE_INTERVAL = timedelta(hours=1)


def get(name):
    value = getattr(settings, f"NEWSLETTER_{name}", DEFAULTS[name])
    return value() if callable(value) else value


def default_list_id():
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"Lettre de l'Atlas <lettre.{host}>"


DEFAULTS = {
    # Sign-ups accepted per IP address and window (seconds).
    "SIGNUP_RATE": (10, 3600),
    # Deliveries one worker claims at a time and sends over one SMTP connection.
    "BATCH_SIZE": 100,
    # How long a claim holds unless renewed; a worker renews it every sixth of it while it sends, so
    # a dead worker's deliveries are taken up by another one this long after it stopped.
    "LEASE_SECONDS": 30,
    "MAX_ATTEMPTS": 5,
    # First retry after this delay, then doubled at each attempt.
    "RETRY_BASE_SECONDS": 60,
    # Tasks enqueued per edition: as many as db_worker processes that should share the sending.
    "PARALLEL_TASKS": 2,
    # The List-Id header (RFC 2919) of every edition.
    "LIST_ID": default_list_id,
    # Where replies to an edition go.
    "REPLY_TO": lambda: settings.DEFAULT_FROM_EMAIL,
    # The header in which a trusted reverse proxy (settings.TRUSTED_PROXIES) gives the client's
    # address ("": X-Forwarded-For); from any other peer REMOTE_ADDR is the client.
    "CLIENT_IP_HEADER": "",
}
