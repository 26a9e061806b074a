"""Places and actors: countries, the bodies that cooperate, the people who speak for them."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.grammar import ARTICLE_HELP, Article
from core.models import (
    NaturalKeyModel,
    NaturalKeyQuerySet,
    PublicPageModel,
    Publishable,
    RichTextField,
    published_condition,
)
from core.search import NAME_COLLATION

wikidata_id_validator = RegexValidator(
    r"^Q[1-9][0-9]*$", _("Un identifiant Wikidata commence par Q suivi de chiffres (ex. Q1899).")
)


def in_english():
    return (get_language() or "fr").startswith("en")


class CountryQuerySet(NaturalKeyQuerySet):
    def in_atlas(self):
        """Countries with at least one published body taking part in a published partnership."""
        from .partnerships import Party

        parties = Party.objects.filter(
            published_condition("body"),
            published_condition("partnership"),
            body__country=models.OuterRef("pk"),
        )
        return self.filter(models.Exists(parties))


class Country(PublicPageModel):
    code = models.CharField(
        _("code ISO 3166-1"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Deux lettres majuscules, ex. VN."))],
    )
    name_fr = models.CharField(_("nom en français"), max_length=100, db_collation=NAME_COLLATION)
    name_en = models.CharField(_("nom en anglais"), max_length=100, db_collation=NAME_COLLATION)

    url_name = "cooperation:country-detail"
    natural_key_fields = ("code",)

    objects = CountryQuerySet.as_manager()

    class Meta:
        ordering = ["name_fr"]
        verbose_name = _("pays")
        verbose_name_plural = _("pays")

    def __str__(self):
        return self.name

    @property
    def name(self):
        return self.name_en if in_english() else self.name_fr


class Domain(PublicPageModel):
    """A thematic area of cooperation (digital transition, heritage, governance…)."""

    name = models.CharField(_("nom"), max_length=120, db_collation=NAME_COLLATION, unique=True)
    name_en = models.CharField(_("nom en anglais"), max_length=120, blank=True)
    description = models.TextField(_("description"), blank=True)

    url_name = "cooperation:domain-detail"

    class Meta:
        ordering = ["name"]
        verbose_name = _("domaine")
        verbose_name_plural = _("domaines")

    def __str__(self):
        return self.name_en if self.name_en and in_english() else self.name


class Body(Publishable, PublicPageModel):
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

    name = models.CharField(_("nom"), max_length=200, db_collation=NAME_COLLATION)
    short_name = models.CharField(_("sigle"), max_length=40, blank=True)
    article = models.CharField(
        _("article"), max_length=3, choices=Article.choices, blank=True, default="", help_text=ARTICLE_HELP
    )
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
    description = RichTextField(_("description"), blank=True)
    lead_image = models.ForeignKey(
        "media_library.Image",
        verbose_name=_("image principale"),
        # PROTECT: deleting an image still shown as a lead image is refused, and the admin lists
        # where it is used, rather than pages silently losing their picture.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bodies",
        help_text=_("Le blason de la ville ou une photo, choisi dans la médiathèque."),
    )

    url_name = "cooperation:body-detail"

    class Meta:
        ordering = ["name"]
        verbose_name = _("acteur")
        verbose_name_plural = _("acteurs")
        indexes = [models.Index(fields=["publication", "publish_at"], name="body_publication_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="body_coordinates_both_or_none",
                violation_error_message=_("Indiquez la latitude et la longitude, ou aucune des deux."),
            ),
        ]

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None


class Person(Publishable, PublicPageModel):
    honorific = models.CharField(_("civilité"), max_length=20, blank=True, help_text=_("M., Mme…"))
    name = models.CharField(_("nom complet"), max_length=200, db_collation=NAME_COLLATION)
    wikidata_id = models.CharField(
        _("identifiant Wikidata"), max_length=20, blank=True, validators=[wikidata_id_validator]
    )

    url_name = "cooperation:person-detail"

    class Meta:
        ordering = ["name"]
        verbose_name = _("personne")
        verbose_name_plural = _("personnes")
        indexes = [models.Index(fields=["publication", "publish_at"], name="person_publication_idx")]

    def offices_on(self, day):
        """Every office this person held on a given day (undated ends count as still held)."""
        return self.offices.held_on(day)

    def office_on(self, day):
        """The office this person held on `day` when there is exactly one, else None: with two
        (a mayor who also chairs an association), staff choose."""
        held = list(self.offices_on(day)[:2])
        return held[0] if len(held) == 1 else None


class OfficeQuerySet(NaturalKeyQuerySet):
    def held_on(self, day):
        if day is None:
            return self.none()
        return self.filter(
            Q(start_on__isnull=True) | Q(start_on__lte=day),
            Q(end_on__isnull=True) | Q(end_on__gte=day),
        )


class Office(NaturalKeyModel):
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

    natural_key_fields = ("person__slug", "body__slug", "title")

    objects = OfficeQuerySet.as_manager()

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

    @property
    def years(self):
        """« 2021–2026 », « depuis 2021 », « jusqu'en 2026 » or ""."""
        start, end = self.start_on and self.start_on.year, self.end_on and self.end_on.year
        if start and end:
            return f"{start}–{end}"
        if start:
            return _("depuis %(year)s") % {"year": start}
        if end:
            return _("jusqu'en %(year)s") % {"year": end}
        return ""

    def described(self):
        """Whose office it is, where and when: « Jean Dupont — Maire (Bordeaux, 2014–2020) »."""
        where = ", ".join(part for part in (self.body.name, self.years) if part)
        return f"{self.person.name} — {self.title} ({where})"


def check_office_holder(office, person_id, field="office"):
    if office is not None and person_id is not None and office.person_id != person_id:
        raise ValidationError({field: _("Cette fonction n'est pas celle de la personne choisie.")})


def fill_office(row, day, person="person", office="office"):
    """Set `row`'s office, left empty, to the one its person held on `day` (when just one)."""
    if getattr(row, f"{office}_id") is None and getattr(row, f"{person}_id") and day:
        setattr(row, office, getattr(row, person).office_on(day))
