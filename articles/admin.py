from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from media_library.admin import LeadImageAdminMixin

from .editor import rich_text_formfield
from .models import Article, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Article)
class ArticleAdmin(LeadImageAdminMixin, admin.ModelAdmin):
    list_display = ["title", "published_on", "status", "author"]
    list_filter = ["status", "themes", "published_on"]
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
        (_("Publication"), {"fields": ["status", ("published_on", "date_precision"), "author"]}),
        (_("Classement"), {"fields": ["themes", "tags", "domains"]}),
        (
            _("Ce que l'article rapporte"),
            {"fields": ["partnerships", "agreements", "delegations", "bodies", "people", "events"]},
        ),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "text":
            return rich_text_formfield(db_field, **kwargs)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)
