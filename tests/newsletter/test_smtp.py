"""Sending through a real SMTP server on 127.0.0.1 (aiosmtpd), with one and with two workers."""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from newsletter import services
from newsletter.models import Delivery, Edition, Subscriber
from newsletter.sending import Worker
from tests.conftest import requires_postgres
from tests.factories import make_article, make_edition

from .smtp import RecordingHandler, SMTPServer


def make_subscribers(count):
    now = timezone.now()
    return Subscriber.objects.bulk_create(
        Subscriber(
            email=f"abonne{n}@example.org",
            status=Subscriber.Status.ACTIVE,
            language="en" if n % 5 == 0 else "fr",
            consent_at=now,
            confirmed_at=now,
        )
        for n in range(count)
    )


def start_sending(settings, subscribers=0):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    make_subscribers(subscribers)
    edition = make_edition(make_article("Restaurer la citadelle"), subject="Lettre", subject_en="Newsletter")
    services.request_send(edition)
    return edition


def run_workers(count, edition_id, now=None, batch_size=20):
    """Run `count` claim/send loops at once, each in its own thread with its own DB connection.

    `now` stops their clock at that time."""
    clock = (lambda: now) if now else timezone.now
    if count == 1:  # in this thread: on SQLite the test's transaction is not visible to others
        return [Worker(batch_size=batch_size, clock=clock).run(edition_id)]
    results, errors = [], []

    def loop():
        try:
            results.append(Worker(batch_size=batch_size, clock=clock).run(edition_id))
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=loop) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not errors, errors
    return results


def check_headers(message, site="https://atlas.example.org"):
    subscriber = Subscriber.objects.get(email=message["To"])
    prefix = "/en" if subscriber.language == "en" else ""  # the link is in the subscriber's language
    unsubscribe = f"{site}{prefix}/lettre/desinscription/{subscriber.token}/"
    assert message["List-Unsubscribe"].strip() == f"<{unsubscribe}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["List-Id"].endswith("<lettre.atlas.example.org>")
    assert message["Reply-To"] == "contact@atlas.example.org"
    assert message["From"] == "Atlas <lettre@atlas.example.org>"
    assert message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.get_payload()] == ["text/plain", "text/html"]


@requires_postgres
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_two_workers_send_500_messages_each_exactly_once(settings):
    with SMTPServer(RecordingHandler()) as server:
        server.configure(settings)
        edition = start_sending(settings, subscribers=500)
        results = run_workers(2, edition.pk)
    received = server.handler.received()
    assert len(received) == 500
    assert set(received.values()) == {1}
    assert all(result.get("sent", 0) > 0 for result in results), results  # both workers took part
    assert sum(result["sent"] for result in results) == 500
    for _recipients, message in server.handler.messages[:50]:
        check_headers(message)
    english = [m for _r, m in server.handler.messages if m["To"] == "abonne5@example.org"]
    assert english[0]["Subject"] == "Newsletter"
    assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == 500
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT


def refuse_some(address, attempt):
    n = int(address.removeprefix("abonne").split("@")[0])
    if n % 10 == 3:
        return "550 5.1.1 No such user"
    if n % 7 == 2 and attempt == 1:
        return "450 4.2.1 Mailbox busy, try later"
    return None


def fault_scenario(settings, workers):
    with SMTPServer(RecordingHandler(refuse_some)) as server:
        server.configure(settings)
        edition = start_sending(settings, subscribers=60)
        t0 = timezone.now()
        run_workers(workers, edition.pk, now=t0)
        first = dict(Delivery.objects.values_list("subscriber__email", "status"))
        # The server has recovered; the retries come due.
        run_workers(workers, edition.pk, now=t0 + datetime.timedelta(minutes=5))
    handler = server.handler
    status = dict(Delivery.objects.values_list("subscriber__email", "status"))
    permanent = {f"abonne{n}@example.org" for n in range(60) if n % 10 == 3}
    transient = {f"abonne{n}@example.org" for n in range(60) if n % 7 == 2} - permanent
    assert {first[address] for address in transient} == {"pending"}
    assert {status[address] for address in permanent} == {"failed"}
    assert set(status.values()) == {"sent", "failed"}
    received = handler.received()
    assert set(received.values()) == {1}  # none twice
    assert set(received) == {address for address, state in status.items() if state == "sent"}
    assert all(handler.rcpt_attempts[address] == 2 for address in transient)
    assert all(handler.rcpt_attempts[address] == 1 for address in permanent)
    assert len(received) == 60 - len(permanent)
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT
    assert edition.progress()["failed_count"] == len(permanent)


@pytest.mark.django_db
def test_refusals_then_recovery_single_worker(settings):
    fault_scenario(settings, workers=1)


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_refusals_then_recovery_two_workers(settings):
    fault_scenario(settings, workers=2)


@pytest.mark.django_db
def test_refused_recipients_do_not_drop_the_connection(settings):
    with SMTPServer(RecordingHandler(refuse_some)) as server:
        server.configure(settings)
        edition = start_sending(settings, subscribers=60)
        [counts] = run_workers(1, edition.pk, batch_size=60)
    assert counts["retry"] > 0 and counts["failed"] > 0  # 450 and 550 replies
    assert server.handler.connections == 1
