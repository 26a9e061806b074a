"""The site's URLs plus what tests/site/test_audit.py serves beside them: map tiles (so that no
request leaves the machine, and none fails) and a page with known faults (to show that each
checker finds them)."""

import struct
import zlib
from pathlib import Path

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns

BROKEN_PAGE = Path(__file__).parent / "site" / "audit_broken.html"


def png(rgb, size):
    """A square PNG of one colour."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress((b"\x00" + bytes(rgb) * size) * size))
        + chunk(b"IEND", b"")
    )


# The size of OpenStreetMap's tiles (MAP_TILE_URL's default), which Lighthouse measures.
TILE = png((214, 226, 236), 256)


def tile(request, z, x, y):
    response = HttpResponse(TILE, content_type="image/png")
    response["Cache-Control"] = "public, max-age=86400"
    return response


def broken(request):
    return HttpResponse(BROKEN_PAGE.read_bytes(), content_type="text/html; charset=utf-8")


urlpatterns = [
    path("audit/tiles/<int:z>/<int:x>/<int:y>.png", tile),
    path("audit/broken/", broken),
    *site_urlpatterns,
]
