"""What every admin of a `Publishable` model shares: the state in the list, a filter by state, a
« Publication » fieldset, new rows starting as drafts, and the publish / withdraw / schedule actions."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .models import Publication, PublicationState, date_and_time, scheduled_for

PUBLICATION_FIELDS = ["publication", "publish_at"]


class PublicationStateFilter(admin.SimpleListFilter):
    title = _("publication")
    parameter_name = "publication_state"

    PENDING = "pending"

    def lookups(self, request, model_admin):
        return [*PublicationState.choices, (self.PENDING, _("à paraître (brouillon ou programmé)"))]

    def queryset(self, request, queryset):
        if self.value() in PublicationState.values:
            return queryset.in_state(self.value())
        if self.value() == self.PENDING:
            return queryset.pending()
        return queryset


class ScheduleForm(forms.Form):
    """The date and time a selection goes online (the site's time zone), with plain HTML inputs."""

    publish_at = forms.SplitDateTimeField(
        label=_("Mise en ligne le"),
        help_text=_("Date et heure de Paris."),
        widget=forms.SplitDateTimeWidget(
            date_attrs={"type": "date"},
            time_attrs={"type": "time"},
            date_format="%Y-%m-%d",
            time_format="%H:%M",
        ),
    )

    def clean_publish_at(self):
        at = self.cleaned_data["publish_at"]
        if at <= timezone.now():
            raise ValidationError(_("Choisissez une date et une heure à venir."))
        return at


class DraftByDefaultMixin:
    """New rows made in the admin (inline ones too) start as drafts."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "publication":
            kwargs.setdefault("initial", Publication.DRAFT)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class PublicationAdminMixin(DraftByDefaultMixin):
    actions = ["publish_selected", "withdraw_selected", "schedule_selected"]
    schedule_template = "admin/publication/schedule.html"

    def get_list_display(self, request):
        return [*super().get_list_display(request), "publication_display"]

    def get_list_filter(self, request):
        return [PublicationStateFilter, *super().get_list_filter(request)]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.fieldsets and any(
            "publication" in flatten(options["fields"]) for _name, options in fieldsets
        ):
            return fieldsets  # placed by the model's admin
        return [
            *[
                (name, {**options, "fields": [f for f in options["fields"] if f not in PUBLICATION_FIELDS]})
                for name, options in fieldsets
            ],
            (_("Publication"), {"fields": PUBLICATION_FIELDS}),
        ]

    @admin.display(description=_("publication"), ordering="publication")
    def publication_display(self, obj):
        return obj.publication_state

    def change_publication(self, request, queryset, change, message):
        """Apply `change` to each selected row and save it, so that search data, history and the page
        cache follow as after an edit."""
        with transaction.atomic():
            rows = list(queryset)
            for row in rows:
                change(row)
                row.save()
                self.log_change(request, row, message)
        return len(rows)

    def count_label(self, count):
        opts = self.model._meta
        return f"{count} {opts.verbose_name if count == 1 else opts.verbose_name_plural}"

    @admin.action(description=_("Publier"), permissions=["change"])
    def publish_selected(self, request, queryset):
        count = self.change_publication(request, queryset, lambda row: row.publish(), gettext("Publié."))
        self.message_user(
            request,
            gettext("Publication de %(items)s.") % {"items": self.count_label(count)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Dépublier (retirer)"), permissions=["change"])
    def withdraw_selected(self, request, queryset):
        count = self.change_publication(request, queryset, lambda row: row.withdraw(), gettext("Retiré."))
        self.message_user(
            request,
            gettext("Retrait de %(items)s : plus rien n'en paraît sur le site.")
            % {"items": self.count_label(count)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Programmer…"), permissions=["change"])
    def schedule_selected(self, request, queryset):
        form = ScheduleForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            at = form.cleaned_data["publish_at"]
            count = self.change_publication(
                request, queryset, lambda row: row.schedule(at), capfirst(scheduled_for(at)) + "."
            )
            self.message_user(
                request,
                gettext("Mise en ligne de %(items)s programmée pour le %(date)s à %(time)s.")
                % {"items": self.count_label(count), **date_and_time(at)},
                messages.SUCCESS,
            )
            return None
        opts = self.model._meta
        count = queryset.count()
        context = {
            **self.admin_site.each_context(request),
            "title": ngettext(
                "Programmer la mise en ligne d'un élément",
                "Programmer la mise en ligne de %(count)d éléments",
                count,
            )
            % {"count": count},
            "opts": opts,
            "form": form,
            "queryset": queryset,
            "count": count,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "select_across": request.POST.get("select_across", "0"),
            "action": request.POST.get("action", "schedule_selected"),
        }
        return TemplateResponse(request, self.schedule_template, context)


def flatten(fields):
    for field in fields:
        if isinstance(field, list | tuple):
            yield from field
        else:
            yield field
