import datetime
import itertools

import pytest
from django.core.cache import cache
from django.utils import timezone

from articles.models import Article
from cooperation.models import Body, Country, Domain, Partnership, Party
from newsletter.models import Edition, Subscriber

counter = itertools.count(1)


@pytest.fixture(autouse=True)
def _newsletter_env(settings):
    cache.clear()  # the sign-up rate limit lives in the cache
    settings.SITE_URL = "https://atlas.example.org"
    settings.DEFAULT_FROM_EMAIL = "Atlas <lettre@atlas.example.org>"
    settings.NEWSLETTER_REPLY_TO = "contact@atlas.example.org"
    settings.LANGUAGE_CODE = "fr"
    yield
    cache.clear()


def make_country(code=None, name=None):
    n = next(counter)
    code = code or f"{chr(65 + n % 26)}{chr(65 + (n // 26) % 26)}"
    return Country.objects.create(
        code=code, name_fr=name or f"Pays {n}", name_en=name or f"Country {n}", slug=f"pays-{n}"
    )


def make_domain(name=None):
    n = next(counter)
    return Domain.objects.create(name=name or f"Domaine {n}", slug=f"domaine-{n}")


def make_body(country=None, name=None):
    n = next(counter)
    return Body.objects.create(
        name=name or f"Ville {n}", slug=f"ville-{n}", kind=Body.Kind.MUNICIPALITY, country=country
    )


def make_partnership(*parties, name=None, slug=None):
    n = next(counter)
    partnership = Partnership.objects.create(
        name=name or f"Partenariat {n}", slug=slug or f"partenariat-{n}", kind=Partnership.Kind.TWINNING
    )
    for body in parties:
        Party.objects.create(partnership=partnership, body=body)
    return partnership


def make_article(title=None, *, domains=(), partnerships=(), bodies=(), published=True, **fields):
    n = next(counter)
    article = Article.objects.create(
        title=title or f"Article {n}",
        slug=f"article-{n}",
        body="<p>Texte</p>",
        standfirst=fields.pop("standfirst", f"Chapô {n}"),
        status=Article.Status.PUBLISHED if published else Article.Status.DRAFT,
        published_on=fields.pop("published_on", timezone.localdate() - datetime.timedelta(days=1)),
        **fields,
    )
    article.domains.set(domains)
    article.partnerships.set(partnerships)
    article.bodies.set(bodies)
    return article


def make_subscriber(email=None, *, status=Subscriber.Status.ACTIVE, language="fr", **interests):
    n = next(counter)
    subscriber = Subscriber.objects.create(
        email=email or f"abonne{n}@example.org",
        status=status,
        language=language,
        consent_at=timezone.now(),
        consent_page="/lettre/inscription/",
        consent_version="test",
        confirmed_at=timezone.now() if status == Subscriber.Status.ACTIVE else None,
    )
    for kind, values in interests.items():
        getattr(subscriber, kind).set(values)
    return subscriber


def make_edition(*articles, subject="La lettre de novembre", **fields):
    edition = Edition.objects.create(
        subject=subject, introduction=fields.pop("introduction", "Bonjour."), **fields
    )
    edition.articles.set(articles)
    return edition


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser("redaction", "redaction@atlas.example.org", "secret")


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client
