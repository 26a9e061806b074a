"""Everything that talks to the SMTP server; runs in the task worker (python manage.py db_worker).

Delivery is at least once, and a crash sends at most one message twice per worker:
- a worker claims a batch of due deliveries with a short lease (`claimed_until`, LEASE_SECONDS) and
  renews it every sixth of the lease while it sends (the heartbeat). A worker that dies stops
  renewing: once its lease has run out, another worker takes its deliveries up;
- each message is recorded as sent as soon as the SMTP server has accepted it, so a worker killed
  between the server's acceptance and that write leaves one message to be sent again; that copy
  carries the same Message-ID (stored on the Delivery), so receiving servers can tell it apart;
- SIGTERM or SIGINT makes the worker finish the message on its way, hand back the rest of its batch
  and stop.

Two workers never hold the same delivery: claims are taken with SELECT … FOR UPDATE SKIP LOCKED
(PostgreSQL) and an UPDATE that re-checks the row is still due (SQLite, which has no row locks).
"""

import logging
import signal
import smtplib
import threading
import uuid
from collections import defaultdict
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection
from django.db.models import F
from django.utils import timezone

from articles.models import Article

from . import conf
from .emails import EditionMailer, already_subscribed_email, confirmation_email, interests_of
from .models import Delivery, Edition, Subscriber, message_id_for

logger = logging.getLogger(__name__)


def send_notice(subscriber_id):
    """The confirmation link (pending) or the reminder with the preferences link (active)."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None or subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return
    if subscriber.status == Subscriber.Status.PENDING:
        message = confirmation_email(subscriber)
    else:
        message = already_subscribed_email(subscriber)
    try:
        message.send()
    except Exception:
        # Let the next sign-up attempt send it again instead of waiting for the hourly limit.
        Subscriber.objects.filter(pk=subscriber_id).update(notice_sent_at=None)
        raise


def is_permanent(exc):
    """A refusal of this recipient or message (5xx); everything else may succeed later."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in exc.recipients.values()]
        return bool(codes) and all(500 <= code < 600 for code in codes)
    if isinstance(exc, smtplib.SMTPSenderRefused | smtplib.SMTPAuthenticationError):
        return False  # our side is misconfigured, not the recipient's fault
    if isinstance(exc, smtplib.SMTPResponseException):
        return 500 <= exc.smtp_code < 600
    if isinstance(exc, smtplib.SMTPException | OSError):
        return False
    return True  # a message that cannot be built: retrying will not help


def breaks_connection(exc):
    """Whether the SMTP session is unusable after `exc`.

    A refused recipient, sender or message leaves the session usable (smtplib resets it with RSET):
    only a lost or closing connection does not. SMTPException derives from OSError, hence the order.
    """
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return True
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code == 421  # the server is closing the channel
    return isinstance(exc, OSError) and not isinstance(exc, smtplib.SMTPException)


def describe(exc):
    return f"{type(exc).__name__}: {exc}"[:1000]


def retry_change(attempts, exc, failed_at):
    """What to write on a delivery whose attempt number `attempts` failed at `failed_at`."""
    if is_permanent(exc) or attempts >= conf.get("MAX_ATTEMPTS"):
        return {"status": Delivery.Status.FAILED}
    delay = conf.get("RETRY_BASE_SECONDS") * 2 ** (attempts - 1)
    return {"next_attempt_at": failed_at + timedelta(seconds=delay)}


