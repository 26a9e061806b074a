"""The task worker (django-tasks-db's `db_worker`), kept alive while the database is away.

`db_worker` stops at the first database error other than a lock: a PostgreSQL restart or failover
would leave no worker running (and honcho, seeing one process end, stops them all). This one waits
and starts polling again; every option is `db_worker`'s.
"""

import logging
import time
from unittest import mock

from django.db import connections
from django.db.utils import InterfaceError, OperationalError
from django_tasks_db.management.commands import db_worker

logger = logging.getLogger("django_tasks_db")
RETRY_SECONDS = 5


class Worker(db_worker.Worker):
    def run(self):
        while True:
            try:
                return super().run()
            except (OperationalError, InterfaceError):
                if not self.running:
                    raise
                logger.warning(
                    "Database unavailable: worker %s tries again in %d s", self.worker_id, RETRY_SECONDS
                )
                connections.close_all()  # a broken connection is opened again at the next query
                time.sleep(RETRY_SECONDS)


class Command(db_worker.Command):
    help = "Run the task worker (db_worker), waiting out database outages instead of exiting."

    def handle(self, *args, **options):
        with mock.patch.object(db_worker, "Worker", Worker):
            return super().handle(*args, **options)
