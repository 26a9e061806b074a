"""Library images inside rich text (article bodies): on save, each `<img>` showing one of the
library's images gets that image's renditions in `srcset`, with `sizes`, `width` and `height`, so
the body's images are responsive and reserve their space before they load.

Done when the text is stored, not when it is shown: the page pays nothing for it, and the stored
text is still what the sanitizer lets through (`core/sanitize.py` checks every `srcset` address).
"""

import posixpath
import re

from django.conf import settings
from django.db.models import Q
from django.utils.html import escape

from .models import Image

# The article column: 44rem wide from 47rem up, else the screen less the page's margins.
BODY_SIZES = "(min-width: 47rem) 44rem, calc(100vw - 2.5rem)"

# Tags as nh3 writes them (the text is sanitized first): attributes in double quotes, values escaped.
IMG = re.compile(r"<img\b[^>]*>")
ATTRIBUTE = re.compile(r'\s([a-z-]+)="([^"]*)"')


def image_stem(src):
    """The library file a media address shows, as its name without extension: an original
    (images/2026/12/hue.jpg) or one of its renditions (renditions/images/2026/12/hue/<hash>.webp)."""
    path = src.removeprefix(settings.MEDIA_URL)
    if path == src:
        return None
    cache_dir = settings.IMAGEKIT_CACHEFILE_DIR.strip("/") + "/"
    if path.startswith(cache_dir):
        return posixpath.dirname(path.removeprefix(cache_dir)) or None
    return posixpath.splitext(path)[0]


def shown_by(image, src):
    addresses = {image.file.url, image.fallback_rendition.url} | {r.url for r in image.renditions}
    return src in addresses


def responsive_images(html, sizes=BODY_SIZES):
    """`html` (sanitized) with every library image made responsive; other images as they were.
    One query, whatever the number of images."""
    tags = IMG.findall(html or "")
    sources = {tag: dict(ATTRIBUTE.findall(tag)).get("src", "") for tag in tags}
    stems = {stem for src in sources.values() if (stem := image_stem(src))}
    if not stems:
        return html
    wanted = Q()
    for stem in stems:
        wanted |= Q(file__startswith=stem + ".")
    images = {posixpath.splitext(image.file.name)[0]: image for image in Image.objects.filter(wanted)}

    def responsive(match):
        tag = match.group(0)
        attributes = dict(ATTRIBUTE.findall(tag))
        src = attributes.get("src", "")
        image = images.get(image_stem(src))
        if image is None or not shown_by(image, src):
            return tag
        shown = image.editor_rendition
        alt = attributes["alt"] if "alt" in attributes else escape(image.alt_text)
        return (
            f'<img src="{escape(shown.url)}" srcset="{escape(image.srcset)}" sizes="{escape(sizes)}" '
            f'width="{shown.width}" height="{shown.height}" alt="{alt}" '
            'loading="lazy" decoding="async">'
        )

    return IMG.sub(responsive, html)
