"""Tiny builders for all tests; each returns a saved row with unique slugs."""

import contextlib
import datetime
import io
import itertools

import PIL.Image
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.utils import timezone

from articles.models import Article, Theme
from cooperation.models import (
    Agreement,
    AgreementDomain,
    Body,
    Country,
    Delegation,
    DelegationMember,
    Domain,
    Event,
    Meeting,
    Office,
    Partnership,
    Party,
    Person,
    Signatory,
)
from core.indexing import IndexQueue
from core.models import Publication
from media_library.models import Image, Licence
from newsletter.models import Edition, Subscriber

_numbers = itertools.count(1)
_index_after_commit = IndexQueue.add  # tests/conftest.py makes tests index at each save instead


@contextlib.contextmanager
def indexed_once():
    """Rows saved in the block are indexed once, at its end, as after one transaction's commit.

    Quicker than indexing at each save when a test builds many related rows; keep each block
    to a few hundred rows (every row adds a condition to one query).
    """
    with pytest.MonkeyPatch.context() as patch, TestCase.captureOnCommitCallbacks(execute=True):
        patch.setattr(IndexQueue, "add", _index_after_commit)
        yield


def _n():
    return next(_numbers)


def make_country(code=None, name_fr=None, name_en=None):
    n = _n()
    code = code or f"{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}"
    country, _ = Country.objects.get_or_create(
        code=code,
        defaults={
            "name_fr": name_fr or f"Pays {n}",
            "name_en": name_en or name_fr or f"Country {n}",
            "slug": f"pays-{code.lower()}",
        },
    )
    return country


def make_body(name=None, country=None, **fields):
    n = _n()
    fields.setdefault("kind", Body.Kind.MUNICIPALITY)
    return Body.objects.create(
        name=name or f"Ville {n}", slug=f"ville-{n}", country=country or make_country(), **fields
    )


def make_domain(name=None, **fields):
    n = _n()
    return Domain.objects.create(name=name or f"Domaine {n}", slug=f"domaine-{n}", **fields)


def make_person(name=None, **fields):
    n = _n()
    return Person.objects.create(name=name or f"Personne {n}", slug=f"personne-{n}", **fields)


def make_office(person=None, body=None, title=None, **fields):
    return Office.objects.create(
        person=person or make_person(), body=body or make_body(), title=title or f"Maire {_n()}", **fields
    )


def make_event(name=None, **fields):
    n = _n()
    fields.setdefault("kind", Event.Kind.CONGRESS)
    return Event.objects.create(name=name or f"Congrès {n}", slug=f"congres-{n}", **fields)


def make_partnership(*bodies, name=None, slug=None, domains=(), tags=(), with_parties=True, **fields):
    """Parties: `bodies`, else two new bodies, or none with `with_parties=False`."""
    n = _n()
    fields.setdefault("kind", Partnership.Kind.COOPERATION)
    partnership = Partnership.objects.create(
        name=name or f"Partenariat {n}", slug=slug or f"partenariat-{n}", **fields
    )
    if not bodies and with_parties:
        bodies = (make_body(), make_body())
    for body in bodies:
        Party.objects.create(partnership=partnership, body=body)
    if domains:
        partnership.domains.set(domains)
    if tags:
        partnership.tags.set(list(tags))
    return partnership


def _year_start(value):
    return datetime.date(value, 1, 1) if isinstance(value, int) else value


def make_agreement(partnership=None, title=None, valid_from=2024, valid_until=2029, domains=(), **fields):
    """Validity: a year (as 1 January), a date or None. `domains`: rows or (domain, detail) pairs."""
    n = _n()
    fields.setdefault("kind", Agreement.Kind.PROTOCOL)
    agreement = Agreement.objects.create(
        partnership=partnership or make_partnership(),
        title=title or f"Accord {n}",
        slug=f"accord-{n}",
        valid_from=_year_start(valid_from),
        valid_until=_year_start(valid_until),
        **fields,
    )
    for position, domain in enumerate(domains, start=1):
        domain, detail = domain if isinstance(domain, tuple) else (domain, "")
        AgreementDomain.objects.create(agreement=agreement, domain=domain, detail=detail, position=position)
    return agreement


def make_signatory(agreement, person=None, on_behalf_of=None, office=None):
    return Signatory.objects.create(
        agreement=agreement,
        person=person or make_person(),
        on_behalf_of=on_behalf_of or agreement.partnership.bodies.first(),
        office=office,
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


def make_member(delegation, person=None, office=None, body=None):
    position = delegation.members.count() + 1
    return DelegationMember.objects.create(
        delegation=delegation, position=position, person=person, office=office, body=body
    )


def make_meeting(delegation, person=None, offices=(), body=None, kind=Meeting.Kind.MEETING, **fields):
    position = delegation.meetings.count() + 1
    meeting = Meeting.objects.create(
        delegation=delegation, position=position, kind=kind, person=person, body=body, **fields
    )
    meeting.offices.set(offices)
    return meeting


def make_theme(name=None):
    n = _n()
    return Theme.objects.create(name=name or f"Thème {n}", slug=f"theme-{n}")


def image_bytes(width=900, height=600, format="PNG", mode="RGB", **save_options):
    buffer = io.BytesIO()
    PIL.Image.new(mode, (width, height), "teal" if mode == "RGB" else 0).save(buffer, format, **save_options)
    return buffer.getvalue()


def make_image(alt_text=None, width=320, height=200, name="photo.png", **fields):
    """An image of the library (tests store files in memory: config/settings/test.py)."""
    n = _n()
    fields.setdefault("credit", f"Photographe {n}")
    fields.setdefault("licence", Licence.CC_BY_SA)
    return Image.objects.create(
        file=SimpleUploadedFile(name, image_bytes(width, height)),
        alt_text=alt_text or f"Image {n}",
        **fields,
    )


def make_article(
    title=None,
    *,
    draft=False,
    published_on=None,
    tags=(),
    publish_at=None,
    lead_image=None,
    text=None,
    **relations,
):
    """`relations`: themes, partnerships, agreements, delegations, bodies, domains… as lists."""
    n = _n()
    article = Article.objects.create(
        lead_image=lead_image,
        title=title or f"Article {n}",
        slug=f"article-{n}",
        standfirst=f"Chapô de l'article {n}.",
        text=text or f"<p>Texte de l'article {n}.</p>",
        published_on=published_on or timezone.localdate() - datetime.timedelta(days=n),
        publication=Publication.DRAFT if draft else Publication.PUBLISHED,
        publish_at=publish_at,
    )
    for name, rows in relations.items():
        getattr(article, name).set(rows)
    if tags:
        article.tags.set(list(tags))
    return article


def make_subscriber(email=None, *, status=Subscriber.Status.ACTIVE, language="fr", **interests):
    n = _n()
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
