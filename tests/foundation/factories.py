"""Tiny builders for the foundation tests; each returns a saved row."""

import datetime
import itertools

from cooperation.dates import Precision
from cooperation.models import Agreement, Body, Country, Partnership, Party

_counter = itertools.count(1)


def make_country(code="VN", name_fr="Vietnam", name_en="Vietnam"):
    country, _ = Country.objects.get_or_create(
        code=code, defaults={"name_fr": name_fr, "name_en": name_en, "slug": code.lower()}
    )
    return country


def make_body(name=None, **fields):
    n = next(_counter)
    name = name or f"Ville {n}"
    fields.setdefault("kind", Body.Kind.MUNICIPALITY)
    fields.setdefault("country", make_country())
    return Body.objects.create(name=name, slug=f"body-{n}", **fields)


def make_partnership(*bodies, **fields):
    n = next(_counter)
    fields.setdefault("kind", Partnership.Kind.COOPERATION)
    fields.setdefault("name", f"Partenariat {n}")
    partnership = Partnership.objects.create(slug=f"partnership-{n}", **fields)
    for body in bodies or (make_body(), make_body()):
        Party.objects.create(partnership=partnership, body=body)
    return partnership


def make_agreement(partnership, valid_from=None, valid_until=None, **fields):
    n = next(_counter)
    fields.setdefault("kind", Agreement.Kind.PROTOCOL)
    fields.setdefault("title", f"Accord {n}")
    fields.setdefault("valid_from_precision", Precision.YEAR)
    fields.setdefault("valid_until_precision", Precision.YEAR)
    return Agreement.objects.create(
        partnership=partnership,
        slug=f"agreement-{n}",
        valid_from=datetime.date(valid_from, 1, 1) if isinstance(valid_from, int) else valid_from,
        valid_until=datetime.date(valid_until, 1, 1) if isinstance(valid_until, int) else valid_until,
        **fields,
    )
