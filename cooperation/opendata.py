"""The open data files: one record per partnership (CSV and JSON) and a GeoJSON map of bodies."""

from django.utils.translation import gettext_lazy as _

from core.dates import Precision
from core.sanitize import plain_text

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


def partnership_record(partnership, absolute):
    """One partnership as a dict; expects `for_listing()` and prefetched tags and agreement domains."""
    bodies = [party.body for party in partnership.parties.all()]
    return {
        "slug": partnership.slug,
        "nom": partnership.name,
        "url": absolute(partnership.get_absolute_url()),
        "type": partnership.kind,
        "statut": partnership.current_status,
        "debut": partial_iso(partnership.started_on, partnership.started_precision),
        "en_vigueur_jusqu_au": partnership.active_until.isoformat() if partnership.active_until else "",
        "acteurs": [body.slug for body in bodies],
        "acteurs_noms": [body.name for body in bodies],
        "pays": sorted({body.country.code for body in bodies if body.country}),
        "domaines": [domain.name for domain in partnership.all_domains()],
        "mots_cles": sorted(tag.name for tag in partnership.tags.all()),
        "resume": plain_text(partnership.summary),
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
