"""Partnerships between bodies and the signed agreements that frame them."""

import datetime
from dataclasses import dataclass

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Exists, F, Max, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from core import search
from core.dates import Precision, first_day, format_partial_date, last_day, months_later
from core.models import (
    NaturalKeyModel,
    PublicPageModel,
    Publishable,
    PublishableQuerySet,
    RichTextField,
    published_condition,
)
from core.search import NAME_COLLATION

from .actors import Body, Domain, Office, Person, check_office_holder, fill_office


@dataclass
class TimelineEntry:
    kind: str  # "agreement", "delegation" or "article"
    day: datetime.date | None
    item: object


def status_on(day):
    """The status its published agreements give on `day` (in force: active; all expired: ended),
    else staff's."""
    agreements = Agreement.objects.published().filter(partnership=OuterRef("pk"))
    in_force = agreements.in_force(day)
    # An agreement renewed by a later one no longer counts as open-ended. (NOT EXISTS per row:
    # `renewed_by__isnull` would join every agreement to its renewals once per statement.)
    renewed = Agreement.objects.filter(renews=OuterRef("pk"))
    open_ended = agreements.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day)).filter(
        ~Exists(renewed)
    )
    expired = agreements.filter(valid_until__lt=day)
    return models.Case(
        models.When(Exists(in_force), then=models.Value(Partnership.Status.ACTIVE)),
        models.When(Exists(expired) & ~Exists(open_ended), then=models.Value(Partnership.Status.ENDED)),
        default=F("status"),
        output_field=models.CharField(),
    )


def active_until_on(day):
    """The end of the latest published agreement in force on `day`: « actif jusqu'en 2029 »."""
    in_force = Agreement.objects.published().filter(partnership=OuterRef("pk")).in_force(day).order_by()
    # An aggregate, not ORDER BY … LIMIT 1, which PostgreSQL answers by walking every agreement
    # in validity order until it meets one of this partnership's.
    latest = in_force.values("partnership").annotate(latest=Max("valid_until")).values("latest")
    return Subquery(latest)


# The folded names, trigram-indexed: the search's typo fallback.
TYPO_FIELD = "search_names"


class PartnershipQuerySet(PublishableQuerySet):
    def involving(self, body):
        return self.filter(Exists(Party.objects.filter(partnership=OuterRef("pk"), body=body)))

    def in_force_in(self, year):
        """Partnerships with a published agreement valid at some point of `year`."""
        return self.filter(
            Q(agreements__valid_from__isnull=True) | Q(agreements__valid_from__year__lte=year),
            published_condition("agreements"),
            agreements__valid_until__year__gte=year,
        ).distinct()

    def refresh_status(self, on=None):
        """Store each partnership's status and end of validity as its agreements say on `on`."""
        on = on or timezone.localdate()
        return self.update(current_status=status_on(on), active_until=active_until_on(on))

    def status_may_have_changed(self, on=None, days=7):
        """Partnerships an agreement of which came into force or expired in the last `days` days."""
        on = on or timezone.localdate()
        since = on - datetime.timedelta(days=days)
        changed = Agreement.objects.filter(
            Q(valid_from__range=(since, on)) | Q(valid_until__range=(since - datetime.timedelta(days=1), on))
        )
        return self.filter(pk__in=changed.values("partnership"))

    def with_parties(self):
        return self.prefetch_related(
            Prefetch("parties", queryset=Party.objects.select_related("body__country"))
        )

    def for_listing(self):
        # The search columns weigh more than the rest of the row and are never shown (search_c
        # is, as a snippet on SQLite).
        return (
            self.defer("search_a", "search_b", "search_d", "search_vector", "search_phrases", "search_names")
            .with_parties()
            .prefetch_related("domains")
        )

    def in_country(self, country):
        return self.filter(Exists(Party.objects.filter(partnership=OuterRef("pk"), body__country=country)))

    def covering(self, domains):
        """Partnerships with one of `domains`, their own or a priority domain of one of their
        published agreements."""
        own = Partnership.domains.through.objects.filter(partnership=OuterRef("pk"), domain__in=domains)
        agreed = AgreementDomain.objects.filter(
            published_condition("agreement"), agreement__partnership=OuterRef("pk"), domain__in=domains
        )
        return self.filter(Exists(own) | Exists(agreed))

    def tagged(self, tag):
        return self.filter(Exists(TaggedPartnership.objects.filter(content_object=OuterRef("pk"), tag=tag)))

    def search(self, q):
        """Partnerships matching the words of `q` (websearch syntax on PostgreSQL), with a `rank`."""
        return search.full_text(
            self, q, Partnership.SEARCH_WEIGHTS, headline=F("search_c"), typo_field=TYPO_FIELD
        )

    def rank_candidates(self, q):
        """The keys of the matches `search` ranks, or None when it ranks them otherwise."""
        return search.rank_candidates(self, q, typo_field=TYPO_FIELD)


