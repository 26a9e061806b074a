from django import template

from cooperation.models import Partnership

register = template.Library()


@register.filter
def status_label(value):
    """« actif », « en sommeil », « terminé » for a `current_status` annotation."""
    try:
        return Partnership.Status(value).label
    except ValueError:
        return ""
