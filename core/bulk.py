"""Admin actions that add one thing (a tag, a domain) to every selected row, after a form page."""

from django import forms
from django.contrib import messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from taggit.models import Tag


class TagForm(forms.Form):
    tag = forms.CharField(
        label=_("Mot-clé"),
        max_length=100,
        help_text=_("Un mot-clé existant (proposé à la saisie) ou nouveau."),
        widget=forms.TextInput(attrs={"list": "existing-tags", "autocomplete": "off"}),
    )

    def clean_tag(self):
        name = self.cleaned_data["tag"].strip()
        if "," in name:
            raise forms.ValidationError(_("Un seul mot-clé à la fois, sans virgule."))
        if not name:
            raise forms.ValidationError(_("Saisissez un mot-clé."))
        return name


def tag_named(name):
    """The tag of that name, whatever its case, created if there is none."""
    return Tag.objects.filter(name__iexact=name).order_by("pk").first() or Tag.objects.create(name=name)


def add_tag(queryset, through, tag):
    """Tag every row of `queryset` through `through` (a TaggedItemBase); the number newly tagged.

    One query for the rows already tagged, bulk inserts for the others: no per-row query and no
    signal, so the caller refreshes what derives from tags once.
    """
    tagged = set(
        through.objects.filter(tag=tag, content_object__in=queryset).values_list("content_object", flat=True)
    )
    new = [pk for pk in queryset.values_list("pk", flat=True) if pk not in tagged]
    through.objects.bulk_create([through(content_object_id=pk, tag=tag) for pk in new], batch_size=1000)
    return new


def bulk_add(modeladmin, request, queryset, *, form_class, title, apply):
    """The form page of a « add … to the selection » action, then `apply(queryset, cleaned_data)`.

    `apply` returns the success message. The page posts back to the changelist (same filters, same
    selection), which runs the action again with the form's data.
    """
    form = form_class(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        modeladmin.message_user(request, apply(queryset, form.cleaned_data), messages.SUCCESS)
        return None
    opts = modeladmin.model._meta
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "opts": opts,
        "form": form,
        "queryset": queryset,
        "count": queryset.count(),
        "action": request.POST["action"],
        "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
        "select_across": request.POST.get("select_across", "0"),
        "existing_tags": Tag.objects.order_by("name").values_list("name", flat=True)[:500]
        if "tag" in form.fields
        else (),
    }
    return TemplateResponse(request, "admin/bulk_add.html", context)


def tagged_message(tag, added, selected):
    return ngettext(
        "Mot-clé « %(tag)s » ajouté à %(count)d élément (%(already)d l'avaient déjà).",
        "Mot-clé « %(tag)s » ajouté à %(count)d éléments (%(already)d l'avaient déjà).",
        added,
    ) % {"tag": tag.name, "count": added, "already": selected - added}
