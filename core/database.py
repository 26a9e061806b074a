"""A bound on every wait for PostgreSQL's answer, on the client side.

The server's `statement_timeout` ends a query that runs or waits for a lock too long, and TCP
keepalives notice a host that vanished. Neither helps when the database process is frozen while
its machine still answers TCP (a paused container, a stopped process, a hung disk): the kernel
acknowledges every packet, nothing ever comes back, and a request would wait until gunicorn kills
its worker. psycopg can stop waiting after a time (`Connection.wait(timeout=)`); this gives every
wait of a connection that bound, and turns its expiry into an OperationalError, which the 500
handler answers with the 503 page (core/views.py).
"""

import psycopg
from django.conf import settings
from psycopg import errors


class DatabaseDidNotAnswer(psycopg.OperationalError):
    pass


def bound_waits(sender, connection, **kwargs):
    """connection_created receiver: every wait on the new connection ends after
    DATABASE_ANSWER_TIMEOUT seconds (none when the setting is 0 or unset)."""
    seconds = getattr(settings, "DATABASE_ANSWER_TIMEOUT", 0)
    if connection.vendor != "postgresql" or not seconds:
        return
    raw = connection.connection
    wait = raw.wait

    def bounded_wait(gen, *args, timeout=None, **kwargs):
        try:
            return wait(gen, *args, timeout=seconds if timeout is None else timeout, **kwargs)
        except errors._WaitTimeout:
            # The connection is mid-exchange and cannot be used again; Django reconnects on the
            # next request (CONN_HEALTH_CHECKS).
            raw.pgconn.finish()
            raise DatabaseDidNotAnswer(f"the database did not answer within {seconds} s") from None

    raw.wait = bounded_wait
