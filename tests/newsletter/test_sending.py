import datetime
import re
import signal
import smtplib
import uuid
from collections import Counter
from types import SimpleNamespace
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.models import Article
from core.models import Publication
from newsletter import conf, sending, services, tasks
from newsletter.emails import EditionMailer
from newsletter.models import Delivery, Edition, Subscriber, message_id_for
from newsletter.sending import Worker, is_permanent
from tests.factories import (
    make_article,
    make_body,
    make_country,
    make_domain,
    make_edition,
    make_partnership,
    make_subscriber,
)

from .backends import Clock, FlakyBackend

pytestmark = pytest.mark.django_db


def at(moment):
    """A clock stopped at `moment`."""
    return lambda: moment


def run_task(task, *args):
    """Run a task that takes its context in this process, as a worker would."""
    context = SimpleNamespace(task_result=SimpleNamespace(id=str(uuid.uuid4())))
    return task.call(context, *args)


def send(edition, capture):
    with capture(execute=True):
        return services.request_send(edition)


def outbox_by_address():
    return {message.to[0]: message for message in mail.outbox}


def test_whole_flow(client, django_capture_on_commit_callbacks):
    heritage, water = make_domain("Patrimoine"), make_domain("Eau")
    on_heritage = make_article("Restaurer la citadelle", domains=[heritage])
    on_water = make_article("L'eau potable à Hué", domains=[water])
    make_subscriber("tout@example.org")

    # Sign up, interested in heritage only.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/lettre/inscription/",
            {"email": "lea@example.org", "language": "fr", "consent": "on", "domains": [heritage.pk]},
        )
    assert response.status_code == 302
    [confirmation_mail] = mail.outbox
    link = confirmation_mail.body.split("https://atlas.example.org")[1].split()[0]
    assert client.get(link).status_code == 200
    assert Subscriber.objects.get(email="lea@example.org").status == Subscriber.Status.PENDING
    assert client.post(link).status_code == 200
    lea = Subscriber.objects.get(email="lea@example.org")
    assert lea.status == Subscriber.Status.ACTIVE

    # An edition with both articles: each gets what they asked for.
    mail.outbox.clear()
    edition = make_edition(on_heritage, on_water, introduction="Bonjour <b>à tous</b>")
    assert send(edition, django_capture_on_commit_callbacks) == 2
    sent = outbox_by_address()
    assert set(sent) == {"lea@example.org", "tout@example.org"}
    lea_mail = sent["lea@example.org"]
    html = lea_mail.alternatives[0].content
    assert lea_mail.alternatives[0].mimetype == "text/html"
    assert "Restaurer la citadelle" in lea_mail.body and "Restaurer la citadelle" in html
    assert "L'eau potable" not in lea_mail.body and "L&#x27;eau potable" not in html
    assert "L'eau potable" in sent["tout@example.org"].body
    assert "Bonjour &lt;b&gt;à tous&lt;/b&gt;" in html  # staff text is escaped
    unsubscribe_url = f"https://atlas.example.org/lettre/desinscription/{lea.token}/"
    headers = lea_mail.extra_headers
    assert headers["List-Unsubscribe"] == f"<{unsubscribe_url}>"
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert headers["List-Id"].endswith("<lettre.atlas.example.org>")
    assert lea_mail.from_email == "Atlas <lettre@atlas.example.org>"
    assert lea_mail.reply_to == ["contact@atlas.example.org"]
    assert f"https://atlas.example.org/lettre/preferences/{lea.token}/" in lea_mail.body
    assert f"https://atlas.example.org/lettre/archives/{edition.pk}/" in html
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT and edition.completed_at

    # One click, from the mail client: no session, no CSRF token.
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        unsubscribe_url.removeprefix("https://atlas.example.org"), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    lea.refresh_from_db()
    assert lea.status == Subscriber.Status.UNSUBSCRIBED

    # The next edition is not sent to her.
    mail.outbox.clear()
    assert send(make_edition(make_article(domains=[heritage])), django_capture_on_commit_callbacks) == 1
    assert [m.to for m in mail.outbox] == [["tout@example.org"]]


