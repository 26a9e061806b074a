from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from media_library.admin import LeadImageAdminMixin

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
class CountryAdmin(admin.ModelAdmin):
    list_display = ["name_fr", "name_en", "code"]
    search_fields = ["name_fr", "name_en", "code"]
    prepopulated_fields = {"slug": ["name_fr"]}


@admin.register(Domain)
class DomainAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name"]}


class OfficeInline(admin.TabularInline):
    model = Office
    extra = 1
    autocomplete_fields = ["body"]


@admin.register(Body)
class BodyAdmin(LeadImageAdminMixin, admin.ModelAdmin):
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
class PersonAdmin(admin.ModelAdmin):
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
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["title", "person", "body", "start_on", "end_on"]
    list_filter = ["body__kind", "body__country"]
    search_fields = ["title", "person__name", "body__name"]
    autocomplete_fields = ["person", "body"]
    list_select_related = ["person", "body"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
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


class PartyInline(admin.TabularInline):
    model = Party
    formset = PartyFormSet
    extra = 2
    min_num = 2
    autocomplete_fields = ["body"]
    verbose_name = _("partie")
    verbose_name_plural = _("parties (au moins deux)")


class AgreementInline(admin.StackedInline):
    model = Agreement
    extra = 0
    show_change_link = True
    fields = [
        "title",
        "slug",
        "kind",
        ("signed_on", "signed_precision"),
        "signed_at",
        "event",
        ("valid_from", "valid_from_precision"),
        ("valid_until", "valid_until_precision"),
    ]
    autocomplete_fields = ["signed_at", "event"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Partnership)
class PartnershipAdmin(LeadImageAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "started_display", "current_status", "party_names"]
    readonly_fields = ["current_status", "active_until", "lead_image_preview"]
    list_filter = ["kind", "current_status", "domains", "bodies__country"]
    search_fields = ["name", "summary", "bodies__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["domains", "lead_image"]
    inlines = [PartyInline, AgreementInline]
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


class SignatoryInline(admin.TabularInline):
    model = Signatory
    extra = 1
    autocomplete_fields = ["person", "office", "on_behalf_of"]


class AgreementDomainInline(admin.TabularInline):
    model = AgreementDomain
    extra = 1
    autocomplete_fields = ["domain"]


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["title", "partnership", "kind", "signed_display", "signed_at", "period_display"]
    list_filter = ["kind", "domains", "signed_at__country"]
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


class DelegationMemberInline(admin.TabularInline):
    model = DelegationMember
    extra = 1
    autocomplete_fields = ["person", "office", "body"]


class MeetingInline(admin.StackedInline):
    model = Meeting
    extra = 0
    autocomplete_fields = ["person", "offices", "body"]
    fields = ["position", "kind", ("person", "body"), "offices", "date", "summary"]


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ["title", "sending_body", "host_body", "leader", "start_on", "end_on"]
    list_filter = ["kind", "sending_body__country", "host_body__country"]
    search_fields = ["title", "purpose", "leader__name", "sending_body__name", "host_body__name"]
    autocomplete_fields = [
        "sending_body",
        "host_body",
        "destination",
        "leader",
        "leader_office",
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
