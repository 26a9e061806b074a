"""Subscribers with their consent, editions written by staff, and one delivery per (edition, subscriber)."""

import secrets
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models, transaction
from django.db.models import Count, Min, Q
from django.db.models.functions import Coalesce, Greatest, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from cooperation.models import Country, Domain, Partnership

from .conf import NOTICE_INTERVAL

# Bump whenever templates/newsletter/includes/consent_text.html changes: each subscriber keeps the
# version they agreed to.
CONSENT_VERSION = "2026-11"


def normalize_email(value):
    """Strip spaces and lower-case the domain; the local part is kept as typed (RFC 5321)."""
    local, _at, domain = "".join(value.split()).rpartition("@")
    return f"{local}@{domain.lower()}" if local else value.strip()


def new_token():
    return secrets.token_urlsafe(32)


def new_confirmation_key():
    return secrets.token_urlsafe(16)


class SubscriberQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Subscriber.Status.ACTIVE)

    def with_email(self, email):
        """Case-insensitive match that uses the unique index on LOWER(email)."""
        return self.alias(email_lower=Lower("email")).filter(email_lower=normalize_email(email).lower())


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("en attente de confirmation")
        ACTIVE = "active", _("abonné")
        UNSUBSCRIBED = "unsubscribed", _("désinscrit")

    email = models.EmailField(_("adresse électronique"), max_length=254)
    language = models.CharField(_("langue"), max_length=2, choices=settings.LANGUAGES, default="fr")
    status = models.CharField(
        _("statut"), max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    domains = models.ManyToManyField(
        Domain, blank=True, related_name="newsletter_subscribers", verbose_name=_("domaines suivis")
    )
    countries = models.ManyToManyField(
        Country, blank=True, related_name="newsletter_subscribers", verbose_name=_("pays suivis")
    )
    partnerships = models.ManyToManyField(
        Partnership,
        blank=True,
        related_name="newsletter_subscribers",
        verbose_name=_("partenariats suivis"),
    )
    token = models.CharField(
        _("jeton de gestion"), max_length=64, unique=True, default=new_token, editable=False
    )
    confirmation_key = models.CharField(max_length=32, default=new_confirmation_key, editable=False)
    consent_at = models.DateTimeField(_("consentement donné le"), null=True, blank=True)
    consent_page = models.CharField(_("page du consentement"), max_length=200, blank=True)
    consent_version = models.CharField(_("version du texte de consentement"), max_length=20, blank=True)
    notice_sent_at = models.DateTimeField(
        _("dernier courriel de confirmation"),
        null=True,
        blank=True,
        help_text=_("Un courriel de confirmation ou de rappel par heure au plus."),
    )
    confirmed_at = models.DateTimeField(_("confirmé le"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("désinscrit le"), null=True, blank=True)
    created_at = models.DateTimeField(_("inscrit le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("abonné")
        verbose_name_plural = _("abonnés")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="newsletter_subscriber_email_ci_unique"),
        ]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = normalize_email(self.email)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("newsletter:preferences", args=[self.token])

    def can_be_notified(self, now=None):
        now = now or timezone.now()
        return self.notice_sent_at is None or self.notice_sent_at <= now - NOTICE_INTERVAL


class ErasureRecord(models.Model):
    """What is left once a subscriber deletes their data: proof that, and when, consent was withdrawn."""

    email_hash = models.CharField(_("empreinte de l'adresse"), max_length=64, db_index=True)
    consent_at = models.DateTimeField(_("consentement donné le"), null=True, blank=True)
    consent_version = models.CharField(_("version du texte de consentement"), max_length=20, blank=True)
    withdrawn_at = models.DateTimeField(_("consentement retiré le"))
    erased_at = models.DateTimeField(_("données effacées le"), auto_now_add=True)

    class Meta:
        ordering = ["-erased_at"]
        verbose_name = _("effacement de données")
        verbose_name_plural = _("effacements de données")

    def __str__(self):
        return f"{self.email_hash[:12]}… ({self.erased_at:%Y-%m-%d})"

    @staticmethod
    def hash_email(email):
        value = normalize_email(email).lower()
        return salted_hmac("newsletter.erasure", value, algorithm="sha256").hexdigest()


class EditionQuerySet(models.QuerySet):
    def archived(self):
        """Editions whose sending has started: they make up the public archive."""
        return self.exclude(status=Edition.Status.DRAFT).order_by("-sent_at", "-pk")

    def with_progress(self):
        return self.annotate(**progress_counts("deliveries__"))


class Edition(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("brouillon")
        SENDING = "sending", _("envoi en cours")
        SENT = "sent", _("envoyée")

    subject = models.CharField(_("objet"), max_length=200)
    subject_en = models.CharField(
        _("objet en anglais"), max_length=200, blank=True, help_text=_("Laissé vide : l'objet français.")
    )
    introduction = models.TextField(_("introduction"), blank=True, help_text=_("Texte simple."))
    introduction_en = models.TextField(
        _("introduction en anglais"), blank=True, help_text=_("Laissée vide : l'introduction française.")
    )
    articles = models.ManyToManyField(
        Article, blank=True, related_name="newsletter_editions", verbose_name=_("articles")
    )
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("envoyée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("envoi lancé le"), null=True, blank=True)
    completed_at = models.DateTimeField(_("envoi terminé le"), null=True, blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("édition")
        verbose_name_plural = _("éditions")

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("newsletter:archive-detail", args=[self.pk])

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def localized_subject(self):
        return self.subject_for((get_language() or "fr")[:2])

    @property
    def localized_introduction(self):
        return self.introduction_for((get_language() or "fr")[:2])

    def subject_for(self, language):
        return self.subject_en if language == "en" and self.subject_en else self.subject

    def introduction_for(self, language):
        return self.introduction_en if language == "en" and self.introduction_en else self.introduction

    def progress(self):
        return self.deliveries.aggregate(**progress_counts())

    @classmethod
    def default_articles(cls):
        """Articles published since the last edition was sent (all published ones before the first)."""
        articles = Article.objects.published()
        last = cls.objects.archived().first()
        if last and last.sent_at:
            articles = articles.filter(published_on__gte=timezone.localdate(last.sent_at))
        return articles

    def mark_complete_if_done(self, now=None):
        if not self.deliveries.filter(status=Delivery.Status.PENDING).exists():
            Edition.objects.filter(pk=self.pk, status=self.Status.SENDING).update(
                status=self.Status.SENT, completed_at=now or timezone.now()
            )
            return True
        return False


class DeliveryQuerySet(models.QuerySet):
    def unclaimed(self, now):
        """Pending deliveries no worker holds (never claimed, or the claim has expired)."""
        return self.filter(
            Q(claimed_until__isnull=True) | Q(claimed_until__lt=now), status=Delivery.Status.PENDING
        )

    def due(self, now):
        return self.unclaimed(now).filter(next_attempt_at__lte=now)

    def held_by(self, token):
        """The pending deliveries a worker has claimed and not dealt with yet."""
        return self.filter(claim_token=token, status=Delivery.Status.PENDING)

    def claim(self, token, *, limit, lease_seconds, now=None):
        """Lease up to `limit` due deliveries to the worker whose token is `token`.

        On PostgreSQL the rows are picked with FOR UPDATE SKIP LOCKED, so concurrent workers take
        disjoint batches without waiting. SQLite has no row locks (the clause is dropped); there the
        UPDATE re-checks that each row is still due, so a row read by two workers is leased to one.
        """
        now = now or timezone.now()
        due = self.due(now)
        with transaction.atomic():
            ids = list(
                due.select_for_update(skip_locked=True).order_by("pk").values_list("pk", flat=True)[:limit]
            )
            if ids:
                due.filter(pk__in=ids).update(
                    claim_token=token, claimed_until=now + timedelta(seconds=lease_seconds)
                )

    def renew(self, token, *, lease_seconds, now=None):
        """The heartbeat: extend the lease of what the worker still holds; return how many it holds."""
        until = (now or timezone.now()) + timedelta(seconds=lease_seconds)
        return self.held_by(token).update(claimed_until=until)

    def worker_alive(self, token, now=None):
        """Whether the worker with this token renewed its lease within the lease's length.

        The deliveries a worker has dealt with keep its token and their last lease, so a worker
        between two batches still counts as alive.
        """
        return self.filter(claim_token=token, claimed_until__gte=now or timezone.now()).exists()

    def next_wake_up(self):
        """When pending work (a retry, an expired claim) next becomes due, or None when none is left."""
        return self.filter(status=Delivery.Status.PENDING).aggregate(
            at=Min(Greatest("next_attempt_at", Coalesce("claimed_until", "next_attempt_at")))
        )["at"]


def message_id_for(edition_id, subscriber_id):
    """The Message-ID of one edition's copy for one subscriber: the same at every attempt, so that
    a copy sent again after a crash can be recognised as a duplicate by the receiving side."""
    digest = salted_hmac("newsletter.message-id", f"{edition_id}:{subscriber_id}", algorithm="sha256")
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<lettre.{edition_id}.{digest.hexdigest()[:32]}@{host}>"


class Delivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("à envoyer")
        SENT = "sent", _("envoyé")
        FAILED = "failed", _("échec")
        SKIPPED = "skipped", _("sans objet")

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("édition")
    )
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("abonné")
    )
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    next_attempt_at = models.DateTimeField(_("prochaine tentative"), default=timezone.now)
    claimed_until = models.DateTimeField(_("réservé jusqu'à"), null=True, blank=True)
    # The worker (its task's id) that holds the delivery, or last held it once it is dealt with.
    claim_token = models.UUIDField(null=True, blank=True, editable=False)
    message_id = models.CharField(_("identifiant du message (Message-ID)"), max_length=200, blank=True)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)
    last_error = models.TextField(_("dernière erreur"), blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["edition", "pk"]
        verbose_name = _("envoi")
        verbose_name_plural = _("envois")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "subscriber"], name="newsletter_delivery_unique_edition_subscriber"
            ),
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status="pending"),
                name="newsletter_delivery_due_idx",
            ),
            models.Index(fields=["claim_token"], name="newsletter_delivery_claim_idx"),
        ]

    def __str__(self):
        return f"{self.edition} → {self.subscriber}"

    def save(self, *args, **kwargs):
        if not self.message_id:
            self.message_id = message_id_for(self.edition_id, self.subscriber_id)
        super().save(*args, **kwargs)


def progress_counts(lookup=""):
    """Delivery counts per status: aggregate() over deliveries, or annotate() editions with "deliveries__"."""
    return {
        f"{status}_count": Count(f"{lookup}pk", filter=Q(**{f"{lookup}status": status}))
        for status in Delivery.Status.values
    }
