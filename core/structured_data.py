"""JSON-LD (schema.org) for search engines: the payload, and the site's image for pages without one."""

import json

from django.conf import settings
from django.templatetags.static import static
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

# What json.dumps leaves as is but would end a <script> element or start an HTML comment.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}

# static/brand/social-<language>.png, drawn by `manage.py draw_brand_images`.
SITE_IMAGE_SIZE = (1200, 630)


def json_ld(data):
    """A JSON-LD payload safe to place inside <script type="application/ld+json">."""
    return mark_safe(json.dumps(data, ensure_ascii=False, indent=1).translate(JSON_SCRIPT_ESCAPES))


def site_image():
    """The site's link-preview image in the page's language (templates/includes/social_image.html)."""
    language = "en" if get_language() == "en" else "fr"
    width, height = SITE_IMAGE_SIZE
    return {
        "@type": "ImageObject",
        "url": settings.SITE_URL + static(f"brand/social-{language}.png"),
        "width": width,
        "height": height,
    }
