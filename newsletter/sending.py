"""Everything that talks to the SMTP server; runs in the task worker (python manage.py db_worker).

A worker claims a batch of due deliveries with a lease (claimed_until), sends the batch over one
SMTP connection, then records each outcome. Two workers never hold the same delivery: claims are
taken with SELECT … FOR UPDATE SKIP LOCKED (PostgreSQL) and an UPDATE that re-checks the row is
still due (SQLite, which has no row locks). A worker that dies mid-batch loses nothing: its claims
expire and the next run takes them up again. A worker stops sending before its lease runs out, so a
slow server cannot make a claim expire while its message is still on the way.
"""

import logging
import smtplib
import time
from collections import defaultdict
from datetime import timedelta

from django.core.mail import get_connection
from django.db.models import F
from django.utils import timezone

from . import conf
from .emails import EditionMailer, already_subscribed_email, confirmation_email, interests_of
from .models import Delivery, Edition, Subscriber

logger = logging.getLogger(__name__)

# Outcomes are written every FLUSH_EVERY messages: a worker killed between the SMTP server's
# acceptance and this write would re-send at most these few messages after its lease expires.
FLUSH_EVERY = 20


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
    return isinstance(exc, smtplib.SMTPServerDisconnected | OSError) or (
        isinstance(exc, smtplib.SMTPResponseException) and exc.smtp_code == 421
    )


def describe(exc):
    return f"{type(exc).__name__}: {exc}"[:1000]


class Outcomes:
    """Results of a claimed batch, written in a few bulk UPDATEs guarded by the claim token."""

    def __init__(self, token, now):
        self.token = token
        self.now = now
        self.sent = []
        self.skipped = []
        self.released = []
        self.errors = []  # (delivery, exception)
        self.counts = defaultdict(int)

    def __len__(self):
        return len(self.sent) + len(self.skipped) + len(self.released) + len(self.errors)

    def flush(self):
        claimed = Delivery.objects.filter(claim_token=self.token)
        free = {"claimed_until": None, "claim_token": None}
        if self.sent:
            claimed.filter(pk__in=self.sent).update(
                status=Delivery.Status.SENT,
                sent_at=timezone.now(),
                attempts=F("attempts") + 1,
                last_error="",
                **free,
            )
        if self.skipped:
            claimed.filter(pk__in=self.skipped).update(status=Delivery.Status.SKIPPED, **free)
        if self.released:
            claimed.filter(pk__in=self.released).update(**free)
        groups = defaultdict(list)
        for delivery, exc in self.errors:
            attempts = delivery.attempts + 1
            if is_permanent(exc) or attempts >= conf.get("MAX_ATTEMPTS"):
                change = {"status": Delivery.Status.FAILED}
            else:
                delay = conf.get("RETRY_BASE_SECONDS") * 2 ** (attempts - 1)
                change = {"next_attempt_at": self.now + timedelta(seconds=delay)}
            groups[(attempts, describe(exc), tuple(change.items()))].append(delivery.pk)
        for (attempts, error, change), pks in groups.items():
            claimed.filter(pk__in=pks).update(attempts=attempts, last_error=error, **dict(change), **free)
            self.counts["failed" if dict(change).get("status") else "retry"] += len(pks)
        self.counts["sent"] += len(self.sent)
        self.counts["skipped"] += len(self.skipped)
        self.counts["released"] += len(self.released)
        self.sent, self.skipped, self.released, self.errors = [], [], [], []


class Worker:
    """The claim/send loop; one per thread or process. Mailers are kept across batches."""

    def __init__(self, *, batch_size=None, lease_seconds=None):
        self.batch_size = batch_size or conf.get("BATCH_SIZE")
        self.lease_seconds = lease_seconds or conf.get("LEASE_SECONDS")
        self.mailers = {}

    def mailer(self, edition_id):
        if edition_id not in self.mailers:
            self.mailers[edition_id] = EditionMailer(Edition.objects.get(pk=edition_id))
        return self.mailers[edition_id]

    def run(self, edition_id=None, *, now=None):
        """Send batches until nothing is due; return the counts per outcome.

        `now` fixes the clock used for claims and retry times (tests); by default it is read anew
        for every batch.
        """
        totals = defaultdict(int)
        while True:
            counts = self.run_batch(edition_id, now=now)
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

    def run_batch(self, edition_id=None, *, now=None):
        now = now or timezone.now()
        token = Delivery.objects.claim(
            limit=self.batch_size, lease_seconds=self.lease_seconds, now=now, edition_id=edition_id
        )
        claimed = Delivery.objects.filter(claim_token=token).select_related("subscriber")
        deliveries = list(claimed.order_by("pk"))
        if not deliveries:
            return None
        # Stop well before the lease ends; whatever is left is released for the next batch.
        deadline = time.monotonic() + self.lease_seconds * 0.8
        interests = interests_of([delivery.subscriber_id for delivery in deliveries])
        outcomes = Outcomes(token, now)
        connection = None
        try:
            for index, delivery in enumerate(deliveries):
                if len(outcomes) >= FLUSH_EVERY:
                    outcomes.flush()
                if time.monotonic() > deadline:
                    outcomes.released.append(delivery.pk)
                    continue
                subscriber = delivery.subscriber
                if subscriber.status != Subscriber.Status.ACTIVE:
                    outcomes.skipped.append(delivery.pk)
                    continue
                try:
                    message = self.mailer(delivery.edition_id).message_for(
                        subscriber, interests[subscriber.pk]
                    )
                except Exception as exc:
                    logger.exception("Cannot build delivery %s", delivery.pk)
                    outcomes.errors.append((delivery, exc))
                    continue
                if message is None:  # nothing in this edition matches their interests
                    outcomes.skipped.append(delivery.pk)
                    continue
                if connection is None:
                    try:
                        connection = open_connection()
                    except Exception as exc:  # server unreachable: retry the rest of the batch later
                        outcomes.errors.extend((rest, exc) for rest in deliveries[index:])
                        break
                try:
                    connection.send_messages([message])
                except Exception as exc:
                    outcomes.errors.append((delivery, exc))
                    if breaks_connection(exc):
                        close_quietly(connection)
                        connection = None
                else:
                    outcomes.sent.append(delivery.pk)
        finally:
            close_quietly(connection)
            outcomes.flush()
        return outcomes.counts


def open_connection():
    connection = get_connection(fail_silently=False)
    connection.open()
    return connection


def close_quietly(connection):
    if connection is None:
        return
    try:
        connection.close()
    except Exception:  # the server may already be gone
        logger.debug("SMTP close failed", exc_info=True)


def deliver(edition_id=None, **options):
    return Worker(**options).run(edition_id)
