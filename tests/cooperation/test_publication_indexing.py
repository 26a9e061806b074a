"""What a partnership stores (search texts, status) holds only what visitors may see, and catches
up when an agreement or a body goes online, whether by an edit or at its scheduled time."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from cooperation.models import Partnership
from core.models import Publication
from tests.factories import make_agreement, make_body, make_partnership

pytestmark = pytest.mark.django_db
HOUR = datetime.timedelta(hours=1)


def stored(partnership):
    return Partnership.objects.get(pk=partnership.pk)


def texts(partnership):
    row = stored(partnership)
    return "\n".join([row.search_a, row.search_b, row.search_c, row.search_d])


def test_an_unpublished_agreement_gives_neither_words_nor_status():
    partnership = make_partnership(status=Partnership.Status.DORMANT)
    make_agreement(
        partnership, title="Charte Quetzalcoatl", summary="Résumé Tlaloc.", publication=Publication.DRAFT
    )
    make_agreement(partnership, title="Accord Xolotl", publish_at=timezone.now() + HOUR)
    assert "Quetzalcoatl" not in texts(partnership) and "Tlaloc" not in texts(partnership)
    assert "Xolotl" not in texts(partnership)
    assert stored(partnership).current_status == Partnership.Status.DORMANT
    assert stored(partnership).active_until is None
    assert not Partnership.objects.published().search("quetzalcoatl").exists()


def test_publishing_the_agreement_brings_them_in():
    partnership = make_partnership(status=Partnership.Status.DORMANT)
    agreement = make_agreement(partnership, title="Charte Quetzalcoatl", publication=Publication.DRAFT)
    agreement.publish()
    agreement.save()
    assert "Quetzalcoatl" in texts(partnership)
    assert stored(partnership).current_status == Partnership.Status.ACTIVE


def test_a_draft_body_lends_its_name_but_not_its_description():
    body = make_body("Tenochtitlan", description="Cité lacustre.", publication=Publication.DRAFT)
    partnership = make_partnership(body, make_body())
    assert "Tenochtitlan" in texts(partnership)
    assert "lacustre" not in texts(partnership)
    body.publish()
    body.save()
    assert "lacustre" in texts(partnership)


def test_the_daily_command_catches_what_went_online_at_its_time(monkeypatch):
    now = timezone.now()
    partnership = make_partnership(status=Partnership.Status.DORMANT)
    make_agreement(partnership, title="Accord Xolotl", publish_at=now + HOUR)
    monkeypatch.setattr(timezone, "now", lambda: now + 2 * HOUR)
    call_command("refresh_partnership_status", verbosity=0)
    assert "Xolotl" in texts(partnership)
    assert stored(partnership).current_status == Partnership.Status.ACTIVE
