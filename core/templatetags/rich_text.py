"""`{{ text|rich_text }}`: a long description's HTML, sanitized (again: a fixture load or a restored
version skips the save that cleans it) and only then marked safe. `{{ text|plain_text }}`: its
words only, for a card's excerpt or a meta description (escaped as any text)."""

from django import template
from django.utils.safestring import mark_safe

from core import sanitize

register = template.Library()


@register.filter(is_safe=False)
def rich_text(value):
    return mark_safe(sanitize.sanitize_html(value))


@register.filter(is_safe=False)
def plain_text(value):
    return sanitize.plain_text(value)