class Worker:
    """The claim/send loop; one per thread or process. Mailers are kept across batches.

    `token` identifies the worker in its claims (a task's id, so that a dead task can be told from a
    live one); `clock` gives the time of claims, heartbeats and retries (tests fix it).
    """

    def __init__(self, *, batch_size=None, lease_seconds=None, token=None, clock=timezone.now):
        self.batch_size = batch_size or conf.get("BATCH_SIZE")
        self.lease_seconds = lease_seconds or conf.get("LEASE_SECONDS")
        self.token = token or uuid.uuid4()
        self.clock = clock
        self.stopping = False
        self.mailers = {}

    @property
    def heartbeat(self):
        return timedelta(seconds=self.lease_seconds / 6)

    @property
    def smtp_timeout(self):
        """Each SMTP exchange ends well within the lease, so a hung server cannot outlast it."""
        return min(settings.EMAIL_TIMEOUT or self.lease_seconds, self.lease_seconds / 4)

    def stop(self):
        """Finish the message on its way, hand back the rest of the batch, claim nothing more."""
        self.stopping = True

    def run(self, edition_id=None):
        """Send batches until nothing is due (or until stopped); return the counts per outcome."""
        totals = defaultdict(int)
        with commits_without_waiting_for_the_disk():
            while not self.stopping:
                counts = self.run_batch(edition_id)
                if counts is None:
                    break
                for key, value in counts.items():
                    totals[key] += value
        editions = Edition.objects.filter(status=Edition.Status.SENDING)
        if edition_id is not None:
            editions = editions.filter(pk=edition_id)
        for edition in editions:
            edition.mark_complete_if_done()
        return dict(totals)

    def run_batch(self, edition_id=None):
        now = self.clock()
        Delivery.objects.filter(**({"edition_id": edition_id} if edition_id else {})).claim(
            self.token, limit=self.batch_size, lease_seconds=self.lease_seconds, now=now
        )
        deliveries = list(Delivery.objects.held_by(self.token).select_related("subscriber").order_by("pk"))
        if not deliveries:
            return None
        batch = Batch(self, deliveries, now)
        batch.send(
            self.mailers_for({delivery.edition_id for delivery in deliveries}),
            interests_of([delivery.subscriber_id for delivery in deliveries]),
        )
        return batch.counts

    def mailers_for(self, edition_ids):
        """A mailer per edition, built again when one of its articles went offline (or online)."""
        online = defaultdict(set)
        rows = Article.objects.published().filter(newsletter_editions__in=edition_ids)
        for edition_id, article_id in rows.values_list("newsletter_editions", "pk"):
            online[edition_id].add(article_id)
        for edition_id in edition_ids:
            mailer = self.mailers.get(edition_id)
            if mailer is None or mailer.article_ids != online[edition_id]:
                self.mailers[edition_id] = EditionMailer(Edition.objects.get(pk=edition_id))
        return self.mailers


