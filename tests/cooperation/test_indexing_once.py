"""Search indexing runs once per transaction, after the commit, whatever the transaction touched."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from cooperation import indexing
from cooperation.models import Partnership
from tests.factories import make_agreement, make_body, make_partnership

pytestmark = [pytest.mark.django_db, pytest.mark.on_commit]


@pytest.fixture
def refreshes(monkeypatch):
    """The querysets `indexing.refresh` was called with, in order."""
    calls = []
    real = indexing.refresh

    def counting(partnerships):
        calls.append(sorted(partnerships.values_list("slug", flat=True)))
        return real(partnerships)

    monkeypatch.setattr(indexing, "refresh", counting)
    return calls


def formset(prefix, rows, initial=0):
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(initial)}
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{field}": value for field, value in row.items()})
    return data


def test_one_admin_save_of_a_partnership_refreshes_it_once_after_the_commit(
    client, refreshes, django_capture_on_commit_callbacks
):
    dakar, bordeaux = make_body("Dakar"), make_body("Bordeaux")
    partnership = make_partnership(dakar, bordeaux, name="Dakar – Bordeaux", slug="dakar-bordeaux")
    agreement = make_agreement(partnership, title="Charte de jumelage")
    parties = list(partnership.parties.all())
    client.force_login(get_user_model().objects.create_superuser("redaction", "r@example.org", "x"))
    refreshes.clear()
    data = {
        "name": "Dakar – Bordeaux – Ouagadougou",
        "slug": "dakar-bordeaux",
        "kind": "twinning",
        "summary": "Un jumelage renouvelé autour de l'assainissement.",
        "started_precision": "year",
        "status": "active",
        "publication": "published",
        "tags": "jumelage, eau",
        **formset(
            "parties",
            [{"id": p.pk, "partnership": partnership.pk, "body": p.body_id} for p in parties]
            + [{"partnership": partnership.pk, "body": make_body("Ouagadougou").pk}],
            initial=len(parties),
        ),
        **formset(
            "agreements",
            [
                {
                    "id": agreement.pk,
                    "partnership": partnership.pk,
                    "title": "Charte de jumelage renouvelée",
                    "slug": agreement.slug,
                    "kind": "twinning_charter",
                    "publication": "published",
                    "signed_precision": "day",
                    "valid_from_precision": "year",
                    "valid_until_precision": "year",
                }
            ],
            initial=1,
        ),
    }
    url = reverse("admin:cooperation_partnership_change", args=[partnership.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
        assert response.status_code == 302, response.context and response.context["errors"]
        assert refreshes == []  # nothing before the commit

    assert refreshes == [["dakar-bordeaux"]]
    found = Partnership.objects.search("ouagadougou renouvelee assainissement")
    assert list(found.values_list("slug", flat=True)) == ["dakar-bordeaux"]


def test_a_rolled_back_transaction_refreshes_nothing(refreshes, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                make_partnership(name="Jamais enregistré")
                raise RuntimeError
        except RuntimeError:
            pass
    assert refreshes == []
    assert not Partnership.objects.search("jamais").exists()


def test_a_transaction_touching_hundreds_of_rows_refreshes_them_all(
    refreshes, django_capture_on_commit_callbacks
):
    from django.db import transaction

    from tests.factories import make_body

    partnership = make_partnership(name="Tombouctou – Chinguetti")
    bodies = [make_body() for _ in range(300)]
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            for body in bodies:
                body.description = "Une ville du désert."
                body.save()
            partnership.name = "Tombouctou – Oualata"
            partnership.save()
    assert len(refreshes) == 1
    assert list(Partnership.objects.search("oualata").values_list("name", flat=True)) == [
        "Tombouctou – Oualata"
    ]
