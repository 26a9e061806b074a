from django import template

from ..models import absolute_url

register = template.Library()


@register.inclusion_tag("media_library/includes/picture.html")
def picture(image, sizes="100vw", lazy=True, css_class="", decorative=False):
    """A responsive <picture> of `image`: WebP renditions in `srcset`, its own format as fallback,
    width and height so the page does not shift. `lazy=False` for an image at the top of a page;
    `decorative=True` (empty alt) where the text beside it already says what it shows."""
    return {
        "image": image,
        "sizes": sizes,
        "lazy": lazy,
        "css_class": css_class,
        "alt": "" if decorative else image.alt_text,
        "fallback": image.fallback_rendition,
    }


@register.filter
def absolute(url):
    return absolute_url(url)
