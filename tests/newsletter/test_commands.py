"""The two commands run from cron or before the workers start: newsletter_purge, newsletter_resume."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from cooperation.models import Domain
from newsletter import conf, services, tasks
from newsletter.models import Delivery, Edition, Subscriber
from newsletter.sending import Worker
from tests.factories import make_article, make_domain, make_edition, make_subscriber

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
NO_QUEUE = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def run(command, *args):
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def signed_up(email, days_ago, status=Subscriber.Status.PENDING, **interests):
    subscriber = make_subscriber(email, status=status, **interests)
    Subscriber.objects.filter(pk=subscriber.pk).update(
        consent_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return subscriber


def addresses():
    return set(Subscriber.objects.values_list("email", flat=True))


@pytest.mark.django_db
def test_purge_deletes_sign_ups_never_confirmed_after_30_days_and_keeps_the_others():
    heritage = make_domain("Patrimoine")
    forgotten = signed_up("oubli@example.org", days_ago=31, domains=[heritage])
    signed_up("recent@example.org", days_ago=29)
    signed_up("abonne@example.org", days_ago=400, status=Subscriber.Status.ACTIVE)
    signed_up("parti@example.org", days_ago=400, status=Subscriber.Status.UNSUBSCRIBED)

    out = run("newsletter_purge")

    assert addresses() == {"recent@example.org", "abonne@example.org", "parti@example.org"}
    assert not Subscriber.domains.through.objects.filter(subscriber_id=forgotten.pk).exists()
    assert Domain.objects.filter(pk=heritage.pk).exists()  # only the link to it goes
    assert "supprimée(s)" in out


@pytest.mark.django_db
def test_purge_after_another_number_of_days():
    signed_up("dix-jours@example.org", days_ago=10)
    signed_up("cinq-jours@example.org", days_ago=5)

    run("newsletter_purge", "--days", "7")

    assert addresses() == {"cinq-jours@example.org"}


def sending_stopped_after_one_batch(settings, subscribers):
    """An edition whose workers all stopped after one batch of two: its tasks are gone."""
    settings.TASKS = NO_QUEUE
    for _ in range(subscribers):
        make_subscriber()
    edition = make_edition(make_article())
    services.request_send(edition)
    Worker(batch_size=2).run_batch(edition.pk)
    assert len(mail.outbox) == 2
    settings.TASKS = DATABASE_QUEUE
    return edition


def queued():
    return sorted(
        (task.task_path, task.task_result.args)
        for task in DBTaskResult.objects.filter(
            status=TaskResultStatus.READY, task_path="newsletter.tasks.deliver_edition"
        )
    )


@pytest.mark.django_db
def test_resume_queues_again_only_the_editions_left_half_sent(settings):
    draft = make_edition(make_article(), subject="Brouillon")
    half_sent = sending_stopped_after_one_batch(settings, subscribers=5)
    sent = make_edition(make_article(), subject="Envoyée")
    services.request_send(sent)
    Worker().run(sent.pk)
    assert queued() == []

    out = run("newsletter_resume")

    assert out == f"{half_sent.pk}: envoi relancé\n"
    assert queued() == [("newsletter.tasks.deliver_edition", [half_sent.pk])] * 2  # NEWSLETTER_PARALLEL_TASKS
    draft.refresh_from_db()
    assert draft.is_draft


@pytest.mark.django_db
def test_resume_run_again_and_again_queues_nothing_more(settings):
    edition = sending_stopped_after_one_batch(settings, subscribers=5)
    run("newsletter_resume")
    first = queued()
    for _ in range(3):
        assert run("newsletter_resume") == f"{edition.pk}: envoi en cours\n"
    assert queued() == first == [("newsletter.tasks.deliver_edition", [edition.pk])] * 2


def running_task(edition, *, started_ago, renewed_ago=None):
    """A delivery task a worker took `started_ago` seconds ago; it last renewed its lease on two
    deliveries `renewed_ago` seconds ago (None: it holds nothing)."""
    now = timezone.now()
    result = tasks.deliver_edition.enqueue(edition.pk)
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING, started_at=now - datetime.timedelta(seconds=started_ago)
    )
    if renewed_ago is not None:
        held = Delivery.objects.filter(status="pending", claim_token=None).values("pk")[:2]
        lease = datetime.timedelta(seconds=conf.get("LEASE_SECONDS") - renewed_ago)
        Delivery.objects.filter(pk__in=held).update(claim_token=result.id, claimed_until=now + lease)
    return DBTaskResult.objects.get(pk=result.id)


@pytest.mark.django_db
def test_resume_fails_the_tasks_of_dead_workers_and_counts_the_live_ones(settings):
    edition = sending_stopped_after_one_batch(settings, subscribers=9)
    killed = running_task(edition, started_ago=120, renewed_ago=60)  # its lease ran out 30 s ago
    never_claimed = running_task(edition, started_ago=120)
    alive = running_task(edition, started_ago=120, renewed_ago=2)
    just_started = running_task(edition, started_ago=1)

    out = run("newsletter_resume")

    assert out == f"2 tâche(s) d'un processus disparu marquée(s) en échec\n{edition.pk}: envoi en cours\n"
    for result in (killed, never_claimed, alive, just_started):
        result.refresh_from_db()
    assert (killed.status, never_claimed.status) == (TaskResultStatus.FAILED,) * 2
    assert killed.exception_class_path == "newsletter.tasks.WorkerLost"
    assert killed.finished_at is not None
    assert (alive.status, just_started.status) == (TaskResultStatus.RUNNING,) * 2
    assert queued() == []  # two live tasks: NEWSLETTER_PARALLEL_TASKS
    # Once the live one has died too, its work is queued again.
    DBTaskResult.objects.filter(pk=alive.pk).delete()
    assert run("newsletter_resume") == f"{edition.pk}: envoi relancé\n"
    assert len(queued()) == 1


@pytest.mark.django_db
def test_resume_completes_an_edition_whose_deliveries_were_all_made_and_queues_nothing(settings):
    edition = sending_stopped_after_one_batch(settings, subscribers=2)  # stopped before marking it sent
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENDING

    out = run("newsletter_resume")

    assert out == f"{edition.pk}: terminée\n"
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT and edition.completed_at is not None
    assert queued() == []
    assert len(mail.outbox) == 2  # nobody got it twice


@pytest.mark.django_db(transaction=True)  # the worker reads committed rows, as it would in production
def test_a_worker_completes_a_resumed_edition_and_nobody_gets_it_twice(settings, signal_handlers):
    edition = sending_stopped_after_one_batch(settings, subscribers=5)
    run("newsletter_resume")

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    assert sorted(message.to[0] for message in mail.outbox) == sorted(addresses())
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.SENT}
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {TaskResultStatus.SUCCESSFUL}
