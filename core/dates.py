"""Dates known only to the year or the month ("signed in 2010", "2024–2029")."""

import calendar
import datetime

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


class Precision(models.TextChoices):
    DAY = "day", _("jour")
    MONTH = "month", _("mois")
    YEAR = "year", _("année")


def format_partial_date(value, precision=Precision.DAY):
    """« 24 mai 2024 », « septembre 2024 » or « 2024 », in the active language."""
    if value is None:
        return ""
    if precision == Precision.YEAR:
        return str(value.year)
    if precision == Precision.MONTH:
        return date_format(value, "F Y")
    return date_format(value, "j F Y")


def last_day(value, precision):
    """Store the end of a partial period on its last day ("until 2029" -> 31 December 2029)."""
    if value is None:
        return None
    if precision == Precision.YEAR:
        return datetime.date(value.year, 12, 31)
    if precision == Precision.MONTH:
        return datetime.date(value.year, value.month, calendar.monthrange(value.year, value.month)[1])
    return value


def first_day(value, precision):
    """Store the start of a partial period on its first day (2024 -> 1 January 2024)."""
    if value is None:
        return None
    if precision == Precision.YEAR:
        return value.replace(month=1, day=1)
    if precision == Precision.MONTH:
        return value.replace(day=1)
    return value


def months_later(day, months):
    """The same day `months` months later, or that month's last day (31 August + 6 -> 28 February)."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
