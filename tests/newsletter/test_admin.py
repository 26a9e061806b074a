import csv
import datetime
import io

import pytest
from django.core import mail
from django.utils import timezone

from newsletter.models import Delivery, Edition, ErasureRecord, Subscriber
from tests.factories import make_article, make_domain, make_edition, make_subscriber

pytestmark = pytest.mark.django_db

ADMIN = "/admin/newsletter/"


def test_subscriber_changelist_filters_and_search(staff_client):
    make_subscriber("active@example.org")
    make_subscriber("pending@example.org", status=Subscriber.Status.PENDING)
    response = staff_client.get(f"{ADMIN}subscriber/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "active@example.org" in html and "pending@example.org" in html
    assert "en attente de confirmation" in html
    filtered = staff_client.get(f"{ADMIN}subscriber/", {"status__exact": "active"}).content.decode()
    assert "active@example.org" in filtered and "pending@example.org" not in filtered
    searched = staff_client.get(f"{ADMIN}subscriber/", {"q": "pending"}).content.decode()
    assert "pending@example.org" in searched and "active@example.org" not in searched
    subscriber = Subscriber.objects.get(email="active@example.org")
    assert staff_client.get(f"{ADMIN}subscriber/{subscriber.pk}/change/").status_code == 200
    assert staff_client.get(f"{ADMIN}subscriber/add/").status_code == 403


def test_subscriber_csv_export(staff_client):
    domain = make_domain("Patrimoine")
    subscriber = make_subscriber("=cmd@example.org", domains=[domain])
    response = staff_client.post(
        f"{ADMIN}subscriber/", {"action": "export_csv", "_selected_action": [subscriber.pk]}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "adresse"
    assert rows[1][0] == "'=cmd@example.org"  # no formula in a spreadsheet
    assert rows[1][1] == "active" and rows[1][9] == "Patrimoine"


def test_deleting_a_subscriber_in_the_admin_keeps_proof_of_withdrawal(staff_client):
    subscriber = make_subscriber()
    response = staff_client.post(f"{ADMIN}subscriber/{subscriber.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Subscriber.objects.exists()
    assert ErasureRecord.objects.get().email_hash == ErasureRecord.hash_email(subscriber.email)


def test_new_edition_defaults_to_articles_published_since_the_last_one(staff_client):
    old = make_article(published_on=timezone.localdate() - datetime.timedelta(days=40))
    recent = make_article(published_on=timezone.localdate() - datetime.timedelta(days=2))
    draft = make_article(draft=True)
    last = make_edition(old, status=Edition.Status.SENT)
    Edition.objects.filter(pk=last.pk).update(sent_at=timezone.now() - datetime.timedelta(days=10))
    response = staff_client.get(f"{ADMIN}edition/add/")
    assert response.status_code == 200
    initial = response.context["adminform"].form.initial["articles"]
    assert initial == [recent.pk]
    choices = {article.pk for article in response.context["adminform"].form.fields["articles"].queryset}
    assert draft.pk not in choices
    response = staff_client.post(
        f"{ADMIN}edition/add/", {"subject": "Lettre de décembre", "introduction": "", "articles": [recent.pk]}
    )
    assert response.status_code == 302
    assert Edition.objects.get(subject="Lettre de décembre").created_by.username == "redaction"


def test_preview_shows_html_and_text(staff_client):
    edition = make_edition(make_article("Restaurer la <citadelle>"), subject="Lettre <b>n°1</b>")
    response = staff_client.get(f"{ADMIN}edition/{edition.pk}/apercu/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<iframe srcdoc=" in html and "sandbox" in html
    assert "Restaurer la &lt;citadelle&gt;" in html  # text version, escaped
    assert "<b>n°1</b>" not in html
    english = staff_client.get(f"{ADMIN}edition/{edition.pk}/apercu/", {"langue": "en"})
    assert "Read this newsletter online" in english.content.decode()
    assert staff_client.get(f"{ADMIN}edition/{edition.pk}/change/").status_code == 200


def test_send_a_test_to_me(staff_client):
    make_subscriber()
    edition = make_edition(make_article("Restaurer la citadelle"))
    assert staff_client.get(f"{ADMIN}edition/{edition.pk}/test/").status_code == 405
    response = staff_client.post(f"{ADMIN}edition/{edition.pk}/test/", {"langue": "fr"}, follow=True)
    assert response.status_code == 200
    assert "Test envoyé à redaction@atlas.example.org" in response.content.decode()
    [message] = mail.outbox
    assert message.to == ["redaction@atlas.example.org"]
    assert message.subject.startswith("[TEST] ")
    assert "Restaurer la citadelle" in message.body
    assert not Delivery.objects.exists()
    edition.refresh_from_db()
    assert edition.is_draft


def test_test_send_without_staff_address(staff_client, staff):
    staff.email = ""
    staff.save()
    edition = make_edition()
    response = staff_client.post(f"{ADMIN}edition/{edition.pk}/test/", follow=True)
    assert "pas d&#x27;adresse électronique" in response.content.decode()
    assert mail.outbox == []


def test_send_behind_a_confirmation_then_progress_and_no_resend(
    staff_client, django_capture_on_commit_callbacks
):
    for _ in range(3):
        make_subscriber()
    make_subscriber(status=Subscriber.Status.PENDING)
    edition = make_edition(make_article())
    url = f"{ADMIN}edition/{edition.pk}/envoyer/"
    response = staff_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "3 abonnés actifs" in html and 'method="post"' in html
    assert not Delivery.objects.exists()  # a GET sends nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url)
    assert response.status_code == 302
    assert response["Location"] == f"{ADMIN}edition/{edition.pk}/progression/"
    assert len(mail.outbox) == 3
    progress = staff_client.get(response["Location"])
    assert progress.status_code == 200
    assert progress.context["progress"] == {
        "pending_count": 0,
        "sent_count": 3,
        "failed_count": 0,
        "skipped_count": 0,
    }
    assert 'id="progress-sent">3<' in progress.content.decode()

    # Sent: no second send, no edit.
    with django_capture_on_commit_callbacks(execute=True):
        again = staff_client.post(url, follow=True)
    assert "ne peut l&#x27;être à nouveau" in again.content.decode()
    assert len(mail.outbox) == 3 and Delivery.objects.count() == 3
    change = staff_client.get(f"{ADMIN}edition/{edition.pk}/change/").content.decode()
    assert 'name="subject"' not in change
    assert "/envoyer/" not in change
    changelist = staff_client.get(f"{ADMIN}edition/")
    assert changelist.status_code == 200


def test_progress_while_sending_refreshes_and_shows_counts(staff_client):
    subscribers = [make_subscriber() for _ in range(3)]
    edition = make_edition(make_article())
    from newsletter import services

    services.request_send(edition)  # the workers have not run yet
    Delivery.objects.filter(subscriber=subscribers[0]).update(status="sent")
    Delivery.objects.filter(subscriber=subscribers[1]).update(status="failed", last_error="550 refusé")
    response = staff_client.get(f"{ADMIN}edition/{edition.pk}/progression/")
    html = response.content.decode()
    assert 'http-equiv="refresh"' in html
    assert 'id="progress-pending">1<' in html and 'id="progress-failed">1<' in html
    assert "550 refusé" in html
    assert staff_client.get(f"{ADMIN}delivery/").status_code == 200


def test_admin_pages_need_staff(client):
    edition = make_edition()
    for url in [f"{ADMIN}edition/{edition.pk}/apercu/", f"{ADMIN}edition/{edition.pk}/envoyer/"]:
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_delivery_is_found_by_its_message_id(staff_client):
    edition = make_edition(make_article())
    lea, bob = make_subscriber("lea@example.org"), make_subscriber("bob@example.org")
    delivery = Delivery.objects.create(edition=edition, subscriber=lea)
    Delivery.objects.create(edition=edition, subscriber=bob)
    html = staff_client.get(f"{ADMIN}delivery/", {"q": delivery.message_id}).content.decode()
    assert "lea@example.org" in html and "bob@example.org" not in html
