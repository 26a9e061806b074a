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
