"""What the site's querysets say of one row on a given day (the pages read the same annotations)."""

from cooperation.models import Agreement, Partnership


def status_on(partnership, day):
    return (
        Partnership.objects.with_status(day).values_list("current_status", flat=True).get(pk=partnership.pk)
    )


def in_force_until(partnership, day):
    """The end of the latest agreement in force on `day`, or None: « actif jusqu'en 2029 »."""
    return (
        Partnership.objects.with_active_until(day)
        .values_list("active_until", flat=True)
        .get(pk=partnership.pk)
    )


def is_in_force(agreement, day):
    return Agreement.objects.in_force(day).filter(pk=agreement.pk).exists()
