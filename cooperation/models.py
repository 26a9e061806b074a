"""Who cooperates with whom, under which agreements, through which visits."""

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Prefetch, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from . import search
from .dates import Precision, first_day, format_partial_date, last_day

wikidata_id_validator = RegexValidator(
    r"^Q[1-9][0-9]*$", _("Un identifiant Wikidata commence par Q suivi de chiffres (ex. Q1899).")
)


class SlugManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class CountryManager(models.Manager):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class Country(models.Model):
    code = models.CharField(
        _("code ISO 3166-1"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Deux lettres majuscules, ex. VN."))],
    )
    name_fr = models.CharField(_("nom en français"), max_length=100)
    name_en = models.CharField(_("nom en anglais"), max_length=100)
    slug = models.SlugField(unique=True)

    objects = CountryManager()

    class Meta:
        ordering = ["name_fr"]
        verbose_name = _("pays")
        verbose_name_plural = _("pays")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("cooperation:country-detail", args=[self.slug])

    def natural_key(self):
        return (self.code,)

    @property
    def name(self):
        return self.name_en if (get_language() or "fr").startswith("en") else self.name_fr


class Domain(models.Model):
    """A thematic area of cooperation (digital transition, heritage, governance…)."""

    name = models.CharField(_("nom"), max_length=120, unique=True)
    name_en = models.CharField(_("nom en anglais"), max_length=120, blank=True)
    slug = models.SlugField(unique=True)
    description = models.TextField(_("description"), blank=True)

    objects = SlugManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("domaine")
        verbose_name_plural = _("domaines")

    def __str__(self):
        if self.name_en and (get_language() or "fr").startswith("en"):
            return self.name_en
        return self.name

    def get_absolute_url(self):
        return reverse("cooperation:domain-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)


class Body(models.Model):
    """Whoever takes part in cooperation: a city, a ministry, an association, an organisation."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("commune")
        CAPITAL = "capital", _("capitale")
        REGION = "region", _("région")
        MINISTRY = "ministry", _("ministère")
        ASSOCIATION = "association", _("association de collectivités locales")
        INTERNATIONAL = "international", _("organisation internationale")
        PARTY = "party", _("parti politique")
        OTHER = "other", _("autre")

    name = models.CharField(_("nom"), max_length=200)
    short_name = models.CharField(_("sigle"), max_length=40, blank=True)
    slug = models.SlugField(unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    country = models.ForeignKey(
        Country,
        verbose_name=_("pays"),
        on_delete=models.PROTECT,
        related_name="bodies",
        null=True,
        blank=True,
        help_text=_("Vide pour une organisation internationale."),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    wikidata_id = models.CharField(
        _("identifiant Wikidata"), max_length=20, blank=True, validators=[wikidata_id_validator]
    )
    description = models.TextField(_("description"), blank=True)

    objects = SlugManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("acteur")
        verbose_name_plural = _("acteurs")
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="body_coordinates_both_or_none",
                violation_error_message=_("Indiquez la latitude et la longitude, ou aucune des deux."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("cooperation:body-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None


class Person(models.Model):
    honorific = models.CharField(_("civilité"), max_length=20, blank=True, help_text=_("M., Mme…"))
    name = models.CharField(_("nom complet"), max_length=200)
    slug = models.SlugField(unique=True)
    wikidata_id = models.CharField(
        _("identifiant Wikidata"), max_length=20, blank=True, validators=[wikidata_id_validator]
    )

    objects = SlugManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("personne")
        verbose_name_plural = _("personnes")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("cooperation:person-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    def offices_on(self, day):
        """Every office this person held on a given day (undated ends count as still held)."""
        return self.offices.held_on(day)


class OfficeQuerySet(models.QuerySet):
    def held_on(self, day):
        if day is None:
            return self.none()
        return self.filter(
            Q(start_on__isnull=True) | Q(start_on__lte=day),
            Q(end_on__isnull=True) | Q(end_on__gte=day),
        )


class OfficeManager(models.Manager.from_queryset(OfficeQuerySet)):
    def get_by_natural_key(self, person_slug, body_slug, title):
        return self.get(person__slug=person_slug, body__slug=body_slug, title=title)


class Office(models.Model):
    """A position a person holds in a body over a period: « Député-Bourgmestre de Namur »."""

    person = models.ForeignKey(
        Person, verbose_name=_("personne"), on_delete=models.CASCADE, related_name="offices"
    )
    title = models.CharField(_("fonction"), max_length=250)
    body = models.ForeignKey(
        Body, verbose_name=_("institution"), on_delete=models.PROTECT, related_name="offices"
    )
    start_on = models.DateField(_("depuis"), null=True, blank=True)
    end_on = models.DateField(_("jusqu'au"), null=True, blank=True)

    objects = OfficeManager()

    class Meta:
        ordering = ["person__name", "start_on", "title"]
        verbose_name = _("fonction")
        verbose_name_plural = _("fonctions")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "body", "title"], name="office_unique_person_body_title"
            ),
            models.CheckConstraint(
                condition=Q(end_on__isnull=True) | Q(start_on__isnull=True) | Q(end_on__gte=F("start_on")),
                name="office_end_after_start",
                violation_error_message=_("La fin d'une fonction ne peut précéder son début."),
            ),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.person.slug, self.body.slug, self.title)

    natural_key.dependencies = ["cooperation.person", "cooperation.body"]


class Event(models.Model):
    class Kind(models.TextChoices):
        GENERAL_ASSEMBLY = "general_assembly", _("assemblée générale")
        CONGRESS = "congress", _("congrès")
        FORUM = "forum", _("forum")
        MEETING = "meeting", _("réunion")
        OTHER = "other", _("autre")

    name = models.CharField(_("nom"), max_length=250)
    short_name = models.CharField(_("sigle"), max_length=40, blank=True)
    slug = models.SlugField(unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    place = models.ForeignKey(
        Body,
        verbose_name=_("lieu"),
        on_delete=models.PROTECT,
        related_name="events_held",
        null=True,
        blank=True,
        help_text=_("La ville où l'événement se tient."),
    )
    organiser = models.ForeignKey(
        Body,
        verbose_name=_("organisateur"),
        on_delete=models.PROTECT,
        related_name="events_organised",
        null=True,
        blank=True,
    )
    start_on = models.DateField(_("début"), null=True, blank=True)
    start_precision = models.CharField(
        _("précision du début"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    end_on = models.DateField(_("fin"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = SlugManager()

    class Meta:
        ordering = ["-start_on", "name"]
        verbose_name = _("événement")
        verbose_name_plural = _("événements")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__isnull=True) | Q(start_on__isnull=True) | Q(end_on__gte=F("start_on")),
                name="event_end_after_start",
                violation_error_message=_("La fin de l'événement ne peut précéder son début."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.start_on = first_day(self.start_on, self.start_precision)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("cooperation:event-detail", args=[self.slug])

    def clean(self):
        self.start_on = first_day(self.start_on, self.start_precision)

    def natural_key(self):
        return (self.slug,)

    @property
    def when(self):
        start = format_partial_date(self.start_on, self.start_precision)
        if self.end_on and self.end_on != self.start_on:
            return f"{start} – {format_partial_date(self.end_on)}"
        return start


class PartnershipQuerySet(models.QuerySet):
    def involving(self, body):
        return self.filter(parties=body)

    def with_status(self, on=None):
        """Annotate `current_status`: derived from agreements where they say, else set by staff."""
        on = on or timezone.localdate()
        agreements = Agreement.objects.filter(partnership=OuterRef("pk"))
        in_force = agreements.in_force(on)
        # An agreement renewed by a later one no longer counts as open-ended.
        open_ended = agreements.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on)).filter(
            renewed_by__isnull=True
        )
        expired = agreements.filter(valid_until__lt=on)
        return self.annotate(
            current_status=models.Case(
                models.When(Exists(in_force), then=models.Value(Partnership.Status.ACTIVE)),
                models.When(
                    Exists(expired) & ~Exists(open_ended),
                    then=models.Value(Partnership.Status.ENDED),
                ),
                default=F("status"),
                output_field=models.CharField(),
            )
        )

    def in_force_in(self, year):
        """Partnerships with an agreement valid at some point of `year`."""
        return self.filter(
            Q(agreements__valid_from__isnull=True) | Q(agreements__valid_from__year__lte=year),
            agreements__valid_until__year__gte=year,
        ).distinct()

    def with_active_until(self, on=None):
        """Annotate `active_until`: what `Partnership.in_force_until()` says, without a query per row."""
        latest = (
            Agreement.objects.filter(partnership=OuterRef("pk"))
            .in_force(on or timezone.localdate())
            .order_by("-valid_until")
            .values("valid_until")[:1]
        )
        return self.annotate(active_until=Subquery(latest))

    def for_listing(self):
        return (
            self.with_status()
            .with_active_until()
            .prefetch_related(
                Prefetch("party_links", queryset=Party.objects.select_related("body__country")), "domains"
            )
        )

    def in_country(self, country):
        return self.filter(Exists(Party.objects.filter(partnership=OuterRef("pk"), body__country=country)))

    def covering(self, domains):
        """Partnerships with one of `domains`, their own or a priority domain of one of their agreements."""
        own = Partnership.domains.through.objects.filter(partnership=OuterRef("pk"), domain__in=domains)
        agreed = AgreementDomain.objects.filter(agreement__partnership=OuterRef("pk"), domain__in=domains)
        return self.filter(Exists(own) | Exists(agreed))

    def tagged(self, tag):
        return self.filter(Exists(TaggedPartnership.objects.filter(content_object=OuterRef("pk"), tag=tag)))

    def related_to(self, partnership):
        """Other partnerships sharing a party or a domain with `partnership`."""
        bodies = Party.objects.filter(partnership=partnership).values("body")
        domains = Domain.objects.filter(
            Q(partnerships=partnership) | Q(agreement_links__agreement__partnership=partnership)
        ).values("pk")
        shares_a_party = Exists(Party.objects.filter(partnership=OuterRef("pk"), body__in=bodies))
        return self.exclude(pk=partnership.pk).filter(
            Q(shares_a_party) | Q(pk__in=Partnership.objects.covering(domains).values("pk"))
        )

    def for_open_data(self):
        return self.for_listing().prefetch_related(
            "tags",
            Prefetch(
                "agreements",
                queryset=Agreement.objects.prefetch_related(
                    Prefetch("priority_domains", queryset=AgreementDomain.objects.select_related("domain"))
                ),
            ),
        )

    def search(self, q):
        """Partnerships matching the words of `q` (websearch syntax on PostgreSQL), with a `rank`."""
        return search.full_text(
            self, q, Partnership.SEARCH_WEIGHTS, headline=F("search_c"), typo_field="search_a"
        )

    def refresh_search_index(self):
        """Rebuild the denormalised search texts (and vectors on PostgreSQL) of these partnerships."""
        partnerships = list(
            self.order_by().prefetch_related(
                Prefetch("party_links", queryset=Party.objects.select_related("body__country")),
                "domains",
                "tags",
                Prefetch("agreements", queryset=Agreement.objects.for_display()),
            )
        )
        fields = list(Partnership.SEARCH_WEIGHTS.values())
        with override("fr"):
            for partnership in partnerships:
                for field, text in zip(fields, partnership.search_texts(), strict=True):
                    setattr(partnership, field, text)
        Partnership.objects.bulk_update(partnerships, fields, batch_size=200)
        if partnerships and search.on_postgres(self):
            Partnership.objects.filter(pk__in=[p.pk for p in partnerships]).update(
                search_vector=search.vector(Partnership.SEARCH_WEIGHTS)
            )
        return len(partnerships)


class PartnershipManager(SlugManager.from_queryset(PartnershipQuerySet)):
    pass


class TaggedPartnershipManager(models.Manager):
    def get_by_natural_key(self, partnership_slug, tag_name):
        return self.get(content_object__slug=partnership_slug, tag__name=tag_name)


class TaggedPartnership(TaggedItemBase):
    content_object = models.ForeignKey("Partnership", on_delete=models.CASCADE)

    objects = TaggedPartnershipManager()

    class Meta:
        verbose_name = _("mot-clé du partenariat")
        verbose_name_plural = _("mots-clés des partenariats")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="tagged_partnership_unique")
        ]

    # Lets the seed fixtures (loaddata) find the row again, so loading twice changes nothing.
    def natural_key(self):
        return (self.content_object.slug, self.tag.name)

    natural_key.dependencies = ["cooperation.partnership", "taggit.tag"]


class Partnership(models.Model):
    class Kind(models.TextChoices):
        TWINNING = "twinning", _("jumelage")
        COOPERATION = "cooperation", _("accord de coopération")
        FRIENDSHIP = "friendship", _("amitié")
        INFORMAL = "informal", _("lien informel")

    class Status(models.TextChoices):
        ACTIVE = "active", _("actif")
        DORMANT = "dormant", _("en sommeil")
        ENDED = "ended", _("terminé")

    name = models.CharField(_("nom"), max_length=200, help_text=_("Par exemple « Hué – Namur »."))
    slug = models.SlugField(unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    parties = models.ManyToManyField(
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
    summary = models.TextField(_("résumé"), blank=True)
    domains = models.ManyToManyField(
        Domain, blank=True, related_name="partnerships", verbose_name=_("domaines")
    )
    tags = TaggableManager(through=TaggedPartnership, blank=True, verbose_name=_("mots-clés"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # What search reads, gathered from the partnership and its related rows by weight (A counts
    # most); kept current by signals.py and the refresh_search_index command.
    search_a = models.TextField(editable=False, blank=True, default="")
    search_b = models.TextField(editable=False, blank=True, default="")
    search_c = models.TextField(editable=False, blank=True, default="")
    search_d = models.TextField(editable=False, blank=True, default="")
    search_vector = SearchVectorField(null=True, editable=False)

    SEARCH_WEIGHTS = {"A": "search_a", "B": "search_b", "C": "search_c", "D": "search_d"}

    objects = PartnershipManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("partenariat")
        verbose_name_plural = _("partenariats")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.started_on = first_day(self.started_on, self.started_precision)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("cooperation:partnership-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    @property
    def started(self):
        return format_partial_date(self.started_on, self.started_precision)

    def status_on(self, day=None):
        return Partnership.objects.with_status(day).values_list("current_status", flat=True).get(pk=self.pk)

    def all_domains(self):
        """Its own domains and its agreements' priority domains (prefetch both to save queries)."""
        found = {domain.pk: domain for domain in self.domains.all()}
        for agreement in self.agreements.all():
            found.update((link.domain_id, link.domain) for link in agreement.priority_domains.all())
        return sorted(found.values(), key=lambda domain: domain.name)

    def search_texts(self):
        """The texts of weights A to D; expects the prefetches of `refresh_search_index`."""
        bodies = [link.body for link in self.party_links.all()]
        agreements = list(self.agreements.all())
        links = [link for agreement in agreements for link in agreement.priority_domains.all()]
        domains = {domain.pk: domain for domain in self.domains.all()}
        domains.update((link.domain_id, link.domain) for link in links)
        countries = {body.country for body in bodies if body.country}
        places = [agreement.signed_at for agreement in agreements] + [a.event for a in agreements]
        texts = (
            [self.name] + [body.name for body in bodies] + [body.short_name for body in bodies],
            [country.name_fr for country in countries]
            + [country.name_en for country in countries]
            + [domain.name for domain in domains.values()]
            + [domain.name_en for domain in domains.values()]
            + [tag.name for tag in self.tags.all()]
            + [agreement.title for agreement in agreements]
            + [str(self.get_kind_display())],
            [self.summary]
            + [agreement.summary for agreement in agreements]
            + [link.detail for link in links]
            + [agreement.aims for agreement in agreements],
            [agreement.basis for agreement in agreements]
            + [str(place) for place in places if place]
            + [signatory.person.name for agreement in agreements for signatory in agreement.signatories.all()]
            + [body.description for body in bodies],
        )
        return tuple("\n".join(part for part in parts if part) for parts in texts)

    def in_force_until(self, day=None):
        """The end of the latest agreement in force on `day`, or None: « actif jusqu'en 2029 »."""
        agreement = self.agreements.in_force(day or timezone.localdate()).order_by("-valid_until").first()
        return agreement.valid_until if agreement else None


class PartyManager(models.Manager):
    def get_by_natural_key(self, partnership_slug, body_slug):
        return self.get(partnership__slug=partnership_slug, body__slug=body_slug)


class Party(models.Model):
    """A body taking part in a partnership."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="party_links", verbose_name=_("partenariat")
    )
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="party_links", verbose_name=_("acteur")
    )

    objects = PartyManager()

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

    def natural_key(self):
        return (self.partnership.slug, self.body.slug)

    natural_key.dependencies = ["cooperation.partnership", "cooperation.body"]


class AgreementQuerySet(models.QuerySet):
    def in_force(self, day=None):
        """Agreements whose stated period of validity covers `day` (undated ones are unknown)."""
        day = day or timezone.localdate()
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            valid_until__isnull=False,
            valid_until__gte=day,
        )

    def for_display(self):
        """Everything an agreement's entry shows: signing, signatories with their office, domains."""
        return self.select_related("signed_at", "event").prefetch_related(
            Prefetch("priority_domains", queryset=AgreementDomain.objects.select_related("domain")),
            Prefetch("signatories", queryset=Signatory.objects.select_related("person", "office", "party")),
        )


class AgreementManager(SlugManager.from_queryset(AgreementQuerySet)):
    pass


class Agreement(models.Model):
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
    slug = models.SlugField(unique=True)
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
        Event,
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
    summary = models.TextField(_("résumé"), blank=True)
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

    objects = AgreementManager()

    class Meta:
        ordering = ["-signed_on", "title"]
        verbose_name = _("accord")
        verbose_name_plural = _("accords")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=F("valid_from")),
                name="agreement_valid_until_after_from",
                violation_error_message=_("La fin de validité ne peut précéder son début."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.normalise_dates()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("cooperation:agreement-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        # Store partial dates as the days they stand for, so the constraints compare those.
        self.normalise_dates()

    def normalise_dates(self):
        self.valid_from = first_day(self.valid_from, self.valid_from_precision)
        self.valid_until = last_day(self.valid_until, self.valid_until_precision)
        self.signed_on = first_day(self.signed_on, self.signed_precision)

    def is_in_force(self, day=None):
        day = day or timezone.localdate()
        if self.valid_until is None:
            return False
        return (self.valid_from is None or self.valid_from <= day) and day <= self.valid_until

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


class AgreementDomainManager(models.Manager):
    def get_by_natural_key(self, agreement_slug, domain_slug):
        return self.get(agreement__slug=agreement_slug, domain__slug=domain_slug)


class AgreementDomain(models.Model):
    """A priority domain of an agreement, with what the agreement says of it."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="priority_domains", verbose_name=_("accord")
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

    objects = AgreementDomainManager()

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

    def natural_key(self):
        return (self.agreement.slug, self.domain.slug)

    natural_key.dependencies = ["cooperation.agreement", "cooperation.domain"]


def check_office_holder(office, person_id, field="office"):
    if office is not None and person_id is not None and office.person_id != person_id:
        raise ValidationError({field: _("Cette fonction n'est pas celle de la personne choisie.")})


class SignatoryManager(models.Manager):
    def get_by_natural_key(self, agreement_slug, person_slug):
        return self.get(agreement__slug=agreement_slug, person__slug=person_slug)


class Signatory(models.Model):
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
    party = models.ForeignKey(
        Body,
        verbose_name=_("pour"),
        on_delete=models.PROTECT,
        related_name="signatures",
        help_text=_("La partie au nom de laquelle la personne signe."),
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    objects = SignatoryManager()

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
        if self.office_id is None and self.agreement.signed_on:
            self.office = self.person.offices_on(self.agreement.signed_on).first()
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.agreement.slug, self.person.slug)

    natural_key.dependencies = ["cooperation.agreement", "cooperation.person", "cooperation.office"]

    def clean(self):
        check_office_holder(self.office, self.person_id)


class DelegationQuerySet(models.QuerySet):
    def involving(self, body):
        return self.filter(Q(sending_body=body) | Q(host_body=body))

    def visiting(self, country):
        return self.filter(Q(destination=country) | Q(destination__isnull=True, host_body__country=country))

    def for_listing(self):
        return self.select_related(
            "sending_body", "host_body__country", "destination", "leader", "leader_office", "partnership"
        )


class DelegationManager(SlugManager.from_queryset(DelegationQuerySet)):
    pass


class Delegation(models.Model):
    """An official visit: who went, from where, to whom, when, and whom they met."""

    class Kind(models.TextChoices):
        WORKING_VISIT = "working_visit", _("visite de travail")
        OFFICIAL_VISIT = "official_visit", _("visite officielle")
        MISSION = "mission", _("mission")
        STUDY_TOUR = "study_tour", _("voyage d'étude")

    title = models.CharField(_("titre"), max_length=250)
    slug = models.SlugField(unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    sending_body = models.ForeignKey(
        Body, verbose_name=_("envoyée par"), on_delete=models.PROTECT, related_name="delegations_sent"
    )
    host_body = models.ForeignKey(
        Body, verbose_name=_("reçue par"), on_delete=models.PROTECT, related_name="delegations_received"
    )
    destination = models.ForeignKey(
        Country,
        verbose_name=_("pays visité"),
        on_delete=models.PROTECT,
        related_name="delegations_received",
        null=True,
        blank=True,
        help_text=_("Laissé vide, c'est le pays de l'hôte."),
    )
    leader = models.ForeignKey(
        Person,
        verbose_name=_("conduite par"),
        on_delete=models.PROTECT,
        related_name="delegations_led",
        null=True,
        blank=True,
    )
    leader_office = models.ForeignKey(
        Office,
        verbose_name=_("fonction du chef de délégation"),
        on_delete=models.PROTECT,
        related_name="delegations_led",
        null=True,
        blank=True,
        help_text=_("Laissée vide, elle est déduite de la date de la visite."),
    )
    invited_by = models.ForeignKey(
        Person,
        verbose_name=_("à l'invitation de"),
        on_delete=models.PROTECT,
        related_name="invitations",
        null=True,
        blank=True,
    )
    start_on = models.DateField(_("du"))
    end_on = models.DateField(_("au"))
    purpose = models.TextField(_("objet"), blank=True)
    outcome = models.TextField(_("résultats"), blank=True)
    events = models.ManyToManyField(
        Event, blank=True, related_name="delegations", verbose_name=_("événements")
    )
    partnership = models.ForeignKey(
        Partnership,
        verbose_name=_("partenariat"),
        on_delete=models.SET_NULL,
        related_name="delegations",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DelegationManager()

    class Meta:
        ordering = ["-start_on", "title"]
        verbose_name = _("délégation")
        verbose_name_plural = _("délégations")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__gte=F("start_on")),
                name="delegation_end_after_start",
                violation_error_message=_("La date de fin de la visite ne peut précéder sa date de début."),
            ),
            models.CheckConstraint(
                condition=~Q(sending_body=F("host_body")),
                name="delegation_host_differs_from_sender",
                violation_error_message=_("Une délégation ne peut être reçue par l'acteur qui l'envoie."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.leader_office_id is None and self.leader_id:
            self.leader_office = self.leader.offices_on(self.start_on).first()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("cooperation:delegation-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        check_office_holder(self.leader_office, self.leader_id, "leader_office")

    @property
    def visited_country(self):
        return self.destination or self.host_body.country

    @property
    def dates(self):
        if self.start_on == self.end_on:
            return format_partial_date(self.start_on)
        return _("du %(start)s au %(end)s") % {
            "start": format_partial_date(self.start_on),
            "end": format_partial_date(self.end_on),
        }

    @property
    def duration_days(self):
        return (self.end_on - self.start_on).days + 1


class PositionedManager(models.Manager):
    def get_by_natural_key(self, delegation_slug, position):
        return self.get(delegation__slug=delegation_slug, position=position)


class DelegationMember(models.Model):
    """A person, or a body as a whole, taking part in a delegation beside its leader."""

    delegation = models.ForeignKey(
        Delegation, on_delete=models.CASCADE, related_name="members", verbose_name=_("délégation")
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    person = models.ForeignKey(
        Person,
        verbose_name=_("personne"),
        on_delete=models.PROTECT,
        related_name="delegation_memberships",
        null=True,
        blank=True,
    )
    office = models.ForeignKey(
        Office,
        verbose_name=_("fonction"),
        on_delete=models.PROTECT,
        related_name="delegation_memberships",
        null=True,
        blank=True,
    )
    body = models.ForeignKey(
        Body,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="delegation_memberships",
        null=True,
        blank=True,
        help_text=_("Une institution qui participe à la mission (par ex. l'ANCLD)."),
    )

    objects = PositionedManager()

    class Meta:
        ordering = ["delegation", "position", "pk"]
        verbose_name = _("membre de la délégation")
        verbose_name_plural = _("membres de la délégation")
        constraints = [
            models.UniqueConstraint(
                fields=["delegation", "position"], name="delegation_member_unique_position"
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(body__isnull=False),
                name="delegation_member_person_or_body",
                violation_error_message=_("Indiquez une personne ou une institution."),
            ),
        ]

    def __str__(self):
        return str(self.person or self.body)

    def natural_key(self):
        return (self.delegation.slug, self.position)

    natural_key.dependencies = ["cooperation.delegation"]

    def clean(self):
        check_office_holder(self.office, self.person_id)


class Meeting(models.Model):
    """Whom a delegation met, in which office(s) they held at the time."""

    class Kind(models.TextChoices):
        COURTESY_VISIT = "courtesy_visit", _("visite de courtoisie")
        MEETING = "meeting", _("rencontre")
        BILATERAL = "bilateral", _("rencontre bilatérale")
        WORKING_SESSION = "working_session", _("séance de travail")

    delegation = models.ForeignKey(
        Delegation, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("délégation")
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    person = models.ForeignKey(
        Person,
        verbose_name=_("personne rencontrée"),
        on_delete=models.PROTECT,
        related_name="meetings",
        null=True,
        blank=True,
    )
    offices = models.ManyToManyField(
        Office,
        blank=True,
        related_name="meetings",
        verbose_name=_("fonctions à la date de la rencontre"),
    )
    body = models.ForeignKey(
        Body,
        verbose_name=_("institution rencontrée"),
        on_delete=models.PROTECT,
        related_name="meetings",
        null=True,
        blank=True,
    )
    date = models.DateField(_("date"), null=True, blank=True)
    summary = models.TextField(_("ce qui s'est dit"), blank=True)

    objects = PositionedManager()

    class Meta:
        ordering = ["delegation", "position", "pk"]
        verbose_name = _("rencontre")
        verbose_name_plural = _("rencontres")
        constraints = [
            models.UniqueConstraint(fields=["delegation", "position"], name="meeting_unique_position"),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(body__isnull=False),
                name="meeting_person_or_body",
                violation_error_message=_("Indiquez la personne ou l'institution rencontrée."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} : {self.person or self.body}"

    def natural_key(self):
        return (self.delegation.slug, self.position)

    natural_key.dependencies = ["cooperation.delegation", "cooperation.office"]
