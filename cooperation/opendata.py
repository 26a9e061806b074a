"""The open data files: one record per partnership (CSV and JSON) and a GeoJSON map of bodies."""

from collections import defaultdict
from itertools import islice

from django.db import connections
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import heartbeat, search
from core.dates import Precision
from core.models import published_condition
from core.sanitize import plain_text

from .models import AgreementDomain, Partnership, Party, TaggedPartnership

LICENCE = "Licence Ouverte / Open Licence 2.0 (Etalab)"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"

# (column, meaning): the open data page lists them, the CSV and JSON files follow this order.
PARTNERSHIP_FIELDS = [
    ("slug", _("identifiant stable du partenariat")),
    ("nom", _("nom du partenariat")),
    ("url", _("adresse de sa page sur l'atlas")),
    ("type", _("twinning (jumelage), cooperation (accord de coopération), friendship (amitié), informal")),
    ("statut", _("statut à ce jour : active, dormant ou ended")),
    ("debut", _("date de début, à l'année (AAAA), au mois (AAAA-MM) ou au jour (AAAA-MM-JJ)")),
    ("en_vigueur_jusqu_au", _("fin du dernier accord en vigueur (AAAA-MM-JJ), vide sinon")),
    ("acteurs", _("identifiants des parties")),
    ("acteurs_noms", _("noms des parties")),
    ("pays", _("codes ISO 3166-1 des pays des parties")),
    ("domaines", _("domaines de coopération, ceux du partenariat et ceux de ses accords")),
    ("mots_cles", _("mots-clés")),
    ("resume", _("résumé")),
]
BODY_PROPERTIES = [
    ("slug", _("identifiant stable de l'acteur")),
    ("nom", _("nom")),
    ("sigle", _("sigle")),
    ("type", _("type d'acteur (municipality, capital, region, ministry, association…)")),
    ("pays", _("code ISO 3166-1 du pays")),
    ("wikidata", _("identifiant Wikidata")),
    ("url", _("adresse de sa page sur l'atlas")),
    ("partenariats", _("nombre de ses partenariats publiés (parmi ceux de la sélection, s'il y en a une)")),
]


def partial_iso(value, precision):
    """« 2010 », « 2024-09 » or « 2024-05-24 », as precise as the date is known."""
    if value is None:
        return ""
    return value.strftime({Precision.YEAR: "%Y", Precision.MONTH: "%Y-%m"}.get(precision, "%Y-%m-%d"))


# Columns of a partnership row read by `partnership_records`, in this order.
RECORD_COLUMNS = (
    "pk",
    "slug",
    "name",
    "kind",
    "current_status",
    "started_on",
    "started_precision",
    "active_until",
    "summary",
)


def batched(rows, size):
    rows = iter(rows)
    while chunk := list(islice(rows, size)):
        yield chunk


def grouped(pairs):
    """{key: [value, …]} from (key, value…) rows, in their order."""
    found = defaultdict(list)
    for key, *value in pairs:
        found[key].append(value[0] if len(value) == 1 else value)
    return found


def among(relation, keys, vendor):
    """`relation__in=keys`; on PostgreSQL as one array parameter: thousands of placeholders cost
    more to build and to parse than the query takes to run."""
    if vendor == "postgresql":
        return Q(**{f"{relation}__in": RawSQL("SELECT unnest(%s::bigint[])", [keys])})
    return Q(**{f"{relation}__in": keys})


def partnership_records(partnerships, absolute, chunk_size=2000):
    """Each partnership of `partnerships` (in its order) as a dict of PARTNERSHIP_FIELDS.

    Plain values, `chunk_size` partnerships at a time, with four queries per chunk for what they
    have several of (parties, domains, agreements' domains, tags): model instances and their
    prefetches cost about 1 ms a row (a 100,000-row export outlived gunicorn's 30 s timeout)."""
    # One reverse() for all: the slug converter ([-a-zA-Z0-9_]+) needs no quoting.
    page_url = absolute(reverse("cooperation:partnership-detail", args=["slug-of-the-row"])).replace
    vendor = connections[partnerships.db].vendor
    rows = partnerships.values_list(*RECORD_COLUMNS).iterator(chunk_size=chunk_size)
    for chunk in batched(rows, chunk_size):
        heartbeat.beat()  # a long export is alive while it moves (core/heartbeat.py)
        keys = [row[0] for row in chunk]
        parties = grouped(
            Party.objects.filter(among("partnership", keys, vendor))
            .order_by("partnership_id", "pk")  # not the Meta ordering, which joins every partnership
            .values_list("partnership_id", "body__slug", "body__name", "body__country__code")
        )
        domains = grouped(
            Partnership.domains.through.objects.filter(among("partnership", keys, vendor))
            .order_by()
            .values_list("partnership_id", "domain__name")
        )
        agreement_domains = grouped(
            AgreementDomain.objects.filter(
                published_condition("agreement"), among("agreement__partnership", keys, vendor)
            )
            .order_by()  # not the Meta ordering (each agreement's date and title): sorted below
            .values_list("agreement__partnership_id", "domain__name")
        )
        tags = grouped(
            TaggedPartnership.objects.filter(among("content_object", keys, vendor))
            .order_by()
            .values_list("content_object_id", "tag__name")
        )
        for pk, slug, name, kind, status, started_on, precision, active_until, summary in chunk:
            bodies = parties.get(pk, [])
            yield {
                "slug": slug,
                "nom": name,
                "url": page_url("slug-of-the-row", slug),
                "type": kind,
                "statut": status,
                "debut": partial_iso(started_on, precision),
                "en_vigueur_jusqu_au": active_until.isoformat() if active_until else "",
                "acteurs": [body[0] for body in bodies],
                "acteurs_noms": [body[1] for body in bodies],
                "pays": sorted({body[2] for body in bodies if body[2]}),
                "domaines": sorted(
                    {*domains.get(pk, []), *agreement_domains.get(pk, [])}, key=search.name_key
                ),
                "mots_cles": sorted(tags.get(pk, [])),
                "resume": plain_text(summary),
            }


def body_feature(body, absolute):
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [float(body.longitude), float(body.latitude)]},
        "properties": {
            "slug": body.slug,
            "nom": body.name,
            "sigle": body.short_name,
            "type": body.kind,
            "pays": body.country.code if body.country else None,
            "wikidata": body.wikidata_id or None,
            "url": absolute(body.get_absolute_url()),
        },
    }
