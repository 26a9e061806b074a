"""Admin classes shared by the content apps: versioned edits, compared and restored."""

import reversion
from django.contrib import admin
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import models, transaction
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult
from reversion.admin import VersionAdmin
from reversion.models import Version

from . import history
from .forms import MultilineField

INITIAL_STATE = gettext_lazy("État initial, avant la première modification dans l'administration")


class MultilineTextsMixin:
    """Textareas whose browser line breaks ("\\r\\n") do not count as a change."""

    formfield_overrides = {models.TextField: {"form_class": MultilineField}}


class VersionedAdmin(MultilineTextsMixin, VersionAdmin):
    """Every save that changes something is a revision: who, when, what; compared and restored.

    A save that changes nothing writes nothing: no row, no revision, no action-log entry. The
    first change of a row that has no version yet (seeded, generated) first records the row as
    it was, so that this change too can be undone.
    """

    object_history_template = "admin/history/object_history.html"
    compare_template = "admin/history/compare.html"
    history_latest_first = True

    def __init__(self, model, admin_site):
        if model not in history.VERSIONED:
            raise ImproperlyConfigured(f"{model.__name__} has no history.register() in its app's versions.py")
        super().__init__(model, admin_site)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        compare = path(
            "<path:object_id>/history/<int:version_id>/compare/",
            self.admin_site.admin_view(self.compare_view),
            name="{}_{}_compare".format(*info),
        )
        return [compare, *super().get_urls()]

    # Saving only what changed.

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id)) if request.method == "POST" else None
        if obj is None or Version.objects.get_for_object(obj).exists():
            return super().change_view(request, object_id, form_url, extra_context)
        with transaction.atomic(using=Version.objects.db):
            before = history.record_version(obj, INITIAL_STATE, date=updated_at(obj))
            response = super().change_view(request, object_id, form_url, extra_context)
            if not Version.objects.get_for_object(obj).exclude(revision=before).exists():
                before.delete()  # nothing changed, or the form had errors: nothing to keep
        return response

    def save_model(self, request, obj, form, change):
        if change and not form.has_changed() and not restoring(request):
            return
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if change and not form.has_changed():
            # Not form.save_m2m(): taggit's set() signals a change even when the tags are the same.
            for formset in formsets:
                self.save_formset(request, form, formset, change=change)
        else:
            super().save_related(request, form, formsets, change)
        if restoring(request):
            history.after_restore(request.restored_rows)
        elif not change or form.has_changed() or any(formset.has_changed() for formset in formsets):
            # The whole graph, as it now stands, even when only an inline row changed.
            reversion.add_to_revision(form.instance)

    def log_change(self, request, obj, message):
        if restoring(request):
            message = message or _("Version du %(date)s restaurée.") % {
                "date": formats.date_format(
                    timezone.localtime(request.restored_revision.date_created), "DATETIME_FORMAT"
                )
            }
        if not message:
            return None
        return super().log_change(request, obj, message)

    def delete_model(self, request, obj):
        history.record_version(obj, _("État avant suppression"), request.user)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            history.record_version(obj, _("État avant suppression"), request.user)
        super().delete_queryset(request, queryset)

    # Restoring: reversion writes the revision's rows back, then runs the change form.

    def revision_view(self, request, object_id, version_id, extra_context=None):
        self.prepare_restore(request, version_id)
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        self.prepare_restore(request, version_id)
        return super().recover_view(request, version_id, extra_context)

    def prepare_restore(self, request, version_id):
        version = Version.objects.select_related("revision").filter(pk=version_id).first()
        if request.method == "POST" and version is not None:
            request.restored_revision = version.revision
            request.restored_rows = history.restored_rows(version.revision)
            history.before_restore(request.restored_rows)

    # History and comparisons.

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return super().history_view(request, object_id, extra_context)
        versions = self.versions_of(obj).select_related("revision__user")
        info = self.admin_site.name, self.opts.app_label, self.opts.model_name
        action_list = [
            {
                "revision": version.revision,
                "url": reverse("{}:{}_{}_revision".format(*info), args=[quote(obj.pk), version.pk]),
                "compare_url": reverse("{}:{}_{}_compare".format(*info), args=[quote(obj.pk), version.pk]),
            }
            for version in versions
        ]
        # Not VersionAdmin's, which would build the same list once more.
        return admin.ModelAdmin.history_view(
            self, request, object_id, {"action_list": action_list, **(extra_context or {})}
        )

    def versions_of(self, obj):
        return Version.objects.get_for_object(obj).order_by("-pk")

    def compare_view(self, request, object_id, version_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        against = request.GET.get("against", "previous")
        if against not in ("previous", "current"):
            return HttpResponseBadRequest(_("Comparaison inconnue : « previous » ou « current »."))
        versions = Version.objects.get_for_object(obj).select_related("revision__user")
        version = get_object_or_404(versions, pk=version_id)
        root = (self.model, version.object_id)
        rows = history.revision_rows(version.revision)
        if against == "current":
            before, after, other = rows, history.current_rows(obj), None
        else:
            other = versions.filter(pk__lt=version.pk).order_by("-pk").first()
            before, after = (history.revision_rows(other.revision) if other else {}), rows
        context = {
            **self.admin_site.each_context(request),
            "title": _("Modifications de « %(object)s »") % {"object": obj},
            "opts": self.opts,
            "object": obj,
            "version": version,
            "other": other,
            "against": against,
            "changes": history.compare(before, after, root),
            "revert_url": reverse(
                f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_revision",
                args=[quote(obj.pk), version.pk],
            ),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.compare_template, context)


def restoring(request):
    return hasattr(request, "restored_rows")


def updated_at(obj):
    """When a row was last written, if it says so (the date of its initial version)."""
    return getattr(obj, "updated_at", None)


# The task queue's admin in French: django-tasks-db labels two columns with plain English strings.
admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskResultAdmin(DBTaskResultAdmin):
    list_display = ["id", "task", *DBTaskResultAdmin.list_display[2:]]

    @admin.display(description=gettext_lazy("tâche"), ordering="task_path")
    def task(self, obj):
        return obj.task_name

    @admin.display(description=gettext_lazy("trace d'appels"))
    def formatted_traceback(self, obj):
        return super().formatted_traceback(obj)

    @admin.display(description=gettext_lazy("à lancer après le"))
    def display_run_after(self, obj):
        return super().display_run_after(obj)
