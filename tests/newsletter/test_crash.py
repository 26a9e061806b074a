"""Real `db_worker` processes sending through a loopback SMTP server, killed or stopped mid-edition.

PostgreSQL only: the workers are other processes, which must see the test's committed rows.
"""

import io
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from newsletter import services
from newsletter.models import Delivery, Edition
from tests.conftest import requires_postgres
from tests.factories import make_article, make_edition

from .smtp import RecordingHandler, SMTPServer
from .test_smtp import make_subscribers

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [requires_postgres, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def start_worker(server, worker_id):
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "tests.newsletter.worker_settings",
        "NEWSLETTER_TEST_DATABASE": connection.settings_dict["NAME"],
        "NEWSLETTER_TEST_SMTP_PORT": str(server.port),
    }
    command = [sys.executable, "manage.py", "db_worker", "--worker-id", worker_id, "--interval", "0.2"]
    command += ["--no-startup-delay", "--no-reload", "--verbosity", "0"]
    return subprocess.Popen(command, cwd=ROOT, env=env)


def wait_for(condition, what, seconds=120):
    """Poll `condition` (a guard against a hang, not a measure of speed)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"still waiting for {what}"
        time.sleep(0.05)


def start_edition(settings, subscribers):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    make_subscribers(subscribers)
    edition = make_edition(make_article("Restaurer la citadelle"))
    services.request_send(edition)  # committed at once: its two tasks are queued
    return edition


def copies(handler):
    """{address: [Message-ID of each copy received]}."""
    received = {}
    for recipients, message in handler.messages:
        for address in recipients:
            received.setdefault(address, []).append(message["Message-ID"])
    return received


def test_a_worker_killed_mid_edition_sends_one_message_twice_at_most(settings):
    with SMTPServer(RecordingHandler()) as server:
        edition = start_edition(settings, subscribers=400)
        victim, survivor = start_worker(server, "victime"), start_worker(server, "survivant")
        try:
            wait_for(lambda: len(server.handler.messages) >= 100, "the first hundred messages")
            victim.send_signal(signal.SIGKILL)
            victim.wait()
            wait_for(lambda: Edition.objects.get(pk=edition.pk).status == Edition.Status.SENT, "the end")
        finally:
            survivor.terminate()
            victim.kill()
        assert survivor.wait(timeout=30) == 0
    received = copies(server.handler)
    message_ids = dict(Delivery.objects.values_list("subscriber__email", "message_id"))
    assert set(received) == set(message_ids)  # none lost
    twice = {address: ids for address, ids in received.items() if len(ids) > 1}
    assert len(twice) <= 1 and all(len(ids) == 2 for ids in twice.values())
    for address, ids in received.items():
        assert set(ids) == {message_ids[address]}  # every copy of a delivery has its Message-ID
    assert Counter(Delivery.objects.values_list("status", flat=True)) == {"sent": 400}
    # The killed worker's task does not stay RUNNING: the next look at the queue fails it.
    settings.NEWSLETTER_LEASE_SECONDS = 2  # as in the workers

    def killed_task_failed():
        call_command("newsletter_resume", stdout=io.StringIO())
        return DBTaskResult.objects.get(worker_ids__contains=["victime"]).status == TaskResultStatus.FAILED

    wait_for(killed_task_failed, "the killed worker's task to be failed")
    killed = DBTaskResult.objects.get(worker_ids__contains=["victime"])
    assert killed.exception_class_path == "newsletter.tasks.WorkerLost"
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).exists()


def test_sigterm_stops_a_worker_after_the_message_on_its_way(settings):
    handler = RecordingHandler()
    worker = None
    accept = handler.handle_DATA

    async def terminate_during_the_fifteenth(server, session, envelope):
        if len(handler.messages) == 14:
            worker.send_signal(signal.SIGTERM)
        return await accept(server, session, envelope)

    handler.handle_DATA = terminate_during_the_fifteenth
    with SMTPServer(handler) as server:
        edition = start_edition(settings, subscribers=200)
        worker = start_worker(server, "arret")
        try:
            assert worker.wait(timeout=60) == 0
        finally:
            worker.kill()
    assert len(handler.messages) == 15  # not one more after the signal
    deliveries = Delivery.objects.filter(edition=edition)
    assert deliveries.filter(status=Delivery.Status.SENT).count() == 15
    rest = deliveries.filter(status=Delivery.Status.PENDING)
    assert rest.count() == 185 and not rest.exclude(claim_token=None).exists()  # handed back
    [stopped] = DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL)
    assert stopped.return_value == {"sent": 15, "skipped": 0, "released": 5}
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1  # for the next worker
