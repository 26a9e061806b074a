import datetime
import re
import time
from unittest import mock

import pytest
from django.core import mail
from django.test import Client

from newsletter import confirmation, services
from newsletter.models import Delivery, ErasureRecord, Subscriber
from tests.factories import make_article, make_domain, make_edition, make_subscriber

pytestmark = pytest.mark.django_db


def pending_subscriber(email="lea@example.org"):
    return make_subscriber(email, status=Subscriber.Status.PENDING)


def confirm_url(subscriber):
    return f"/lettre/confirmation/{confirmation.make_value(subscriber)}/"


def test_get_on_the_confirmation_link_confirms_nothing(client):
    subscriber = pending_subscriber()
    response = client.get(confirm_url(subscriber))
    assert response.status_code == 200
    assert "Je confirme mon abonnement" in response.content.decode()
    assert 'method="post"' in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


def test_post_confirms(client):
    subscriber = pending_subscriber()
    url = confirm_url(subscriber)
    response = client.post(url)
    assert response.status_code == 200
    assert "Abonnement confirmé" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE
    assert subscriber.confirmed_at is not None
    # Used again, the link says so and changes nothing.
    again = client.get(url)
    assert again.status_code == 200 and "déjà confirmé" in again.content.decode()


def test_link_expires_after_seven_days(client):
    subscriber = pending_subscriber()
    url = confirm_url(subscriber)
    later = time.time() + datetime.timedelta(days=7, minutes=1).total_seconds()
    with mock.patch("django.core.signing.time.time", return_value=later):
        assert client.get(url).status_code == 410
        response = client.post(url)
    assert response.status_code == 410
    assert "expiré" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING
    # Six days on, it still works.
    sooner = time.time() + datetime.timedelta(days=6).total_seconds()
    with mock.patch("django.core.signing.time.time", return_value=sooner):
        assert client.post(url).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE


@pytest.mark.parametrize("value", ["abc", "eyJpZCI6MX0:1tXyz:forged", "a" * 300])
def test_tampered_link_is_a_400(client, value):
    pending_subscriber()
    assert client.get(f"/lettre/confirmation/{value}/").status_code == 400
    assert client.post(f"/lettre/confirmation/{value}/").status_code == 400
    assert not Subscriber.objects.filter(status=Subscriber.Status.ACTIVE).exists()


def test_bad_characters_in_links_are_404(client):
    assert client.get("/lettre/confirmation/a%00b/").status_code == 404
    assert client.get("/lettre/preferences/a%00b/").status_code == 404
    assert client.post("/lettre/desinscription/inconnu/").status_code == 404


def test_resubscribing_needs_a_fresh_confirmation(client, django_capture_on_commit_callbacks):
    subscriber = pending_subscriber()
    old_url = confirm_url(subscriber)
    client.post(old_url)
    services.unsubscribe(subscriber)
    # The old link cannot bring the address back.
    assert client.post(old_url).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/lettre/inscription/", {"email": "lea@example.org", "language": "fr", "consent": "on"})
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING
    assert client.post(old_url).status_code == 400
    new_url = re.search(r"/lettre/confirmation/[^/\s]+/", mail.outbox[-1].body).group(0)
    assert client.post(new_url).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE


def test_preferences_page_changes_interests_and_language(client):
    domain = make_domain("Patrimoine")
    subscriber = make_subscriber()
    url = f"/lettre/preferences/{subscriber.token}/"
    response = client.get(url)
    assert response.status_code == 200
    assert subscriber.email in response.content.decode()
    response = client.post(url, {"language": "en", "domains": [domain.pk]})
    assert response.status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.language == "en"
    assert list(subscriber.domains.all()) == [domain]
    assert "Vos préférences sont enregistrées" in client.get(url).content.decode()


@pytest.mark.parametrize("data", [{"language": "xx"}, {"language": "fr", "domains": ["\x00"]}])
def test_preferences_bad_input_is_a_400(client, data):
    subscriber = make_subscriber()
    response = client.post(f"/lettre/preferences/{subscriber.token}/", data)
    assert response.status_code == 400


def test_unknown_token_is_a_404(client):
    assert client.get("/lettre/preferences/inconnu/").status_code == 404
    assert client.get("/lettre/desinscription/inconnu/").status_code == 404
    assert client.post("/lettre/preferences/inconnu/supprimer/").status_code == 404


def test_get_on_unsubscribe_link_shows_a_form_and_changes_nothing(client):
    subscriber = make_subscriber()
    response = client.get(f"/lettre/desinscription/{subscriber.token}/")
    assert response.status_code == 200
    assert 'method="post"' in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE


def test_one_click_unsubscribe_needs_no_session_nor_csrf_token():
    subscriber = make_subscriber()
    edition = make_edition()
    services_delivery = Delivery.objects.create(edition=edition, subscriber=subscriber)
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        f"/lettre/desinscription/{subscriber.token}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None
    services_delivery.refresh_from_db()
    assert services_delivery.status == Delivery.Status.SKIPPED
    # Posting again is harmless.
    assert client.post(f"/lettre/desinscription/{subscriber.token}/").status_code == 200


def test_delete_my_data(client):
    domain = make_domain()
    subscriber = make_subscriber("Lea@Example.org", domains=[domain])
    Delivery.objects.create(edition=make_edition(), subscriber=subscriber)
    services.unsubscribe(subscriber)
    url = f"/lettre/preferences/{subscriber.token}/supprimer/"
    assert client.get(url).status_code == 200
    assert Subscriber.objects.exists()
    response = client.post(url)
    assert response.status_code == 200
    assert "effacées" in response.content.decode()
    assert not Subscriber.objects.exists()
    assert not Delivery.objects.exists()
    record = ErasureRecord.objects.get()
    assert record.email_hash == ErasureRecord.hash_email("lea@example.org")
    assert "lea" not in record.email_hash.lower()
    assert record.withdrawn_at == subscriber.unsubscribed_at
    assert record.consent_version == "test"
    assert client.get(f"/lettre/preferences/{subscriber.token}/").status_code == 404


def test_public_archive_lists_sent_editions_only(client):
    from newsletter.models import Edition

    article = make_article("Restaurer la <citadelle>")
    hidden = make_article("Brouillon", draft=True)
    sent = make_edition(article, hidden, subject="Lettre <b>d'octobre</b>", status=Edition.Status.SENT)
    draft = make_edition(article, subject="Brouillon de décembre")
    listing = client.get("/lettre/archives/").content.decode()
    assert "Lettre &lt;b&gt;d&#x27;octobre&lt;/b&gt;" in listing
    assert "Brouillon de décembre" not in listing
    detail = client.get(f"/lettre/archives/{sent.pk}/")
    assert detail.status_code == 200
    html = detail.content.decode()
    assert "Restaurer la &lt;citadelle&gt;" in html
    assert "Brouillon" not in html  # an article unpublished since is not shown
    assert client.get(f"/lettre/archives/{draft.pk}/").status_code == 404
    assert client.get("/lettre/archives/99999/").status_code == 404
    assert client.get("/lettre/archives/", {"page": "abc"}).status_code == 404
