"""Tasks run by `python manage.py db_worker` (django-tasks with the django-tasks-db backend)."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from . import sending
from .models import Delivery


@task()
def send_notice(subscriber_id):
    sending.send_notice(subscriber_id)


@task()
def deliver_edition(edition_id):
    """Send what is due, then come back when retries or expired claims of this edition are due.

    django-tasks does not retry a task: the retry schedule is kept on each Delivery instead.
    """
    counts = sending.deliver(edition_id)
    wake_up = Delivery.objects.filter(edition_id=edition_id).next_wake_up()
    if wake_up is not None and deliver_edition.get_backend().supports_defer:
        run_after = max(wake_up, timezone.now()) + timedelta(seconds=1)
        deliver_edition.using(run_after=run_after).enqueue(edition_id)
    return counts
