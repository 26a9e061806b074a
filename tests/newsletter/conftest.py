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
def staff(django_user_model):
    return django_user_model.objects.create_superuser("redaction", "redaction@atlas.example.org", "secret")


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client
