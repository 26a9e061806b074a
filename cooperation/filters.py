import hashlib
import re
from dataclasses import dataclass

import django_filters as filters
from django import forms
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet, ValidationError
from django.db import connection
from django.db.models import Count, F
from django.db.models.functions import Collate
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from core import pagecache, search

from .models import AgreementDomain, Body, Country, Domain, Partnership

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

    def sort(self, queryset):
        searching = bool(self.form.cleaned_data.get("q"))
        order = self.form.cleaned_data.get("tri") or (self.RELEVANCE if searching else self.NAME)
        if order == self.RELEVANCE and searching:
            return queryset.order_by("-rank", "-similarity", "name")
        if order == self.NEWEST:
            return queryset.order_by(F("started_on").desc(nulls_last=True), "name")
        return queryset.order_by("name")

    def facets(self):
        """Each filter's options with the number of results choosing it would give.

        An option's count keeps every other filter of the current selection: one aggregate query
        per facet. The counts are cached with the pages (core/pagecache.py), until the next content
        change: the same selection on page 2, or sorted otherwise, reuses them.
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
        return {name: getattr(self, f"_{name}_options")(self._within(name)) for name in self.FACETS}

    def _within(self, facet):
        """The results every other chosen filter leaves (their keys), or None when none is chosen:
        then the counts read the link tables alone, without a join to the partnerships."""
        chosen = [
            name
            for name, value in self.form.cleaned_data.items()
            if name not in {facet, "tri"} and value not in (None, "")
        ]
        return self.narrow(Partnership.objects.all(), leave_out=facet).values("pk") if chosen else None

    @staticmethod
    def _among(lookup, within):
        return {} if within is None else {lookup: within}

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

    def _pays_options(self, within):
        countries = Country.objects.filter(
            bodies__participations__isnull=False,
            **self._among("bodies__participations__partnership__in", within),
        ).annotate(n=Count("bodies__participations__partnership", distinct=True))
        return [Option(country.slug, str(country), country.n) for country in countries]

    def _acteur_options(self, within):
        # The bodies taking part in most of the results, by name: a select of thousands of
        # options helps nobody (any body's page links to its partnerships here).
        bodies = (
            Body.objects.filter(
                participations__isnull=False, **self._among("participations__partnership__in", within)
            )
            .annotate(n=Count("participations__partnership", distinct=True))
            .order_by("-n", "name")[:MAX_BODY_OPTIONS]
        )
        return sorted(
            (Option(body.slug, str(body), body.n) for body in bodies), key=lambda o: search.name_key(o.label)
        )

    def _domaine_options(self, within):
        """A domain counts once per partnership, whether its own or one of its agreements'."""
        own = Partnership.domains.through.objects.filter(**self._among("partnership__in", within))
        agreed = AgreementDomain.objects.filter(
            **self._among("agreement__partnership__in", within)
        ).order_by()
        pairs = own.values_list("partnership_id", "domain_id").union(
            agreed.values_list("agreement__partnership_id", "domain_id")
        )
        try:
            sql, params = pairs.query.sql_with_params()
        except EmptyResultSet:  # nothing can match (a search without a word)
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT pairs.domain_id, COUNT(*) FROM ({sql}) pairs GROUP BY pairs.domain_id", params
            )
            counts = dict(cursor.fetchall())
        domains = sorted(
            Domain.objects.filter(pk__in=counts), key=lambda domain: search.name_key(str(domain))
        )
        return [Option(domain.slug, str(domain), counts[domain.pk]) for domain in domains]

    def _type_options(self, within):
        rows = (
            Partnership.objects.filter(**self._among("pk__in", within))
            .values_list("kind")
            .annotate(n=Count("pk"))
        )
        return self._choice_options(Partnership.Kind, dict(rows.order_by()))

    def _statut_options(self, within):
        rows = (
            Partnership.objects.filter(**self._among("pk__in", within))
            .values_list("current_status")
            .annotate(n=Count("pk"))
        )
        return self._choice_options(Partnership.Status, dict(rows.order_by()))

    def _mot_cle_options(self, within):
        tagged = "cooperation_taggedpartnership_items__content_object"
        tags = Tag.objects.filter(
            **{f"{tagged}__isnull": False}, **self._among(f"{tagged}__in", within)
        ).annotate(n=Count("cooperation_taggedpartnership_items__content_object", distinct=True))
        return [
            Option(tag.slug, tag.name, tag.n) for tag in tags.order_by(Collate("name", search.NAME_COLLATION))
        ]

    @staticmethod
    def _choice_options(choices, counts):
        return [Option(value, label, counts[value]) for value, label in choices.choices if counts.get(value)]
