"""The newsletter's use cases that write: one function each, each in a transaction.

Sending itself (claim, SMTP, record) lives in sending.py and runs in the task worker.
"""

from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone

from . import tasks
from .emails import EditionMailer
from .models import (
    CONSENT_VERSION,
    Delivery,
    Edition,
    ErasureRecord,
    Subscriber,
    message_id_for,
    new_confirmation_key,
    normalize_email,
)


class EditionNotDraft(Exception):
    """The edition has already been sent (or is being sent): it cannot be sent again."""


def _notify(subscriber, now):
    """Queue a confirmation (pending) or a reminder (active) e-mail, at most one per hour."""
    if not subscriber.can_be_notified(now):
        return
    Subscriber.objects.filter(pk=subscriber.pk).update(notice_sent_at=now)
    transaction.on_commit(partial(tasks.send_notice.enqueue, subscriber.pk))


def request_subscription(*, email, language, domains=(), countries=(), partnerships=(), source_page=""):
    """Hand a sign-up to the task worker (tasks.subscribe).

    The request does the same work whatever the state of the address: one row in the task queue.
    Looking the address up here would let anyone time the answer to learn whether it is subscribed.
    """
    tasks.subscribe.enqueue(
        email=normalize_email(email),
        language=language,
        domains=[domain.pk for domain in domains],
        countries=[country.pk for country in countries],
        partnerships=[partnership.pk for partnership in partnerships],
        source_page=source_page[:200],
        consent_at=timezone.now().isoformat(),
    )


@transaction.atomic
def subscribe(*, email, language, domains=(), countries=(), partnerships=(), source_page="", at=None):
    """Record a sign-up made at `at`; nobody is told the address's state (no enumeration).

    A new or unsubscribed address becomes pending with this form's interests and consent and gets a
    confirmation link; a pending one is updated and re-sent a link; an active one is left untouched
    (anyone may type an address) and gets a reminder with its preferences link.
    """
    now = at or timezone.now()
    email = normalize_email(email)
    consent = {"consent_at": now, "consent_page": source_page[:200], "consent_version": CONSENT_VERSION}
    subscriber = Subscriber.objects.select_for_update().with_email(email).first()
    if subscriber is None:
        try:
            with transaction.atomic():
                subscriber = Subscriber.objects.create(email=email, language=language, **consent)
        except IntegrityError:  # the same address signed up at the same instant
            subscriber = Subscriber.objects.select_for_update().with_email(email).get()
    elif subscriber.status != Subscriber.Status.ACTIVE:
        if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
            subscriber.status = Subscriber.Status.PENDING
            subscriber.confirmation_key = new_confirmation_key()
        subscriber.language = language
        for field, value in consent.items():
            setattr(subscriber, field, value)
        subscriber.save()
    if subscriber.status == Subscriber.Status.PENDING:
        subscriber.domains.set(domains)
        subscriber.countries.set(countries)
        subscriber.partnerships.set(partnerships)
    _notify(subscriber, now)
    return subscriber


@transaction.atomic
def confirm(subscriber):
    """Activate a pending subscriber; False when the link was already used or is no longer valid."""
    return bool(
        Subscriber.objects.filter(
            pk=subscriber.pk,
            status=Subscriber.Status.PENDING,
            confirmation_key=subscriber.confirmation_key,
        ).update(status=Subscriber.Status.ACTIVE, confirmed_at=timezone.now(), unsubscribed_at=None)
    )


@transaction.atomic
def update_preferences(form):
    return form.save()


@transaction.atomic
def unsubscribe(subscriber):
    """Takes effect at once: deliveries not yet in a worker's hands are dropped."""
    now = timezone.now()
    Subscriber.objects.filter(pk=subscriber.pk).exclude(status=Subscriber.Status.UNSUBSCRIBED).update(
        status=Subscriber.Status.UNSUBSCRIBED,
        unsubscribed_at=now,
        confirmation_key=new_confirmation_key(),
        updated_at=now,
    )
    Delivery.objects.filter(subscriber=subscriber).unclaimed(now).update(
        status=Delivery.Status.SKIPPED, last_error="désinscription"
    )
    subscriber.refresh_from_db()


@transaction.atomic
def erase(subscriber):
    """Delete the subscriber and their deliveries; keep only proof of the withdrawal (see README)."""
    now = timezone.now()
    ErasureRecord.objects.create(
        email_hash=ErasureRecord.hash_email(subscriber.email),
        consent_at=subscriber.consent_at,
        consent_version=subscriber.consent_version,
        withdrawn_at=subscriber.unsubscribed_at or now,
    )
    subscriber.delete()


@transaction.atomic
def request_send(edition, user=None):
    """Create one delivery per active subscriber and hand them to the workers; return their number."""
    now = timezone.now()
    started = Edition.objects.filter(pk=edition.pk, status=Edition.Status.DRAFT).update(
        status=Edition.Status.SENDING, sent_at=now, sent_by=user
    )
    if not started:
        raise EditionNotDraft(edition.pk)
    subscriber_ids = Subscriber.objects.active().order_by("pk").values_list("pk", flat=True)
    deliveries = Delivery.objects.bulk_create(
        (
            Delivery(
                edition_id=edition.pk,
                subscriber_id=pk,
                next_attempt_at=now,
                message_id=message_id_for(edition.pk, pk),  # before any attempt: the same at each one
            )
            for pk in subscriber_ids
        ),
        batch_size=1000,
    )
    edition.refresh_from_db()
    if deliveries:
        transaction.on_commit(partial(tasks.queue_edition, edition.pk))
    else:
        edition.mark_complete_if_done(now)
    return len(deliveries)


def send_test(edition, email, language="fr"):
    """Send the full edition (every article) to a staff address, outside the delivery records."""
    mailer = EditionMailer(edition)
    message = mailer.message(to=email, language=language, articles=mailer.articles, test=True)
    message.subject = f"[TEST] {message.subject}"
    message.send()