def test_interest_matching():
    vietnam, belgium, france = make_country("VN"), make_country("BE"), make_country("FR")
    hue, namur, lyon = make_body(country=vietnam), make_body(country=belgium), make_body(country=france)
    hue_namur = make_partnership(hue, namur)
    heritage, water = make_domain(), make_domain()
    by_domain = make_article(domains=[heritage])
    by_partnership = make_article(partnerships=[hue_namur])
    by_body_country = make_article(bodies=[lyon])
    unrelated = make_article(domains=[water])
    mailer = EditionMailer(make_edition(by_domain, by_partnership, by_body_country, unrelated))

    def match(**interests):
        interests = {"domains": set(), "countries": set(), "partnerships": set()} | {
            kind: {obj.pk for obj in values} for kind, values in interests.items()
        }
        return set(mailer.articles_for(interests))

    assert match() == {by_domain, by_partnership, by_body_country, unrelated}
    assert match(domains=[heritage]) == {by_domain}
    assert match(partnerships=[hue_namur]) == {by_partnership}
    assert match(countries=[france]) == {by_body_country}
    assert match(countries=[belgium]) == {by_partnership}  # a party of the article's partnership
    assert match(domains=[heritage], countries=[vietnam]) == {by_domain, by_partnership}
    assert match(countries=[make_country("DE")]) == set()


def test_subscriber_with_nothing_matching_gets_nothing(django_capture_on_commit_callbacks):
    heritage, water = make_domain(), make_domain()
    make_subscriber("eau@example.org", domains=[water])
    make_subscriber("patrimoine@example.org", domains=[heritage])
    edition = make_edition(make_article(domains=[heritage]))
    send(edition, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["patrimoine@example.org"]]
    assert edition.progress() == {"pending_count": 0, "sent_count": 1, "failed_count": 0, "skipped_count": 1}


def test_english_subscriber_gets_english_subject_and_links(django_capture_on_commit_callbacks):
    english = make_subscriber("en@example.org", language="en")
    french = make_subscriber("fr@example.org", language="fr")
    article = make_article()
    edition = make_edition(article, subject="Lettre", subject_en="Newsletter", introduction_en="Hello")
    send(edition, django_capture_on_commit_callbacks)
    sent = outbox_by_address()
    assert sent["en@example.org"].subject == "Newsletter"
    assert "Hello" in sent["en@example.org"].body
    assert 'lang="en"' in sent["en@example.org"].alternatives[0].content
    assert "Read this newsletter online" in sent["en@example.org"].alternatives[0].content
    assert sent["fr@example.org"].subject == "Lettre"
    assert "Lire cette lettre en ligne" in sent["fr@example.org"].alternatives[0].content
    # Every link goes to the page in the subscriber's language: /en/… for English readers.
    site = "https://atlas.example.org"
    for subscriber, prefix in ((english, "/en"), (french, "")):
        message = sent[subscriber.email]
        links = [
            f"{prefix}{article.get_absolute_url()}",
            f"{prefix}/lettre/archives/{edition.pk}/",
            f"{prefix}/lettre/preferences/{subscriber.token}/",
            f"{prefix}/lettre/desinscription/{subscriber.token}/",
        ]
        for link in links:
            assert (
                f"{site}{link}" in message.body and f'href="{site}{link}"' in message.alternatives[0].content
            )
        assert message.extra_headers["List-Unsubscribe"] == f"<{site}{links[-1]}>"
        assert f'href="{site}{prefix}/"' in message.alternatives[0].content
    assert "/en/" not in sent["fr@example.org"].body


def test_sending_twice_is_refused_and_nothing_is_resent(django_capture_on_commit_callbacks):
    make_subscriber()
    edition = make_edition(make_article())
    send(edition, django_capture_on_commit_callbacks)
    with pytest.raises(services.EditionNotDraft):
        send(edition, django_capture_on_commit_callbacks)
    Worker().run()
    assert len(mail.outbox) == 1
    assert Delivery.objects.count() == 1


def test_edition_without_subscribers_is_complete_at_once():
    edition = make_edition(make_article())
    assert services.request_send(edition) == 0
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT


def test_unsubscribed_after_the_send_started_is_skipped():
    lea, bob = make_subscriber(), make_subscriber()
    edition = make_edition(make_article())
    services.request_send(edition)  # on_commit not run: the workers have not started yet
    services.unsubscribe(lea)
    Worker().run(edition.pk)
    assert [m.to for m in mail.outbox] == [[bob.email]]
    assert Delivery.objects.get(subscriber=lea).status == Delivery.Status.SKIPPED


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = "tests.newsletter.backends.FlakyBackend"
    settings.NEWSLETTER_MAX_ATTEMPTS = 4
    settings.NEWSLETTER_RETRY_BASE_SECONDS = 60
    FlakyBackend.failures = {}
    FlakyBackend.opened = 0
    FlakyBackend.on_send = None
    yield FlakyBackend
    FlakyBackend.failures = {}
    FlakyBackend.on_send = None


