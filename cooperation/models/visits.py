"""Official visits and the events they and the agreements are tied to."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.dates import Precision, first_day, format_partial_date
from core.grammar import ARTICLE_HELP, Article
from core.models import NaturalKeyModel, PublicPageModel, Publishable, PublishableQuerySet, RichTextField
from core.search import NAME_COLLATION

from .actors import Body, Country, Office, Person, check_office_holder, fill_office
from .partnerships import Partnership


class Event(Publishable, PublicPageModel):
    class Kind(models.TextChoices):
        GENERAL_ASSEMBLY = "general_assembly", _("assemblée générale")
        CONGRESS = "congress", _("congrès")
        FORUM = "forum", _("forum")
        MEETING = "meeting", _("réunion")
        OTHER = "other", _("autre")

    name = models.CharField(_("nom"), max_length=250, db_collation=NAME_COLLATION)
    short_name = models.CharField(_("sigle"), max_length=40, blank=True)
    article = models.CharField(
        _("article"), max_length=3, choices=Article.choices, blank=True, default="", help_text=ARTICLE_HELP
    )
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
    description = RichTextField(_("description"), blank=True)

    url_name = "cooperation:event-detail"

    class Meta:
        ordering = ["-start_on", "name"]
        verbose_name = _("événement")
        verbose_name_plural = _("événements")
        indexes = [models.Index(fields=["publication", "publish_at"], name="event_publication_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__isnull=True) | Q(start_on__isnull=True) | Q(end_on__gte=F("start_on")),
                name="event_end_after_start",
                violation_error_message=_("La fin de l'événement ne peut précéder son début."),
            ),
        ]

    def save(self, *args, **kwargs):
        self.start_on = first_day(self.start_on, self.start_precision)
        super().save(*args, **kwargs)

    def clean(self):
        self.start_on = first_day(self.start_on, self.start_precision)

    @property
    def when(self):
        start = format_partial_date(self.start_on, self.start_precision)
        if self.end_on and self.end_on != self.start_on:
            return f"{start} – {format_partial_date(self.end_on)}"
        return start


class DelegationQuerySet(PublishableQuerySet):
    def sent_by(self, body):
        return self.filter(sending_body=body)

    def received_by(self, body):
        return self.filter(host_body=body)

    def involving(self, body):
        return self.filter(Q(sending_body=body) | Q(host_body=body))

    def sent_from(self, country):
        return self.filter(sending_body__country=country)

    def visiting(self, country):
        return self.filter(Q(destination=country) | Q(destination__isnull=True, host_body__country=country))

    def for_listing(self):
        return self.select_related(
            "sending_body", "host_body__country", "destination", "leader", "leader_office", "partnership"
        )


class Delegation(Publishable, PublicPageModel):
    """An official visit: who went, from where, to whom, when, and whom they met."""

    class Kind(models.TextChoices):
        WORKING_VISIT = "working_visit", _("visite de travail")
        OFFICIAL_VISIT = "official_visit", _("visite officielle")
        MISSION = "mission", _("mission")
        STUDY_TOUR = "study_tour", _("voyage d'étude")

    title = models.CharField(_("titre"), max_length=250)
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
    purpose = RichTextField(_("objet"), blank=True)
    outcome = RichTextField(_("résultats"), blank=True)
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

    url_name = "cooperation:delegation-detail"
    name_field = "title"

    objects = DelegationQuerySet.as_manager()

    class Meta:
        ordering = ["-start_on", "title"]
        verbose_name = _("délégation")
        verbose_name_plural = _("délégations")
        indexes = [
            models.Index(fields=["publication", "publish_at"], name="delegation_publication_idx"),
            # The list of visits, newest first: its pages' keys walk this index alone (a sort of
            # every published visit took 40 ms, on disk).
            models.Index(
                fields=["-start_on", "title"],
                include=["publish_at"],
                condition=Q(publication="published"),
                name="delegation_list_idx",
            ),
            # A body's latest visits sent and received, in the lists' order: Paris sends and hosts
            # hundreds, and a scan of every visit and a sort took 35 ms each.
            models.Index(
                fields=["sending_body", "-start_on", "title"],
                condition=Q(publication="published"),
                name="delegation_sent_by_idx",
            ),
            models.Index(
                fields=["host_body", "-start_on", "title"],
                condition=Q(publication="published"),
                name="delegation_received_by_idx",
            ),
            # The sitemap index's « last changed » of the section: the newest published row.
            models.Index(
                fields=["-updated_at"], condition=Q(publication="published"), name="delegation_updated_idx"
            ),
        ]
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

    def save(self, *args, **kwargs):
        fill_office(self, self.start_on, person="leader", office="leader_office")
        super().save(*args, **kwargs)

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


class DelegationPart(NaturalKeyModel):
    """A numbered line of a delegation's story: a member, a meeting."""

    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    natural_key_fields = ("delegation__slug", "position")

    class Meta:
        abstract = True
        ordering = ["delegation", "position", "pk"]


class DelegationMember(DelegationPart):
    """A person, or a body as a whole, taking part in a delegation beside its leader."""

    delegation = models.ForeignKey(
        Delegation, on_delete=models.CASCADE, related_name="members", verbose_name=_("délégation")
    )
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

    class Meta(DelegationPart.Meta):
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

    def save(self, *args, **kwargs):
        fill_office(self, self.delegation.start_on)
        super().save(*args, **kwargs)

    def clean(self):
        check_office_holder(self.office, self.person_id)


class Meeting(DelegationPart):
    """Whom a delegation met, in which office(s) they held at the time."""

    class Kind(models.TextChoices):
        COURTESY_VISIT = "courtesy_visit", _("visite de courtoisie")
        MEETING = "meeting", _("rencontre")
        BILATERAL = "bilateral", _("rencontre bilatérale")
        WORKING_SESSION = "working_session", _("séance de travail")

    delegation = models.ForeignKey(
        Delegation, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("délégation")
    )
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

    class Meta(DelegationPart.Meta):
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

    @property
    def day(self):
        return self.date or self.delegation.start_on

    def fill_offices(self):
        """Left without offices, a meeting gets the one its person held that day (when just one).

        Called once the form has saved the offices (a many-to-many set after the row is saved).
        """
        if self.person_id and not self.offices.exists():
            office = self.person.office_on(self.day)
            if office is not None:
                self.offices.add(office)