class Batch:
    """One claimed batch, sent over one SMTP connection.

    A sent message is recorded at once (one UPDATE); the other outcomes send nothing, so they are
    written together at each heartbeat and at the end.
    """

    def __init__(self, worker, deliveries, now):
        self.worker = worker
        self.deliveries = deliveries
        self.renewed_at = now
        self.lost = set()  # deliveries another worker took over while this one was too slow
        self.skipped, self.released, self.errors = [], [], []  # errors: (delivery, exc, failed_at)
        self.counts = defaultdict(int)
        self.connection = None

    def send(self, mailers, interests):
        try:
            for index, delivery in enumerate(self.deliveries):
                if self.worker.stopping:
                    self.released.extend(rest.pk for rest in self.deliveries[index:])
                    break
                if self.worker.clock() - self.renewed_at >= self.worker.heartbeat:
                    self.renew(self.deliveries[index:])
                if delivery.pk in self.lost:
                    continue
                unreachable = self.send_one(delivery, mailers[delivery.edition_id], interests)
                if unreachable:  # the rest of the batch is retried later
                    failed_at = self.worker.clock()
                    rest = self.deliveries[index + 1 :]
                    self.errors.extend((other, unreachable, failed_at) for other in rest)
                    break
        finally:
            close_quietly(self.connection)
            self.flush()

    def send_one(self, delivery, mailer, interests):
        """Send one delivery and note its outcome; return the error when the server is unreachable."""
        subscriber = delivery.subscriber
        if subscriber.status != Subscriber.Status.ACTIVE:
            self.skipped.append(delivery.pk)
            return None
        try:
            message = mailer.message_for(
                subscriber,
                interests[subscriber.pk],
                message_id=delivery.message_id or message_id_for(delivery.edition_id, subscriber.pk),
            )
        except Exception as exc:
            logger.exception("Cannot build delivery %s", delivery.pk)
            self.fail(delivery, exc)
            return None
        if message is None:  # nothing in this edition matches their interests
            self.skipped.append(delivery.pk)
            return None
        if self.connection is None:
            try:
                self.connection = open_connection(self.worker.smtp_timeout)
            except Exception as exc:
                self.fail(delivery, exc)
                return exc
        try:
            self.connection.send_messages([message])
        except Exception as exc:
            self.fail(delivery, exc)
            if breaks_connection(exc):
                close_quietly(self.connection)
                self.connection = None
        else:
            self.record_sent(delivery)
        return None

    def fail(self, delivery, exc):
        self.errors.append((delivery, exc, self.worker.clock()))

    def record_sent(self, delivery):
        recorded = (
            Delivery.objects.held_by(self.worker.token)
            .filter(pk=delivery.pk)
            .update(
                status=Delivery.Status.SENT,
                sent_at=self.worker.clock(),
                attempts=F("attempts") + 1,
                last_error="",
            )
        )
        if not recorded:
            logger.warning("Delivery %s was sent after another worker took it over", delivery.pk)
        self.counts["sent"] += 1

    def renew(self, rest):
        """The heartbeat: write the outcomes so far, extend the lease of the rest of the batch."""
        self.flush()
        self.renewed_at = self.worker.clock()
        held = Delivery.objects.renew(
            self.worker.token, lease_seconds=self.worker.lease_seconds, now=self.renewed_at
        )
        expected = {delivery.pk for delivery in rest} - self.lost
        if held < len(expected):  # this worker was too slow: another one took part of its batch over
            still = set(Delivery.objects.held_by(self.worker.token).values_list("pk", flat=True))
            self.lost |= expected - still
            logger.warning("%d deliveries were taken over by another worker", len(expected - still))

    def flush(self):
        held = Delivery.objects.held_by(self.worker.token)
        free = {"claimed_until": None, "claim_token": None}
        if self.skipped:
            held.filter(pk__in=self.skipped).update(status=Delivery.Status.SKIPPED)
        if self.released:
            held.filter(pk__in=self.released).update(**free)
        groups = defaultdict(list)
        for delivery, exc, failed_at in self.errors:
            attempts = delivery.attempts + 1
            change = retry_change(attempts, exc, failed_at)
            groups[(attempts, describe(exc), tuple(change.items()))].append(delivery.pk)
        for (attempts, error, change), pks in groups.items():
            change = dict(change)
            if "status" not in change:
                change |= free  # due again later, for any worker
            held.filter(pk__in=pks).update(attempts=attempts, last_error=error, **change)
            self.counts["failed" if "status" in change else "retry"] += len(pks)
        self.counts["skipped"] += len(self.skipped)
        self.counts["released"] += len(self.released)
        self.skipped, self.released, self.errors = [], [], []


def open_connection(timeout=None):
    connection = get_connection(fail_silently=False, timeout=timeout)
    connection.open()
    return connection


def close_quietly(connection):
    if connection is None:
        return
    try:
        connection.close()
    except Exception:  # the server may already be gone
        logger.debug("SMTP close failed", exc_info=True)


@contextmanager
def commits_without_waiting_for_the_disk():
    """PostgreSQL's asynchronous commit for the worker's writes (one per message sent).

    A commit that waits for the disk costs 4–6 ms here, more than sending the message. A worker
    killed after a commit loses nothing (PostgreSQL has the commit); only a crash of PostgreSQL itself
    may lose the last fraction of a second of records, whose messages are then sent again, with
    the same Message-ID: still at least once.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
    try:
        yield
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SET synchronous_commit TO DEFAULT")
        except Exception:  # the connection is gone (or the transaction broken): so is the setting
            logger.debug("Cannot reset synchronous_commit", exc_info=True)


@contextmanager
def stop_on_signals(worker, signals=(signal.SIGTERM, signal.SIGINT)):
    """While the block runs, SIGTERM/SIGINT stop `worker` between two messages.

    The handlers found in place (db_worker's) are still called: db_worker then exits as soon as the
    task returns, and a second signal still forces it out.
    """
    if threading.current_thread() is not threading.main_thread():  # signals reach the main thread only
        yield
        return

    def handler(signum, frame):
        worker.stop()
        if callable(previous[signum]):
            previous[signum](signum, frame)

    previous = {signum: signal.signal(signum, handler) for signum in signals}
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


def deliver(edition_id=None, **options):
    return Worker(**options).run(edition_id)