def test_one_smtp_connection_per_batch(flaky):
    for _ in range(10):
        make_subscriber()
    edition = make_edition(make_article())
    services.request_send(edition)
    Worker(batch_size=4).run(edition.pk)
    assert len(mail.outbox) == 10
    assert flaky.opened == 3


def test_transient_failures_are_retried_with_backoff_and_permanent_ones_fail(flaky):
    ok, later, refused, dropped, never = (make_subscriber(f"{name}@example.org") for name in "abcde")
    flaky.failures = {
        later.email: [smtplib.SMTPRecipientsRefused({later.email: (450, b"4.2.0 try later")})],
        refused.email: [smtplib.SMTPRecipientsRefused({refused.email: (550, b"5.1.1 no such user")})],
        dropped.email: [smtplib.SMTPServerDisconnected("gone"), ConnectionResetError("reset")],
        never.email: [smtplib.SMTPDataError(451, b"busy")] * 10,
    }
    edition = make_edition(make_article())
    services.request_send(edition)
    t0 = timezone.now()
    Worker(clock=at(t0)).run(edition.pk)
    status = dict(Delivery.objects.values_list("subscriber__email", "status"))
    assert status == {
        "a@example.org": "sent",
        "b@example.org": "pending",
        "c@example.org": "failed",
        "d@example.org": "pending",
        "e@example.org": "pending",
    }
    retry = Delivery.objects.get(subscriber=later)
    assert retry.attempts == 1 and retry.next_attempt_at == t0 + datetime.timedelta(seconds=60)
    assert "450" in retry.last_error
    assert "550" in Delivery.objects.get(subscriber=refused).last_error
    # Nothing is due yet.
    assert Worker(clock=at(t0 + datetime.timedelta(seconds=30))).run(edition.pk) == {}
    # Backoff: 60 s, 120 s, 240 s…
    now = t0
    for _ in range(6):
        now += datetime.timedelta(seconds=500)
        Worker(clock=at(now)).run(edition.pk)
    status = dict(Delivery.objects.values_list("subscriber__email", "status"))
    assert status == {
        "a@example.org": "sent",
        "b@example.org": "sent",
        "c@example.org": "failed",
        "d@example.org": "sent",
        "e@example.org": "failed",
    }
    assert Delivery.objects.get(subscriber=never).attempts == 4
    assert Delivery.objects.get(subscriber=dropped).attempts == 3
    assert Counter(m.to[0] for m in mail.outbox) == {
        "a@example.org": 1,
        "b@example.org": 1,
        "d@example.org": 1,
    }
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT
    assert edition.progress() == {"pending_count": 0, "sent_count": 3, "failed_count": 2, "skipped_count": 0}


def test_unreachable_server_retries_the_whole_batch(flaky):
    for _ in range(3):
        make_subscriber()
    edition = make_edition(make_article())
    services.request_send(edition)
    with mock.patch.object(FlakyBackend, "open", side_effect=ConnectionRefusedError("down")):
        Worker().run(edition.pk)
    assert set(Delivery.objects.values_list("status", "attempts")) == {("pending", 1)}
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("exc", "permanent"),
    [
        (smtplib.SMTPRecipientsRefused({"a@x": (550, b"no")}), True),
        (smtplib.SMTPRecipientsRefused({"a@x": (452, b"full")}), False),
        (smtplib.SMTPDataError(554, b"rejected"), True),
        (smtplib.SMTPDataError(421, b"closing"), False),
        (smtplib.SMTPSenderRefused(550, b"bad sender", "lettre@x"), False),
        (smtplib.SMTPServerDisconnected("gone"), False),
        (ConnectionRefusedError(), False),
        (TimeoutError(), False),
        (ValueError("bad address"), True),
    ],
)
def test_failure_classification(exc, permanent):
    assert is_permanent(exc) is permanent


def test_a_worker_never_takes_a_delivery_claimed_by_another():
    subscribers = [make_subscriber() for _ in range(3)]
    edition = make_edition(make_article())
    services.request_send(edition)
    t0 = timezone.now()
    other = uuid.uuid4()
    Delivery.objects.claim(other, limit=1, lease_seconds=conf.get("LEASE_SECONDS"), now=t0)
    held = Delivery.objects.get(claim_token=other)
    Worker(clock=at(t0 + datetime.timedelta(seconds=10))).run(edition.pk)
    assert len(mail.outbox) == 2
    assert held.subscriber.email not in {m.to[0] for m in mail.outbox}
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENDING
    # The other worker died: once its short lease is over, the delivery is taken up again.
    Worker(clock=at(t0 + datetime.timedelta(seconds=31))).run(edition.pk)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(s.email for s in subscribers)
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT


