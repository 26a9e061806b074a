import signal

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _newsletter_env(settings):
    cache.clear()  # the sign-up rate limit lives in the cache
    settings.SITE_URL = "https://atlas.example.org"
    settings.DEFAULT_FROM_EMAIL = "Atlas <lettre@atlas.example.org>"
    settings.NEWSLETTER_REPLY_TO = "contact@atlas.example.org"
    settings.LANGUAGE_CODE = "fr"
    yield
    cache.clear()


@pytest.fixture
def signal_handlers():
    """db_worker and the delivery task install their own SIGINT/SIGTERM/SIGQUIT handlers in this
    process: put pytest's back afterwards."""
    saved = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for number, handler in saved.items():
        signal.signal(number, handler)