class TaggedPartnership(NaturalKeyModel, TaggedItemBase):
    content_object = models.ForeignKey("Partnership", on_delete=models.CASCADE)

    natural_key_fields = ("content_object__slug", "tag__name")

    class Meta:
        verbose_name = _("mot-clé du partenariat")
        verbose_name_plural = _("mots-clés des partenariats")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="tagged_partnership_unique")
        ]


class Partnership(Publishable, PublicPageModel):
    class Kind(models.TextChoices):
        TWINNING = "twinning", _("jumelage")
        COOPERATION = "cooperation", _("accord de coopération")
        FRIENDSHIP = "friendship", _("amitié")
        INFORMAL = "informal", _("lien informel")

    class Status(models.TextChoices):
        ACTIVE = "active", _("actif")
        DORMANT = "dormant", _("en sommeil")
        ENDED = "ended", _("terminé")

    name = models.CharField(
        _("nom"), max_length=200, db_collation=NAME_COLLATION, help_text=_("Par exemple « Hué – Namur ».")
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    bodies = models.ManyToManyField(
        Body, through="Party", related_name="partnerships", verbose_name=_("parties")
    )
    started_on = models.DateField(_("début"), null=True, blank=True)
    started_precision = models.CharField(
        _("précision du début"), max_length=5, choices=Precision.choices, default=Precision.YEAR
    )
    status = models.CharField(
        _("statut"),
        max_length=10,
        choices=Status.choices,
        default=Status.ACTIVE,
        help_text=_(
            "Utilisé quand les accords ne permettent pas de le déduire "
            "(aucun accord daté en vigueur ni expiré)."
        ),
    )
    # Derived from the agreements and `status`, stored so that listings filter, count and sort on
    # a column: refreshed with the search data after each edit, and daily (refresh_partnership_status).
    current_status = models.CharField(
        _("statut actuel"), max_length=10, choices=Status.choices, default=Status.ACTIVE, editable=False
    )
    active_until = models.DateField(_("en vigueur jusqu'au"), null=True, editable=False)
    summary = RichTextField(_("résumé"), blank=True)
    lead_image = models.ForeignKey(
        "media_library.Image",
        verbose_name=_("image principale"),
        # PROTECT: deleting an image still shown as a lead image is refused, and the admin lists
        # where it is used, rather than pages silently losing their picture.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partnerships",
        help_text=_("Une photo des deux villes ou de leur coopération, choisie dans la médiathèque."),
    )
    domains = models.ManyToManyField(
        Domain, blank=True, related_name="partnerships", verbose_name=_("domaines")
    )
    tags = TaggableManager(through=TaggedPartnership, blank=True, verbose_name=_("mots-clés"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # What search reads, gathered from the partnership and its related rows by weight (A counts
    # most); kept current by cooperation/indexing.py.
    search_a = models.TextField(editable=False, blank=True, default="")
    search_b = models.TextField(editable=False, blank=True, default="")
    search_c = models.TextField(editable=False, blank=True, default="")
    search_d = models.TextField(editable=False, blank=True, default="")
    search_vector = SearchVectorField(null=True, editable=False)
    # The vector with its pairs of adjacent words, for phrases (cooperation.0018; PostgreSQL).
    search_phrases = SearchVectorField(null=True, editable=False)
    # search_a folded (« hue – namur »), trigram-indexed on PostgreSQL for the typo fallback.
    search_names = models.TextField(editable=False, blank=True, default="")

    SEARCH_WEIGHTS = {"A": "search_a", "B": "search_b", "C": "search_c", "D": "search_d"}
    # Phrases are looked up in search_phrases (core.search.PhraseMatch).
    SEARCH_PHRASE_INDEX = True
    url_name = "cooperation:partnership-detail"

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("partenariat")
        verbose_name_plural = _("partenariats")
        indexes = [
            models.Index(fields=["name", "id"], name="partnership_name_idx"),  # every row: the admin
            models.Index(fields=["current_status"], name="partnership_status_idx"),
            models.Index(fields=["publication", "publish_at"], name="partnership_publication_idx"),
            # The sitemap index's « last changed » of the section: the newest published row.
            models.Index(
                fields=["-updated_at"], condition=Q(publication="published"), name="partnership_updated_idx"
            ),
            # Published rows by name, covering: the directory's snapshot (cooperation/directory.py)
            # and the lists by name read it alone, not the wide rows with their search columns.
            models.Index(
                fields=["name", "id"],
                include=["publish_at", "kind", "current_status", "started_on"],
                condition=Q(publication="published"),
                name="partnership_directory_idx",
            ),
        ]

    def save(self, *args, **kwargs):
        self.started_on = first_day(self.started_on, self.started_precision)
        super().save(*args, **kwargs)

    @property
    def started(self):
        return format_partial_date(self.started_on, self.started_precision)

    def all_domains(self):
        """Its own domains and its agreements' priority domains (prefetch both to save queries;
        the agreements prefetched are those shown: published ones on public pages)."""
        found = {domain.pk: domain for domain in self.domains.all()}
        for agreement in self.agreements.all():
            found.update((link.domain_id, link.domain) for link in agreement.domain_links.all())
        return sorted(found.values(), key=lambda domain: search.name_key(domain.name))

    def domain_ids(self):
        """A subquery: its own domains and its published agreements' priority domains.

        Two semi-joins, not one filter with OR across two multi-valued relations, which joins
        every partnership's domains to every agreement's (minutes at 100,000 partnerships).
        """
        own = Partnership.domains.through.objects.filter(partnership=self).values("domain")
        agreed = AgreementDomain.objects.filter(published_condition("agreement"), agreement__partnership=self)
        agreed = agreed.values("domain")
        return Domain.objects.filter(Q(pk__in=own) | Q(pk__in=agreed)).values("pk")

    def timeline(self, articles=()):
        """Its agreements, delegations (prefetch both) and `articles`, oldest first, undated last."""
        # A date known only to the month or the year sorts at its end, after the exact ones.
        entries = (
            [
                TimelineEntry("agreement", last_day(a.signed_on, a.signed_precision) or a.valid_from, a)
                for a in self.agreements.all()
            ]
            + [TimelineEntry("delegation", d.start_on, d) for d in self.delegations.all()]
            + [TimelineEntry("article", last_day(a.published_on, a.date_precision), a) for a in articles]
        )
        return sorted(entries, key=lambda entry: (entry.day is None, entry.day or datetime.date.min))


class Party(NaturalKeyModel):
    """A body taking part in a partnership."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="parties", verbose_name=_("partenariat")
    )
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="participations", verbose_name=_("acteur")
    )

    natural_key_fields = ("partnership__slug", "body__slug")

    class Meta:
        ordering = ["partnership", "pk"]
        verbose_name = _("partie")
        verbose_name_plural = _("parties")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "body"],
                name="party_unique_body_per_partnership",
                violation_error_message=_(
                    "Un même acteur ne peut être partie deux fois au même partenariat."
                ),
            )
        ]

    def __str__(self):
        return str(self.body)


class AgreementQuerySet(PublishableQuerySet):
    def in_force(self, day=None):
        """Agreements whose stated period of validity covers `day` (undated ones are unknown)."""
        day = day or timezone.localdate()
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            valid_until__isnull=False,
            valid_until__gte=day,
        )

    def not_renewed(self):
        return self.filter(~Exists(Agreement.objects.filter(renews=OuterRef("pk"))))

    def expiring(self, months=6, on=None):
        """Agreements that end within `months` of `on` (today), with no renewal yet, soonest first."""
        on = on or timezone.localdate()
        until = months_later(on, months)
        return self.not_renewed().filter(valid_until__range=(on, until)).order_by("valid_until", "pk")

    def lapsed(self, on=None):
        """Expired agreements no later one renews, whose partnership has no agreement in force now:
        the partnerships that may have lapsed. The most recently expired first."""
        on = on or timezone.localdate()
        in_force = Agreement.objects.filter(partnership=OuterRef("partnership")).in_force(on)
        return (
            self.not_renewed()
            .filter(valid_until__lt=on)
            .filter(~Exists(in_force))
            .order_by("-valid_until", "-pk")
        )

    def with_domain_links(self):
        return self.prefetch_related(
            Prefetch("domain_links", queryset=AgreementDomain.objects.select_related("domain"))
        )

    def for_display(self):
        """Everything an agreement's entry shows: signing, signatories with their office, domains."""
        signatories = Signatory.objects.select_related("person", "office", "on_behalf_of")
        return (
            self.select_related("signed_at", "event")
            .with_domain_links()
            .prefetch_related(Prefetch("signatories", queryset=signatories))
        )


class Agreement(Publishable, PublicPageModel):
    """A signed text framing a partnership: « Protocole de coopération 2024-2029 »."""

    class Kind(models.TextChoices):
        COOPERATION_AGREEMENT = "cooperation_agreement", _("accord de coopération")
        PROTOCOL = "protocol", _("protocole de coopération")
        ENTENTE = "entente", _("entente")
        TWINNING_CHARTER = "twinning_charter", _("charte de jumelage")
        MEMORANDUM = "memorandum", _("mémorandum d'entente")
        OTHER = "other", _("autre")

    partnership = models.ForeignKey(
        Partnership,
        verbose_name=_("partenariat"),
        on_delete=models.CASCADE,
        related_name="agreements",
    )
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("titre"), max_length=250)
    signed_on = models.DateField(_("signé le"), null=True, blank=True)
    signed_precision = models.CharField(
        _("précision de la date de signature"),
        max_length=5,
        choices=Precision.choices,
        default=Precision.DAY,
    )
    signed_at = models.ForeignKey(
        Body,
        verbose_name=_("signé à"),
        on_delete=models.PROTECT,
        related_name="agreements_signed_here",
        null=True,
        blank=True,
        help_text=_("La ville où l'accord a été signé."),
    )
    event = models.ForeignKey(
        "Event",
        verbose_name=_("événement"),
        on_delete=models.SET_NULL,
        related_name="agreements",
        null=True,
        blank=True,
    )
    valid_from = models.DateField(_("en vigueur du"), null=True, blank=True)
    valid_from_precision = models.CharField(
        _("précision du début"), max_length=5, choices=Precision.choices, default=Precision.YEAR
    )
    valid_until = models.DateField(_("jusqu'au"), null=True, blank=True)
    valid_until_precision = models.CharField(
        _("précision de la fin"), max_length=5, choices=Precision.choices, default=Precision.YEAR
    )
    summary = RichTextField(_("résumé"), blank=True)
    basis = models.TextField(_("fondements"), blank=True, help_text=_("Ce sur quoi l'accord se fonde."))
    aims = models.TextField(_("objectifs"), blank=True, help_text=_("Un objectif par ligne."))
    renews = models.ForeignKey(
        "self",
        verbose_name=_("renouvelle"),
        on_delete=models.SET_NULL,
        related_name="renewed_by",
        null=True,
        blank=True,
    )
    domains = models.ManyToManyField(
        Domain,
        through="AgreementDomain",
        related_name="agreements",
        blank=True,
        verbose_name=_("domaines prioritaires"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    url_name = "cooperation:agreement-detail"
    name_field = "title"

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-signed_on", "title"]
        verbose_name = _("accord")
        verbose_name_plural = _("accords")
        indexes = [
            models.Index(fields=["valid_until"], name="agreement_valid_until_idx"),
            models.Index(fields=["publication", "publish_at"], name="agreement_publication_idx"),
            # The sitemap index's « last changed » of the section: the newest published row.
            models.Index(
                fields=["-updated_at"], condition=Q(publication="published"), name="agreement_updated_idx"
            ),
            # Covering, for the directory's snapshot: agreement -> partnership and validity years.
            models.Index(
                fields=["partnership", "id"],
                include=["publication", "publish_at", "valid_from", "valid_until"],
                name="agreement_spans_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=F("valid_from")),
                name="agreement_valid_until_after_from",
                violation_error_message=_("La fin de validité ne peut précéder son début."),
            ),
        ]

    def save(self, *args, **kwargs):
        self.normalise_dates()
        super().save(*args, **kwargs)

    def clean(self):
        # Store partial dates as the days they stand for, so the constraints compare those.
        self.normalise_dates()

    def normalise_dates(self):
        self.valid_from = first_day(self.valid_from, self.valid_from_precision)
        self.valid_until = last_day(self.valid_until, self.valid_until_precision)
        self.signed_on = first_day(self.signed_on, self.signed_precision)

    @property
    def signed(self):
        return format_partial_date(self.signed_on, self.signed_precision)

    @property
    def period(self):
        """« 2024–2029 », « depuis 2024 », « jusqu'en 2029 » or ""."""
        start = format_partial_date(self.valid_from, self.valid_from_precision)
        end = format_partial_date(self.valid_until, self.valid_until_precision)
        if start and end:
            return f"{start}–{end}" if " " not in start + end else f"{start} – {end}"
        if start:
            return _("depuis %(start)s") % {"start": start}
        if end:
            return _("jusqu'à %(end)s") % {"end": end}
        return ""

    @property
    def aim_list(self):
        return [line.strip(" •-;") for line in self.aims.splitlines() if line.strip(" •-;")]


class AgreementDomain(NaturalKeyModel):
    """A priority domain of an agreement, with what the agreement says of it."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="domain_links", verbose_name=_("accord")
    )
    domain = models.ForeignKey(
        Domain, on_delete=models.PROTECT, related_name="agreement_links", verbose_name=_("domaine")
    )
    detail = models.CharField(
        _("précision"),
        max_length=250,
        blank=True,
        help_text=_("Par exemple l'objectif « Hué Intelligente et Durable »."),
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    natural_key_fields = ("agreement__slug", "domain__slug")

    class Meta:
        ordering = ["agreement", "position", "pk"]
        verbose_name = _("domaine prioritaire")
        verbose_name_plural = _("domaines prioritaires")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "domain"],
                name="agreement_domain_unique",
                violation_error_message=_("Ce domaine figure déjà dans cet accord."),
            )
        ]

    def __str__(self):
        return f"{self.domain} — {self.detail}" if self.detail else str(self.domain)


class Signatory(NaturalKeyModel):
    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="signatories", verbose_name=_("accord")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="signatures", verbose_name=_("personne")
    )
    office = models.ForeignKey(
        Office,
        verbose_name=_("fonction à la signature"),
        on_delete=models.PROTECT,
        related_name="signatures",
        null=True,
        blank=True,
        help_text=_("Laissée vide, elle est déduite de la date de signature."),
    )
    on_behalf_of = models.ForeignKey(
        Body,
        verbose_name=_("pour"),
        on_delete=models.PROTECT,
        related_name="signatures",
        help_text=_("La partie au nom de laquelle la personne signe."),
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    natural_key_fields = ("agreement__slug", "person__slug")

    class Meta:
        ordering = ["agreement", "position", "pk"]
        verbose_name = _("signataire")
        verbose_name_plural = _("signataires")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "person"],
                name="signatory_unique_per_agreement",
                violation_error_message=_("Cette personne signe déjà cet accord."),
            )
        ]

    def __str__(self):
        return f"{self.person}, {self.office}" if self.office_id else str(self.person)

    def save(self, *args, **kwargs):
        fill_office(self, self.agreement.signed_on)
        super().save(*args, **kwargs)

    def clean(self):
        check_office_holder(self.office, self.person_id)
