import re

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .models import Image

PICKER_PAGE_SIZE = 24


def thumbnail(image, width=120, alt=""):
    """An <img> of the smallest rendition, `width` pixels wide, with its height so nothing shifts."""
    shown = image.thumbnail
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}" class="media-thumbnail">',
        shown.url,
        width,
        round(width * shown.height / shown.width),
        alt,
    )


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ["list_thumbnail", "alt_text", "credit", "licence", "dimensions", "uploaded_at"]
    list_display_links = ["list_thumbnail", "alt_text"]
    list_filter = ["licence", "uploaded_at"]
    search_fields = ["alt_text", "caption", "credit"]
    date_hierarchy = "uploaded_at"
    readonly_fields = ["preview", "dimensions", "uploaded_at", "urls_for_articles"]
    fieldsets = [
        (None, {"fields": ["file", "preview", "alt_text", "caption"]}),
        (_("Droits"), {"fields": ["credit", "licence"]}),
        (_("Fichier"), {"fields": ["dimensions", "uploaded_at", "urls_for_articles"]}),
    ]

    @admin.display(description=_("aperçu"))
    def list_thumbnail(self, obj):
        return thumbnail(obj, width=80)

    @admin.display(description=_("aperçu"))
    def preview(self, obj):
        return thumbnail(obj, width=320, alt=obj.alt_text) if obj.pk else "–"

    @admin.display(description=_("dimensions"))
    def dimensions(self, obj):
        return f"{obj.width} × {obj.height} px" if obj.pk else "–"

    @admin.display(description=_("adresse à insérer dans un article"))
    def urls_for_articles(self, obj):
        if not obj.pk:
            return "–"
        return format_html(
            '<input type="text" readonly value="{}" size="60" aria-label="{}">',
            obj.editor_rendition.url,
            _("adresse de l'image à insérer"),
        )

    def get_deleted_objects(self, objs, request):
        """An image inserted in an article's text is protected too, as a lead image is (PROTECT)."""
        deleted, counts, permissions, protected = super().get_deleted_objects(objs, request)
        for image in objs:
            for row in image.inserted_in():
                protected.append(
                    _("%(model)s : %(row)s (dans son texte)")
                    % {"model": capfirst(row._meta.verbose_name), "row": row}
                )
        return deleted, counts, permissions, protected

    def get_urls(self):
        picker = self.admin_site.admin_view(self.picker_view)
        return [path("choisir/", picker, name="media_library_image_picker"), *super().get_urls()]

    def picker_view(self, request):
        """The window the article editor's « Parcourir… » opens: pick an image to insert."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        query = request.GET.get("q", "")[:100]
        func_num = request.GET.get("CKEditorFuncNum", "")
        images = Paginator(Image.objects.search(query), PICKER_PAGE_SIZE).get_page(request.GET.get("page"))
        return TemplateResponse(
            request,
            "admin/media_library/image/picker.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": _("Choisir une image"),
                "is_popup": True,
                "images": images,
                "query": query,
                # The editor's callback number, passed back by static/media_library/picker.js.
                "func_num": func_num if re.fullmatch(r"-?[0-9]{1,9}", func_num) else "",
            },
        )


class LeadImageAdminMixin:
    """For a ModelAdmin whose model has a `lead_image`: add "lead_image_preview" to its fields."""

    @admin.display(description=_("aperçu de l'image principale"))
    def lead_image_preview(self, obj):
        if obj is None or obj.lead_image is None:
            return _("Aucune image (enregistrez pour voir celle choisie).")
        return thumbnail(obj.lead_image, width=240, alt=obj.lead_image.alt_text)
