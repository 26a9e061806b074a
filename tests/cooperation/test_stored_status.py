"""The directory reads a stored status; edits and the daily command keep it true."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from cooperation.models import Partnership
from tests.factories import make_agreement, make_partnership

pytestmark = pytest.mark.django_db


def stored(partnership):
    return Partnership.objects.values_list("current_status", "active_until").get(pk=partnership.pk)


def test_an_edit_stores_the_status_its_agreements_give():
    today = timezone.localdate()
    partnership = make_partnership(status=Partnership.Status.DORMANT)
    assert stored(partnership) == ("dormant", None)

    agreement = make_agreement(partnership, valid_from=today.year - 1, valid_until=today.year + 2)

    assert stored(partnership) == ("active", datetime.date(today.year + 2, 12, 31))
    agreement.delete()
    assert stored(partnership) == ("dormant", None)


def test_the_daily_command_ends_a_partnership_whose_agreement_expired_yesterday():
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    partnership = make_partnership()
    make_agreement(
        partnership,
        valid_from=yesterday - datetime.timedelta(days=400),
        valid_from_precision="day",
        valid_until=yesterday,
        valid_until_precision="day",
    )
    untouched = make_partnership(status=Partnership.Status.DORMANT)
    # As the last edit stored it, when the agreement was still in force.
    Partnership.objects.filter(pk=partnership.pk).update(current_status="active", active_until=yesterday)
    Partnership.objects.filter(pk=untouched.pk).update(current_status="active")

    call_command("refresh_partnership_status", verbosity=0)

    assert stored(partnership) == ("ended", None)
    assert stored(untouched) == ("active", None)  # no agreement changed: not looked at
    call_command("refresh_partnership_status", "--all", verbosity=0)
    assert stored(untouched) == ("dormant", None)
