"""The task worker waits out a database outage instead of exiting."""

import pytest
from django.db.utils import OperationalError
from django_tasks_db.management.commands import db_worker

from core.management.commands import worker

pytestmark = pytest.mark.django_db


def a_worker():
    return worker.Worker(
        queue_names=["default"],
        interval=1,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )


def test_the_worker_polls_again_after_the_database_went_away(monkeypatch):
    polls, pauses = [], []

    def poll(self):
        polls.append(1)
        if len(polls) < 3:
            raise OperationalError("server closed the connection unexpectedly")
        return "stopped"

    monkeypatch.setattr(db_worker.Worker, "run", poll)
    monkeypatch.setattr(worker.time, "sleep", pauses.append)
    resilient = a_worker()
    assert resilient.run() == "stopped"
    assert len(polls) == 3 and pauses == [worker.RETRY_SECONDS] * 2


def test_a_stopping_worker_does_not_wait(monkeypatch):
    def poll(self):
        self.running = False  # SIGTERM arrived
        raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr(db_worker.Worker, "run", poll)
    resilient = a_worker()
    with pytest.raises(OperationalError):
        resilient.run()


def test_the_command_runs_the_resilient_worker(monkeypatch, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    ran = []
    monkeypatch.setattr(worker.Worker, "run", lambda self: ran.append(type(self)))
    monkeypatch.setattr(worker.Worker, "configure_signals", lambda self: None)
    worker.Command().run_from_argv(["manage.py", "worker", "--batch"])
    assert ran == [worker.Worker]
