from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.models import partnership_has_articles
from core.admin import MultilineTextsMixin, VersionedAdmin
from core.bulk import TagForm, bulk_add, tagged_message
from core.forms import PartialDateModelForm, PositionedInlineFormSet
from core.publication_admin import DraftByDefaultMixin, PublicationAdminMixin
from media_library.admin import LeadImageAdminMixin

from . import services, versions  # noqa: F401  (versions registers the versioned models first)
from .forms import DomainForm, OfficeOfPersonForm
from .models import (
    Agreement,
    AgreementDomain,
    Body,
    Country,
    Delegation,
    DelegationMember,
    Domain,
    Event,
    Meeting,
    Office,
    Partnership,
    Party,
    Person,
    Signatory,
)


@admin.register(Country)
class CountryAdmin(VersionedAdmin):
    list_display = ["name_fr", "name_en", "code"]
    search_fields = ["name_fr", "name_en", "code"]
    prepopulated_fields = {"slug": ["name_fr"]}


@admin.register(Domain)
class DomainAdmin(VersionedAdmin):
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name"]}


class OfficeInline(MultilineTextsMixin, admin.TabularInline):
    model = Office
    extra = 1
    autocomplete_fields = ["body"]


@admin.register(Body)
class BodyAdmin(LeadImageAdminMixin, PublicationAdminMixin, VersionedAdmin):
    list_display = ["name", "short_name", "kind", "country", "has_coordinates"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "short_name", "wikidata_id"]
    autocomplete_fields = ["country", "lead_image"]
    readonly_fields = ["lead_image_preview"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "article",
                    "short_name",
                    "slug",
                    "kind",
                    "country",
                    ("lead_image", "lead_image_preview"),
                    "description",
                ]
            },
        ),
        (_("Localisation et identifiants"), {"fields": ["latitude", "longitude", "wikidata_id"]}),
    ]

    @admin.display(boolean=True, description=_("coordonnées"))
    def has_coordinates(self, obj):
        return obj.has_coordinates


