"""The maps' data: bodies with their number of partnerships in a directory selection, one body's
partners, and the points of a detail page's small map.

Counts come from the directory's snapshot (cooperation/directory.py), never from a SQL aggregate
over the party rows: a selection's count per body is one `np.unique` over the (partnership, body)
pairs. The database is asked only for the bodies' coordinates and names, in one query.
"""

import numpy as np
from django.urls import reverse

from .directory import DirectorySnapshot
from .models import Body

# A body with thousands of partners (a capital) gets lines to its busiest partners only.
MAX_PARTNERS = 500
BODY_COLUMNS = (
    "pk",
    "slug",
    "name",
    "short_name",
    "kind",
    "country__code",
    "wikidata_id",
    "latitude",
    "longitude",
)


def located_bodies(pks=None):
    """Published bodies with coordinates, as dicts of `BODY_COLUMNS` (all of them, or those of `pks`)."""
    bodies = Body.objects.published().exclude(latitude=None).exclude(longitude=None)
    if pks is not None:
        bodies = bodies.filter(pk__in=list(pks))
    return bodies.order_by("pk").values(*BODY_COLUMNS)


def body_url(absolute):
    """A function giving a body's absolute page URL from its slug, reversing once."""
    placeholder = "slug-placeholder"
    template = absolute(reverse("cooperation:body-detail", kwargs={"slug": placeholder}))
    before, after = template.split(placeholder)
    return lambda slug: f"{before}{slug}{after}"


def coordinates(row):
    return [float(row["longitude"]), float(row["latitude"])]


def body_properties(row, url_of):
    return {
        "slug": row["slug"],
        "nom": row["name"],
        "sigle": row["short_name"],
        "type": row["kind"],
        "pays": row["country__code"],
        "wikidata": row["wikidata_id"] or None,
        "url": url_of(row["slug"]),
    }


def bodies_collection(filterset, absolute):
    """One Point per published body with coordinates, with its number of partnerships in the
    filterset's selection (`partenariats`); with a filter chosen, only the bodies it keeps."""
    snapshot = DirectorySnapshot.current()
    counts = snapshot.counts("acteur", filterset.selection(snapshot))
    narrowed = bool(filterset.chosen())
    url_of = body_url(absolute)
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": coordinates(row)},
            "properties": {**body_properties(row, url_of), "partenariats": counts.get(row["pk"], 0)},
        }
        for row in located_bodies()
        if not narrowed or row["pk"] in counts
    ]
    return {"type": "FeatureCollection", "features": features}


def partners_collection(body, filterset, absolute):
    """A LineString from `body` to each partner it shares partnerships with in the selection (its
    `MAX_PARTNERS` busiest partners), with their number (`partenariats`)."""
    snapshot = DirectorySnapshot.current()
    shared = filterset.selection(snapshot) & snapshot.with_value("acteur", body.pk)
    counts = snapshot.counts("acteur", shared)
    counts.pop(body.pk, None)
    busiest = snapshot.top_bodies(counts, MAX_PARTNERS) if counts else []
    url_of = body_url(absolute)
    origin = [float(body.longitude), float(body.latitude)] if body.has_coordinates else None
    rows = {row["pk"]: row for row in located_bodies(busiest)} if origin else {}
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "LineString", "coordinates": [origin, coordinates(rows[pk])]},
            "properties": {**body_properties(rows[pk], url_of), "partenariats": counts[pk]},
        }
        for pk in busiest
        if pk in rows
    ]
    return {
        "type": "FeatureCollection",
        "acteur": body.slug,
        "partenaires": len(counts),
        "partenariats": int(shared.sum()),
        "features": features,
    }


def bodies_by_count(filterset):
    """(every published body taking part in the selection, busiest first, as keys; their counts;
    the number of partnerships selected)."""
    snapshot = DirectorySnapshot.current()
    selected = filterset.selection(snapshot)
    counts = snapshot.counts("acteur", selected)
    ordered = snapshot.top_bodies(counts, len(counts)) if counts else []
    return ordered, counts, int(np.count_nonzero(selected))


def points(bodies):
    """The published, located ones of `bodies` as [longitude, latitude, name] for a small map."""
    return [
        [float(body.longitude), float(body.latitude), body.name]
        for body in bodies
        if body.has_coordinates and body.is_published
    ]
