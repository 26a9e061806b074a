"""Tiny builders for the site tests; each returns a saved row with unique slugs."""

import datetime
import itertools

from django.utils import timezone
from django.utils.text import slugify

from articles.models import Article, Theme
from cooperation.models import (
    Agreement,
    Body,
    Country,
    Delegation,
    Domain,
    Event,
    Partnership,
    Party,
    Person,
)

_numbers = itertools.count(1)


def _n():
    return next(_numbers)


def make_country(code="VN", name_fr="Vietnam", name_en="Vietnam"):
    country, _ = Country.objects.get_or_create(
        code=code, defaults={"name_fr": name_fr, "name_en": name_en, "slug": slugify(name_fr)}
    )
    return country


def make_body(name=None, country=None, **fields):
    n = _n()
    fields.setdefault("kind", Body.Kind.MUNICIPALITY)
    return Body.objects.create(
        name=name or f"Ville {n}", slug=f"ville-{n}", country=country or make_country(), **fields
    )


def make_domain(name=None):
    n = _n()
    return Domain.objects.create(name=name or f"Domaine {n}", slug=f"domaine-{n}")


def make_person(name=None):
    n = _n()
    return Person.objects.create(name=name or f"Personne {n}", slug=f"personne-{n}")


def make_event(name=None):
    n = _n()
    return Event.objects.create(name=name or f"Forum {n}", slug=f"forum-{n}", kind=Event.Kind.FORUM)


def make_partnership(*bodies, name=None, **fields):
    n = _n()
    fields.setdefault("kind", Partnership.Kind.COOPERATION)
    partnership = Partnership.objects.create(
        name=name or f"Partenariat {n}", slug=f"partenariat-{n}", **fields
    )
    for body in bodies or (make_body(), make_body()):
        Party.objects.create(partnership=partnership, body=body)
    return partnership


def make_agreement(partnership=None, title=None, valid_from=2024, valid_until=2029, **fields):
    n = _n()
    fields.setdefault("kind", Agreement.Kind.PROTOCOL)
    return Agreement.objects.create(
        partnership=partnership or make_partnership(),
        title=title or f"Accord {n}",
        slug=f"accord-{n}",
        valid_from=datetime.date(valid_from, 1, 1) if valid_from else None,
        valid_until=datetime.date(valid_until, 1, 1) if valid_until else None,
        **fields,
    )


def make_delegation(title=None, sending_body=None, host_body=None, **fields):
    n = _n()
    fields.setdefault("kind", Delegation.Kind.WORKING_VISIT)
    fields.setdefault("start_on", datetime.date(2024, 9, 17))
    fields.setdefault("end_on", datetime.date(2024, 9, 19))
    return Delegation.objects.create(
        title=title or f"Délégation {n}",
        slug=f"delegation-{n}",
        sending_body=sending_body or make_body(),
        host_body=host_body or make_body(),
        **fields,
    )


def make_theme(name=None):
    n = _n()
    return Theme.objects.create(name=name or f"Thème {n}", slug=f"theme-{n}")


def make_article(title=None, *, draft=False, published_on=None, tags=(), **relations):
    """`relations`: themes, partnerships, agreements, delegations, bodies, domains… as lists."""
    n = _n()
    article = Article.objects.create(
        title=title or f"Article {n}",
        slug=f"article-{n}",
        standfirst=f"Chapô de l'article {n}.",
        body=f"<p>Texte de l'article {n}.</p>",
        published_on=published_on or timezone.localdate() - datetime.timedelta(days=n),
        status=Article.Status.DRAFT if draft else Article.Status.PUBLISHED,
    )
    for name, rows in relations.items():
        getattr(article, name).set(rows)
    if tags:
        article.tags.set(list(tags))
    return article
