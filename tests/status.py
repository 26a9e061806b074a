"""What a partnership's agreements say of it on any day (the site stores today's answer)."""

from cooperation.models import Agreement, Partnership
from cooperation.models.partnerships import active_until_on
from cooperation.models.partnerships import status_on as status_expression


def status_on(partnership, day):
    rows = Partnership.objects.annotate(day_status=status_expression(day))
    return rows.values_list("day_status", flat=True).get(pk=partnership.pk)


def in_force_until(partnership, day):
    """The end of the latest agreement in force on `day`, or None: « actif jusqu'en 2029 »."""
    rows = Partnership.objects.annotate(day_until=active_until_on(day))
    return rows.values_list("day_until", flat=True).get(pk=partnership.pk)


def is_in_force(agreement, day):
    return Agreement.objects.in_force(day).filter(pk=agreement.pk).exists()
