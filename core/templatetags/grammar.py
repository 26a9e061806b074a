"""Names set in generated sentences (core/grammar.py).

    {% name_phrase event as event_name %}
    {% blocktranslate asvar sentence %}lors de {{ event_name }}{% endblocktranslate %}{{ sentence|contract }}

gives « lors de l'<a …>Assemblée générale de l'AIMF</a> », « lors du <a …>Congrès de l'AIMF</a> ».
"""

from django import template
from django.template.defaultfilters import stringfilter
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from core import grammar

register = template.Library()


@register.simple_tag
def name_phrase(row, link=True):
    """The row's name, in French (`lang="fr"`), linked to its page while visitors may see it, after
    its article in the active language. `row` has `name` and `article` (Body, Event)."""
    if row is None:
        return ""
    name = row.name
    if link and getattr(row, "is_published", True) and hasattr(row, "get_absolute_url"):
        name = format_html('<a href="{}">{}</a>', row.get_absolute_url(), name)
    prefix = mark_safe(grammar.article_prefix(getattr(row, "article", ""), row.name))  # one of a fixed few
    return format_html('{}<span lang="fr">{}</span>', prefix, name)


@register.filter(is_safe=True)
@stringfilter
def contract(sentence):
    return grammar.contract(sentence)


@register.filter(needs_autoescape=True)
def enumeration(items, attribute="", autoescape=True):
    """« A », « A et B », « A, B et C » (each item, or its `attribute`, escaped unless safe)."""
    escape = conditional_escape if autoescape else str
    items = [escape(getattr(item, attribute) if attribute else item) for item in items]
    if len(items) < 2:
        return mark_safe("".join(items))
    # Translators: the end of a list, « Maire, Président et Député ».
    return mark_safe(gettext("%(items)s et %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]})
