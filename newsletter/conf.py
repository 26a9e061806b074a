"""Newsletter knobs, each overridable in settings; the defaults suit a small site."""

from datetime import timedelta

from django.conf import settings

CONFIRMATION_MAX_AGE = timedelta(days=7)
NOTICE_INTERVAL = timedelta(hours=1)


def get(name):
    return getattr(settings, f"NEWSLETTER_{name}", DEFAULTS[name])


DEFAULTS = {
    # Sign-ups accepted per IP address and window (seconds).
    "SIGNUP_RATE": (10, 3600),
    # Deliveries one worker claims at a time and sends over one SMTP connection.
    "BATCH_SIZE": 100,
    # How long a claim holds; an expired claim is taken up again by the next worker.
    "LEASE_SECONDS": 300,
    "MAX_ATTEMPTS": 5,
    # First retry after this delay, then doubled at each attempt.
    "RETRY_BASE_SECONDS": 60,
    # Tasks enqueued per edition: as many as db_worker processes that should share the sending.
    "PARALLEL_TASKS": 2,
}