def test_task_comes_back_when_retries_are_due(flaky, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    subscriber = make_subscriber()
    flaky.failures = {subscriber.email: [smtplib.SMTPRecipientsRefused({subscriber.email: (450, b"later")})]}
    edition = make_edition(make_article())
    services.request_send(edition)
    run_task(tasks.deliver_edition, edition.pk)
    delivery = Delivery.objects.get()
    [follow_up] = DBTaskResult.objects.all()
    assert follow_up.task_path == "newsletter.tasks.deliver_edition"
    assert follow_up.run_after >= delivery.next_attempt_at


def test_plain_text_parts_are_not_html_escaped(django_capture_on_commit_callbacks):
    make_subscriber()
    article = make_article("L'eau & <la> ville")
    send(make_edition(article, subject="L'été <chaud>"), django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert message.subject == "L'été <chaud>"
    assert "L'eau & <la> ville" in message.body
    assert "L&#x27;eau &amp; &lt;la&gt; ville" in message.alternatives[0].content


# Crash safety: short leases renewed by a heartbeat, one Message-ID per delivery, stopping cleanly.


def sending_to(count, *articles):
    for _ in range(count):
        make_subscriber()
    edition = make_edition(*(articles or [make_article()]))
    services.request_send(edition)  # its tasks are not run: the tests drive the workers
    return edition


def test_the_lease_is_renewed_while_the_worker_sends(flaky):
    edition = sending_to(20)
    clock = Clock()
    up_for_grabs = []

    def slow_server(message):  # 4 s a message: the batch takes 80 s, the lease is 30 s
        up_for_grabs.append(Delivery.objects.filter(edition=edition).due(clock()).count())
        clock.advance(4)

    flaky.on_send = slow_server
    Worker(batch_size=20, lease_seconds=30, clock=clock).run(edition.pk)
    assert len(mail.outbox) == 20
    assert set(up_for_grabs) == {0}  # another worker never found any of them due


def test_a_worker_that_stalled_past_its_lease_leaves_what_another_took_over(flaky):
    edition = sending_to(10)
    clock = Clock()
    other = uuid.uuid4()

    def stall_at_the_third(message):
        if len(mail.outbox) == 2:  # the worker hangs for 40 s; another one takes the batch over
            clock.advance(40)
            Delivery.objects.claim(other, limit=100, lease_seconds=30, now=clock())

    flaky.on_send = stall_at_the_third
    assert Worker(batch_size=10, clock=clock).run(edition.pk)["sent"] == 3
    flaky.on_send = None
    assert Worker(token=other, clock=clock).run(edition.pk)["sent"] == 8
    received = Counter(message.to[0] for message in mail.outbox)
    assert len(received) == 10
    assert sorted(received.values()) == [1] * 9 + [2]  # only the message on its way during the stall
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT


def test_a_retry_waits_its_delay_from_its_own_failure(flaky):
    edition = sending_to(5)
    fourth = Delivery.objects.order_by("pk")[3].subscriber
    flaky.failures = {fourth.email: [smtplib.SMTPRecipientsRefused({fourth.email: (450, b"later")})]}
    clock = Clock()
    start = clock()
    flaky.on_send = lambda message: clock.advance(30)  # a slow server: 30 s a message
    Worker(clock=clock).run(edition.pk)
    retry = Delivery.objects.get(subscriber=fourth)
    assert retry.status == Delivery.Status.PENDING
    assert retry.next_attempt_at == start + datetime.timedelta(seconds=4 * 30 + 60)


def test_every_copy_of_a_delivery_carries_the_same_message_id():
    lea, bob = make_subscriber(), make_subscriber()
    edition = make_edition(make_article())
    services.request_send(edition)
    delivery = Delivery.objects.get(subscriber=lea)
    assert delivery.message_id == message_id_for(edition.pk, lea.pk)  # stored before any attempt
    assert re.fullmatch(r"<lettre\.\d+\.[0-9a-f]{32}@atlas\.example\.org>", delivery.message_id)
    Worker().run(edition.pk)
    # The worker died after the server accepted the message, before recording it: it goes again.
    Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.PENDING, claimed_until=None)
    Worker().run(edition.pk)
    ids = [(message.to[0], message.message()["Message-ID"]) for message in mail.outbox]
    assert ids == [(lea.email, delivery.message_id), (bob.email, ids[1][1]), (lea.email, delivery.message_id)]
    assert ids[1][1] == Delivery.objects.get(subscriber=bob).message_id != delivery.message_id
    assert message_id_for(edition.pk + 1, lea.pk) != delivery.message_id  # one per edition too


def test_sigterm_stops_the_worker_between_two_messages(flaky, signal_handlers):
    edition = sending_to(10)
    db_worker_told = []
    signal.signal(signal.SIGTERM, lambda signum, frame: db_worker_told.append(signum))
    worker = Worker(batch_size=10)

    def terminate_during_the_third(message):
        if len(mail.outbox) == 2:
            signal.getsignal(signal.SIGTERM)(signal.SIGTERM, None)  # what the signal runs

    flaky.on_send = terminate_during_the_third
    with sending.stop_on_signals(worker):
        counts = worker.run(edition.pk)
    assert counts == {"sent": 3, "released": 7, "skipped": 0}
    assert len(mail.outbox) == 3
    assert Delivery.objects.filter(status="pending", claim_token__isnull=True, attempts=0).count() == 7
    assert db_worker_told == [signal.SIGTERM]  # db_worker's handler still runs: it exits afterwards
    signal.getsignal(signal.SIGTERM)(signal.SIGTERM, None)
    assert db_worker_told == [signal.SIGTERM] * 2  # its handler is back in place


def test_a_stopped_task_queues_the_rest_at_once(flaky, settings, signal_handlers):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    edition = sending_to(5)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    flaky.on_send = lambda message: signal.getsignal(signal.SIGTERM)(signal.SIGTERM, None)
    assert run_task(tasks.deliver_edition, edition.pk)["sent"] == 1
    [follow_up] = DBTaskResult.objects.all()
    assert follow_up.status == "READY" and follow_up.task_result.args == [edition.pk]
    assert follow_up.run_after <= timezone.now() + datetime.timedelta(seconds=2)


def test_tasks_ending_together_queue_one_follow_up(flaky, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    edition = sending_to(3)
    later = Delivery.objects.first().subscriber
    flaky.failures = {later.email: [smtplib.SMTPRecipientsRefused({later.email: (450, b"later")})]}
    run_task(tasks.deliver_edition, edition.pk)  # NEWSLETTER_PARALLEL_TASKS: two tasks end
    run_task(tasks.deliver_edition, edition.pk)
    [follow_up] = DBTaskResult.objects.all()
    assert follow_up.run_after >= Delivery.objects.get(subscriber=later).next_attempt_at


def test_an_article_taken_offline_after_being_chosen_is_not_mailed(django_capture_on_commit_callbacks):
    make_subscriber()
    kept = make_article("Restaurer la citadelle")
    withdrawn = make_article("Article retiré")
    scheduled = make_article("Article programmé", publish_at=timezone.now() + datetime.timedelta(days=1))
    edition = make_edition(kept, withdrawn, scheduled)  # a draft: chosen, not sent yet
    withdrawn.withdraw()
    withdrawn.save()
    send(edition, django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert "Restaurer la citadelle" in message.body
    assert "Article retiré" not in message.body and "Article programmé" not in message.body


def test_an_article_withdrawn_while_the_edition_is_sent_leaves_the_next_messages(flaky):
    kept, withdrawn = make_article("Restaurer la citadelle"), make_article("Article retiré")
    edition = sending_to(4, kept, withdrawn)

    def withdraw_during_the_second(message):
        if len(mail.outbox) == 1:
            Article.objects.filter(pk=withdrawn.pk).update(publication=Publication.WITHDRAWN)

    flaky.on_send = withdraw_during_the_second
    Worker(batch_size=2).run(edition.pk)
    assert ["Article retiré" in message.body for message in mail.outbox] == [True, True, False, False]
    assert all("Restaurer la citadelle" in message.body for message in mail.outbox)


@pytest.mark.parametrize(
    ("exc", "breaks"),
    [
        (smtplib.SMTPRecipientsRefused({"a@x": (550, b"no")}), False),
        (smtplib.SMTPRecipientsRefused({"a@x": (450, b"later")}), False),
        (smtplib.SMTPDataError(554, b"rejected"), False),
        (smtplib.SMTPSenderRefused(451, b"later", "lettre@x"), False),
        (smtplib.SMTPDataError(421, b"closing"), True),
        (smtplib.SMTPServerDisconnected("gone"), True),
        (ConnectionResetError(), True),
        (TimeoutError(), True),
    ],
)
def test_only_a_lost_or_closing_connection_is_opened_again(exc, breaks):
    assert sending.breaks_connection(exc) is breaks
