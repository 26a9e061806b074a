from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import VersionedAdmin
from core.bulk import TagForm, bulk_add, tagged_message
from core.forms import PartialDateModelForm
from core.publication_admin import PublicationAdminMixin
from media_library.admin import LeadImageAdminMixin

from . import services, versions  # noqa: F401  (versions registers the versioned models first)
from .editor import rich_text_formfield
from .models import Article, Theme


class ArticleForm(PartialDateModelForm):
    partial_dates = {"published_on": "date_precision"}


@admin.register(Theme)
class ThemeAdmin(VersionedAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Article)
class ArticleAdmin(LeadImageAdminMixin, PublicationAdminMixin, VersionedAdmin):
    form = ArticleForm
    list_display = ["title", "published_on", "author"]
    list_filter = ["themes", "published_on"]
    search_fields = ["title", "standfirst", "text"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_on"
    list_select_related = ["author"]
    readonly_fields = ["lead_image_preview"]
    autocomplete_fields = [
        "lead_image",
        "themes",
        "domains",
        "partnerships",
        "agreements",
        "delegations",
        "bodies",
        "people",
        "events",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", ("lead_image", "lead_image_preview"), "text"]}),
        (
            _("Publication"),
            {"fields": ["publication", "publish_at", ("published_on", "date_precision"), "author"]},
        ),
        (_("Classement"), {"fields": ["themes", "tags", "domains"]}),
        (
            _("Ce que l'article rapporte"),
            {"fields": ["partnerships", "agreements", "delegations", "bodies", "people", "events"]},
        ),
    ]

    actions = [*PublicationAdminMixin.actions, "add_tag"]

    @admin.action(description=_("Ajouter un mot-clé aux articles sélectionnés"), permissions=["change"])
    def add_tag(self, request, queryset):
        def apply(articles, data):
            tag, added = services.tag_articles(articles, data["tag"])
            return tagged_message(tag, added, articles.count())

        return bulk_add(
            self, request, queryset, form_class=TagForm, title=_("Ajouter un mot-clé"), apply=apply
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "text":
            return rich_text_formfield(db_field, **kwargs)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)
