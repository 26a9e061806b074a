import hashlib
import re
from dataclasses import dataclass

import django_filters as filters
from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import F
from django.db.models.functions import Collate
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from core import pagecache, search

from .directory import DirectorySnapshot
from .models import Body, Country, Domain, Partnership

MAX_BODY_OPTIONS = 50
# Tag slugs keep their accents (« coopération-décentralisée »).
SLUG = re.compile(r"[-\w]{1,100}")


class SlugChoiceField(forms.ModelChoiceField):
    """Refuses a malformed slug before it reaches the database (a NUL byte breaks PostgreSQL)."""

    def to_python(self, value):
        if value not in self.empty_values and not (isinstance(value, str) and SLUG.fullmatch(value)):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class SlugFilter(filters.ModelChoiceFilter):
    field_class = SlugChoiceField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, to_field_name="slug", **kwargs)


class YearFilter(filters.NumberFilter):
    field_class = forms.IntegerField


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Facet:
    field: forms.BoundField
    options: list | None  # None: the form is invalid, the field renders without counts.
    clear_url: str = ""


class PartnershipFilterSet(filters.FilterSet):
    RELEVANCE, NEWEST, NAME = "pertinence", "recent", "nom"

    q = filters.CharFilter(
        label=_("Mots recherchés"), method="filter_words", max_length=search.QUERY_MAX_LENGTH
    )
    pays = SlugFilter(label=_("Pays"), queryset=Country.objects.all(), method="filter_country")
    acteur = SlugFilter(label=_("Acteur"), queryset=Body.objects.all(), method="filter_body")
    domaine = SlugFilter(label=_("Domaine"), queryset=Domain.objects.all(), method="filter_domain")
    type = filters.ChoiceFilter(label=_("Type"), field_name="kind", choices=Partnership.Kind.choices)
    statut = filters.ChoiceFilter(
        label=_("Statut"), field_name="current_status", choices=Partnership.Status.choices
    )
    annee = YearFilter(
        label=_("En vigueur en"),
        method="filter_year",
        min_value=1900,
        max_value=2200,
        help_text=_("Une année, par exemple 2025."),
    )
    mot_cle = SlugFilter(label=_("Mot-clé"), queryset=Tag.objects.all(), method="filter_tag")
    tri = filters.ChoiceFilter(
        label=_("Trier par"),
        method="sort_last",
        empty_label=None,
        choices=[(RELEVANCE, _("pertinence")), (NEWEST, _("plus récents")), (NAME, _("nom"))],
    )

    FACETS = ["pays", "acteur", "domaine", "type", "statut", "mot_cle"]

    class Meta:
        model = Partnership
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Shown when the form is invalid and the facets render as plain selects.
        for name in self.FACETS:
            self.filters[name].extra["empty_label"] = _("Tous")

    def filter_words(self, queryset, name, value):
        return queryset.search(value)

    def filter_country(self, queryset, name, value):
        return queryset.in_country(value)

    def filter_body(self, queryset, name, value):
        return queryset.involving(value)

    def filter_domain(self, queryset, name, value):
        return queryset.covering([value])

    def filter_year(self, queryset, name, value):
        return queryset.filter(pk__in=Partnership.objects.in_force_in(value).values("pk"))

    def filter_tag(self, queryset, name, value):
        return queryset.tagged(value)

    def sort_last(self, queryset, name, value):
        return queryset  # Sorting happens in sort(), once every filter is applied.

    def narrow(self, queryset, leave_out=None):
        for name, value in self.form.cleaned_data.items():
            if name not in {leave_out, "tri"}:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def filter_queryset(self, queryset):
        return self.sort(self.narrow(queryset))

    def order(self):
        searching = bool(self.form.cleaned_data.get("q"))
        return self.form.cleaned_data.get("tri") or (self.RELEVANCE if searching else self.NAME)

    def sort(self, queryset):
        order = self.order()
        if order == self.RELEVANCE and self.form.cleaned_data.get("q"):
            return queryset.order_by("-rank", "-similarity", "name")
        if order == self.NEWEST:
            return queryset.order_by(F("started_on").desc(nulls_last=True), "name")
        return queryset.order_by("name")

    def chosen(self):
        return {
            name: value
            for name, value in self.form.cleaned_data.items()
            if name != "tri" and value not in (None, "")
        }

    def selection(self, snapshot, leave_out=None):
        """The partnerships every chosen filter but `leave_out` keeps, as a mask of `snapshot`."""
        masks = self._masks(snapshot)
        selected = snapshot.everything()
        for name, mask in masks.items():
            if name != leave_out:
                selected &= mask
        return selected

    def _masks(self, snapshot):
        if getattr(self, "_masks_of", (None,))[0] is not snapshot:
            masks = {}
            for name, value in self.chosen().items():
                if name == "q":
                    keys = Partnership.objects.search(value).order_by().values_list("pk", flat=True)
                    masks[name] = snapshot.with_keys(keys)
                elif name == "annee":
                    masks[name] = snapshot.in_force_in(value)
                else:
                    masks[name] = snapshot.with_value(name, getattr(value, "pk", value))
            self._masks_of = (snapshot, masks)
        return self._masks_of[1]

    def facets(self):
        """Each filter's options with the number of results choosing it would give.

        An option's count keeps every other filter of the current selection. They are counted in
        the directory's snapshot (cooperation/directory.py), then cached with the pages
        (core/pagecache.py) until the next content change: the same selection on page 2, or sorted
        otherwise, reuses them.
        """
        if not self.is_valid():
            return [Facet(self.form[name], None) for name in self.FACETS]
        seconds = pagecache.timeout()
        if seconds:
            options = cache.get_or_set(self._facets_cache_key(), self._count_options, seconds)
        else:
            options = self._count_options()
        return [
            Facet(self.form[name], self._mark_selected(name, options[name]), self._url_without(name))
            for name in self.FACETS
        ]

    def _count_options(self):
        snapshot = DirectorySnapshot.current()
        options = {}
        for name in self.FACETS:
            counts = snapshot.counts(name, self.selection(snapshot, leave_out=name))
            options[name] = getattr(self, f"_{name}_options")(counts, snapshot)
        return options

    def _facets_cache_key(self):
        selection = sorted(
            (name, str(getattr(value, "pk", value)))
            for name, value in self.form.cleaned_data.items()
            if name != "tri" and value not in (None, "")
        )
        language = get_language() or ""
        raw = f"{pagecache.content_version()}|{timezone.localdate()}|{language}|{selection}"
        return "facets:" + hashlib.sha256(raw.encode()).hexdigest()

    def _url_without(self, name):
        query = self.data.copy()
        for key in (name, "page"):
            query.pop(key, None)
        return f"?{query.urlencode()}"

    def _mark_selected(self, name, options):
        chosen = self.form.cleaned_data.get(name)
        if chosen in (None, ""):
            return options
        value = getattr(chosen, "slug", chosen)
        for option in options:
            option.selected = option.value == value
        if not any(option.selected for option in options):
            choices = dict(self.filters[name].extra.get("choices", []))
            label = choices.get(value, str(chosen))
            options.append(Option(value, label, 0, selected=True))
        return options

    @staticmethod
    def _pays_options(counts, snapshot):
        return [Option(c.slug, str(c), counts[c.pk]) for c in Country.objects.filter(pk__in=list(counts))]

    @staticmethod
    def _acteur_options(counts, snapshot):
        # The bodies taking part in most of the results, by name: a select of thousands of
        # options helps nobody (any body's page links to its partnerships here).
        bodies = Body.objects.published().in_bulk(snapshot.top_bodies(counts, MAX_BODY_OPTIONS))
        options = (Option(body.slug, str(body), counts[pk]) for pk, body in bodies.items())
        return sorted(options, key=lambda option: search.name_key(option.label))

    @staticmethod
    def _domaine_options(counts, snapshot):
        """A domain counts once per partnership, whether its own or one of its agreements'."""
        domains = sorted(
            Domain.objects.filter(pk__in=list(counts)), key=lambda domain: search.name_key(str(domain))
        )
        return [Option(domain.slug, str(domain), counts[domain.pk]) for domain in domains]

    def _type_options(self, counts, snapshot):
        return self._choice_options(Partnership.Kind, counts)

    def _statut_options(self, counts, snapshot):
        return self._choice_options(Partnership.Status, counts)

    @staticmethod
    def _mot_cle_options(counts, snapshot):
        tags = Tag.objects.filter(pk__in=list(counts)).order_by(Collate("name", search.NAME_COLLATION))
        return [Option(tag.slug, tag.name, counts[tag.pk]) for tag in tags]

    @staticmethod
    def _choice_options(choices, counts):
        return [Option(value, label, counts[value]) for value, label in choices.choices if counts.get(value)]