@admin.register(Person)
class PersonAdmin(PublicationAdminMixin, VersionedAdmin):
    list_display = ["name", "honorific", "current_offices"]
    search_fields = ["name", "offices__title"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OfficeInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("offices")

    @admin.display(description=_("fonctions"))
    def current_offices(self, obj):
        return " ; ".join(office.title for office in obj.offices.all())


@admin.register(Office)
class OfficeAdmin(VersionedAdmin):
    list_display = ["title", "person", "body", "start_on", "end_on"]
    list_filter = ["body__kind", "body__country"]
    search_fields = ["title", "person__name", "body__name"]
    autocomplete_fields = ["person", "body"]
    list_select_related = ["person", "body"]


class EventForm(PartialDateModelForm):
    partial_dates = {"start_on": "start_precision"}


@admin.register(Event)
class EventAdmin(PublicationAdminMixin, VersionedAdmin):
    form = EventForm
    list_display = ["name", "short_name", "kind", "when_display", "place", "organiser"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]
    autocomplete_fields = ["place", "organiser"]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "start_on"
    list_select_related = ["place", "organiser"]

    @admin.display(description=_("dates"), ordering="start_on")
    def when_display(self, obj):
        return obj.when


class PartyFormSet(BaseInlineFormSet):
    def clean(self):
        bodies = [
            form.cleaned_data["body"]
            for form in self.forms
            if form.cleaned_data.get("body") and not form.cleaned_data.get("DELETE")
        ]
        if len(set(bodies)) < 2:
            raise ValidationError(_("Un partenariat réunit au moins deux acteurs distincts."))
        super().clean()


class PartyInline(MultilineTextsMixin, admin.TabularInline):
    model = Party
    formset = PartyFormSet
    extra = 2
    min_num = 2
    autocomplete_fields = ["body"]
    verbose_name = _("partie")
    verbose_name_plural = _("parties (au moins deux)")


class AgreementForm(PartialDateModelForm):
    partial_dates = {
        "signed_on": "signed_precision",
        "valid_from": "valid_from_precision",
        "valid_until": "valid_until_precision",
    }


class AgreementInline(DraftByDefaultMixin, MultilineTextsMixin, admin.StackedInline):
    model = Agreement
    form = AgreementForm
    extra = 0
    show_change_link = True
    fields = [
        "title",
        "slug",
        "kind",
        ("publication", "publish_at"),
        ("signed_on", "signed_precision"),
        "signed_at",
        "event",
        ("valid_from", "valid_from_precision"),
        ("valid_until", "valid_until_precision"),
    ]
    autocomplete_fields = ["signed_at", "event"]
    prepopulated_fields = {"slug": ["title"]}


class NewsFilter(admin.SimpleListFilter):
    title = _("actualités")
    parameter_name = "articles"

    def lookups(self, request, model_admin):
        return [("avec", _("avec au moins un article")), ("sans", _("sans article"))]

    def queryset(self, request, queryset):
        if self.value() == "avec":
            return queryset.filter(partnership_has_articles())
        if self.value() == "sans":
            return queryset.filter(~partnership_has_articles())
        return queryset


class PartnershipForm(PartialDateModelForm):
    partial_dates = {"started_on": "started_precision"}


@admin.register(Partnership)
class PartnershipAdmin(LeadImageAdminMixin, PublicationAdminMixin, VersionedAdmin):
    form = PartnershipForm
    list_display = ["name", "kind", "started_display", "current_status", "party_names"]
    readonly_fields = ["current_status", "active_until", "lead_image_preview"]
    list_filter = ["kind", "current_status", NewsFilter, "domains", "bodies__country"]
    search_fields = ["name", "summary", "bodies__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["domains", "lead_image"]
    inlines = [PartyInline, AgreementInline]
    actions = [*PublicationAdminMixin.actions, "add_tag", "add_domain"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", ("lead_image", "lead_image_preview"), "summary"]}),
        (
            _("Chronologie et statut"),
            {"fields": [("started_on", "started_precision"), "status", ("current_status", "active_until")]},
        ),
        (_("Classement"), {"fields": ["domains", "tags"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("bodies")

    @admin.display(description=_("début"), ordering="started_on")
    def started_display(self, obj):
        return obj.started

    @admin.display(description=_("parties"))
    def party_names(self, obj):
        return " – ".join(body.name for body in obj.bodies.all())

    @admin.action(description=_("Ajouter un mot-clé aux partenariats sélectionnés"), permissions=["change"])
    def add_tag(self, request, queryset):
        def apply(partnerships, data):
            tag, added = services.tag_partnerships(partnerships, data["tag"])
            return tagged_message(tag, added, partnerships.count())

        return bulk_add(
            self, request, queryset, form_class=TagForm, title=_("Ajouter un mot-clé"), apply=apply
        )

    @admin.action(description=_("Ajouter un domaine aux partenariats sélectionnés"), permissions=["change"])
    def add_domain(self, request, queryset):
        def apply(partnerships, data):
            added = services.add_domain(partnerships, data["domain"])
            return ngettext(
                "Domaine « %(domain)s » ajouté à %(count)d partenariat (%(already)d l'avaient déjà).",
                "Domaine « %(domain)s » ajouté à %(count)d partenariats (%(already)d l'avaient déjà).",
                added,
            ) % {"domain": data["domain"], "count": added, "already": partnerships.count() - added}

        return bulk_add(
            self, request, queryset, form_class=DomainForm, title=_("Ajouter un domaine"), apply=apply
        )


class PersonOfficeForm(OfficeOfPersonForm):
    office_fields = {"office": "person"}


class SignatoryInline(MultilineTextsMixin, admin.TabularInline):
    model = Signatory
    form = PersonOfficeForm
    formset = PositionedInlineFormSet
    extra = 1
    autocomplete_fields = ["person", "on_behalf_of"]


class AgreementDomainInline(MultilineTextsMixin, admin.TabularInline):
    model = AgreementDomain
    formset = PositionedInlineFormSet
    extra = 1
    autocomplete_fields = ["domain"]


class ExpiryFilter(admin.SimpleListFilter):
    title = _("échéance")
    parameter_name = "echeance"

    def lookups(self, request, model_admin):
        return [
            ("bientot", _("expire dans les 6 mois, sans renouvellement")),
            ("expire", _("expiré sans renouvellement ni autre accord en vigueur")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "bientot":
            return queryset.expiring()
        if self.value() == "expire":
            return queryset.lapsed()
        return queryset


@admin.register(Agreement)
class AgreementAdmin(PublicationAdminMixin, VersionedAdmin):
    form = AgreementForm
    list_display = ["title", "partnership", "kind", "signed_display", "signed_at", "period_display"]
    list_filter = ["kind", ExpiryFilter, "domains", "signed_at__country"]
    search_fields = ["title", "summary", "partnership__name"]
    autocomplete_fields = ["partnership", "signed_at", "event", "renews"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "signed_on"
    list_select_related = ["partnership", "signed_at"]
    inlines = [SignatoryInline, AgreementDomainInline]
    fieldsets = [
        (None, {"fields": ["partnership", "title", "slug", "kind", "renews"]}),
        (
            _("Signature"),
            {"fields": [("signed_on", "signed_precision"), "signed_at", "event"]},
        ),
        (
            _("Période de validité"),
            {
                "description": _(
                    "Avec la précision « année », 2024–2029 s'entend du 1er janvier 2024 au 31 décembre 2029."
                ),
                "fields": [("valid_from", "valid_from_precision"), ("valid_until", "valid_until_precision")],
            },
        ),
        (_("Contenu"), {"fields": ["summary", "basis", "aims"]}),
    ]

    @admin.display(description=_("signé le"), ordering="signed_on")
    def signed_display(self, obj):
        return obj.signed

    @admin.display(description=_("période de validité"), ordering="valid_until")
    def period_display(self, obj):
        return obj.period


class DelegationMemberInline(MultilineTextsMixin, admin.TabularInline):
    model = DelegationMember
    form = PersonOfficeForm
    formset = PositionedInlineFormSet
    extra = 1
    autocomplete_fields = ["person", "body"]


class MeetingForm(OfficeOfPersonForm):
    office_fields = {"offices": "person"}


class MeetingFormSet(PositionedInlineFormSet):
    def save(self, commit=True):
        meetings = super().save(commit)
        if commit:
            for meeting in meetings:
                meeting.fill_offices()
        return meetings


class MeetingInline(MultilineTextsMixin, admin.StackedInline):
    model = Meeting
    form = MeetingForm
    formset = MeetingFormSet
    extra = 0
    autocomplete_fields = ["person", "body"]
    fields = ["position", "kind", ("person", "body"), "offices", "date", "summary"]


class DelegationForm(OfficeOfPersonForm):
    office_fields = {"leader_office": "leader"}


@admin.register(Delegation)
class DelegationAdmin(PublicationAdminMixin, VersionedAdmin):
    form = DelegationForm
    list_display = ["title", "sending_body", "host_body", "leader", "start_on", "end_on"]
    list_filter = ["kind", "sending_body__country", "host_body__country"]
    search_fields = ["title", "purpose", "leader__name", "sending_body__name", "host_body__name"]
    autocomplete_fields = [
        "sending_body",
        "host_body",
        "destination",
        "leader",
        "invited_by",
        "events",
        "partnership",
    ]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "start_on"
    list_select_related = ["sending_body", "host_body", "leader"]
    inlines = [DelegationMemberInline, MeetingInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "partnership"]}),
        (
            _("Qui, où, quand"),
            {
                "fields": [
                    ("sending_body", "host_body"),
                    "destination",
                    ("leader", "leader_office"),
                    "invited_by",
                    ("start_on", "end_on"),
                    "events",
                ]
            },
        ),
        (_("Objet et résultats"), {"fields": ["purpose", "outcome"]}),
    ]
