"""Tasks run by `python manage.py db_worker` (django-tasks with the django-tasks-db backend), and the
bookkeeping of the delivery tasks: how many are queued per edition, and which ones died.

django-tasks does not retry a task, and the retry schedule is kept on each Delivery: a delivery task
that ends with work left queues one follow-up for when it is due.
"""

import uuid
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult, get_date_max

from . import conf, sending
from .models import Delivery, Edition


class WorkerLost(Exception):
    """Recorded on a delivery task whose worker stopped renewing its lease (killed, machine lost)."""


@task()
def send_notice(subscriber_id):
    sending.send_notice(subscriber_id)


@task(takes_context=True)
def subscribe(context, *, consent_at, **sign_up):
    """The sign-up, looked up and recorded here rather than in the request, so that the answer to
    the form costs the same whatever the state of the address (nothing to time)."""
    from . import services  # services queues this task

    try:
        services.subscribe(at=datetime.fromisoformat(consent_at), **sign_up)
    finally:
        forget_arguments(context)


def forget_arguments(context):
    """The address now lives in the subscriber's row only (erased with it), not in the queue."""
    if isinstance(subscribe.get_backend(), DatabaseBackend):
        DBTaskResult.objects.filter(pk=context.task_result.id).update(args_kwargs={"args": [], "kwargs": {}})


def worker_token(task_id):
    """The claim token of a task's worker: its id (a UUID with the database backend)."""
    try:
        return uuid.UUID(str(task_id))
    except ValueError:
        return uuid.uuid5(uuid.NAMESPACE_URL, f"task:{task_id}")


@task(takes_context=True)
def deliver_edition(context, edition_id):
    """Send what is due; on SIGTERM stop between two messages; then queue what is left."""
    worker = sending.Worker(token=worker_token(context.task_result.id))
    with sending.stop_on_signals(worker):
        counts = worker.run(edition_id)
    abandon_dead_tasks()
    follow_up(edition_id)
    return counts


def uses_database_queue():
    return isinstance(deliver_edition.get_backend(), DatabaseBackend)


def delivery_tasks(edition_id):
    return DBTaskResult.objects.filter(task_path=deliver_edition.module_path, args_kwargs__args__0=edition_id)


def abandon_dead_tasks(now=None):
    """Mark as failed the delivery tasks left RUNNING by a worker that died; return their number.

    A task's worker is alive while it renews the lease on what it holds (the deliveries it has dealt
    with keep its token and last lease, so a worker between two batches counts as alive). Its
    deliveries need nothing: once the lease has run out, any worker takes them up.
    """
    if not uses_database_queue():
        return 0
    now = now or timezone.now()
    started_before = now - timedelta(seconds=conf.get("LEASE_SECONDS"))
    running = DBTaskResult.objects.running().filter(
        task_path=deliver_edition.module_path, started_at__lt=started_before
    )
    dead = [result for result in running if not Delivery.objects.worker_alive(worker_token(result.id), now)]
    for result in dead:
        workers = ", ".join(result.worker_ids) or "?"
        result.set_failed(WorkerLost(f"Le processus {workers} a cessé de renouveler ses réservations."))
    return len(dead)


def keep_queued(edition_id, *, count, by, count_running):
    """Make sure `count` delivery tasks of the edition will run by `by`; queue only what is missing.

    Queued tasks due later are brought forward; with `count_running`, live running tasks count
    too. Runs with the edition's row locked, so two workers finishing at once queue one task.
    """
    if not uses_database_queue():
        task = deliver_edition
        if task.get_backend().supports_defer:
            task = task.using(run_after=by)
        for _ in range(count):
            task.enqueue(edition_id)
        return count
    with transaction.atomic():
        list(Edition.objects.select_for_update().filter(pk=edition_id).values_list("pk"))
        tasks = delivery_tasks(edition_id)
        statuses = [TaskResultStatus.READY] + ([TaskResultStatus.RUNNING] if count_running else [])
        tasks.filter(status=TaskResultStatus.READY, run_after__gt=by, run_after__lt=get_date_max()).update(
            run_after=by
        )
        missing = max(0, count - tasks.filter(status__in=statuses).count())
        for _ in range(missing):
            deliver_edition.using(run_after=by).enqueue(edition_id)
    return missing


def follow_up(edition_id):
    """After a delivery task: one task for when the edition's next retry or expired claim is due."""
    wake_up = Delivery.objects.filter(edition_id=edition_id).next_wake_up()
    if wake_up is None:
        return 0
    if not deliver_edition.get_backend().supports_defer:
        return 0  # the immediate backend would run it now, with nothing due yet
    by = max(wake_up, timezone.now()) + timedelta(seconds=1)
    return keep_queued(edition_id, count=1, by=by, count_running=False)


def queue_edition(edition_id):
    """Queue the sending of an edition, or resume it: NEWSLETTER_PARALLEL_TASKS tasks when work is
    due now (one per worker that should share it), one for the next retry otherwise. Counts the
    tasks already queued or running, so it can be called any number of times."""
    now = timezone.now()
    wake_up = Delivery.objects.filter(edition_id=edition_id).next_wake_up()
    if wake_up is None:
        return 0
    count = conf.get("PARALLEL_TASKS") if wake_up <= now else 1
    return keep_queued(edition_id, count=count, by=max(wake_up, now), count_running=True)
