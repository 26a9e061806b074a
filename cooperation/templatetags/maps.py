"""What static/js/map.js reads from a map's container: the tiles, the labels, the points."""

import json

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import gettext

from cooperation import maps

register = template.Library()


@register.simple_tag
def map_settings():
    """The tile server, its attribution and the script's words, as data- attributes."""
    labels = {
        # « {n} » is replaced by the number; « one » and « other » follow the page language's
        # plural rules (Intl.PluralRules: in French, 0 and 1 are « one »).
        "one": gettext("{n} partenariat"),
        "other": gettext("{n} partenariats"),
        "clusterOne": gettext("{n} acteur ici"),
        "clusterOther": gettext("{n} acteurs ici"),
        "page": gettext("Voir la page de l'acteur"),
        "directory": gettext("Voir ces partenariats dans l'annuaire"),
        "partnersNone": gettext("{name} : aucun partenaire dans cette sélection."),
        "partnersOne": gettext("{name} : {n} partenaire, relié par une ligne."),
        "partnersOther": gettext("{name} : {n} partenaires, reliés par des lignes."),
        "shownOne": gettext("{n} acteur sur la carte."),
        "shownOther": gettext("{n} acteurs sur la carte."),
        "show": gettext("Montrer sur la carte"),
        "noTiles": gettext("Fond de carte indisponible : les acteurs restent placés à leurs coordonnées."),
        "failed": gettext("Les données de la carte n'ont pas pu être chargées ; la liste en tient lieu."),
    }
    return format_html(
        'data-tiles="{}" data-attribution="{}" data-labels="{}"',
        settings.MAP_TILE_URL,
        settings.MAP_TILE_ATTRIBUTION,
        json.dumps(labels, ensure_ascii=False),
    )


@register.filter
def map_points(bodies):
    """[[longitude, latitude, name], …] of the published, located bodies (or parties' bodies), as JSON."""
    bodies = [getattr(item, "body", item) for item in bodies]
    return json.dumps(maps.points(bodies), ensure_ascii=False)


@register.filter
def map_point(body):
    return map_points([body])
