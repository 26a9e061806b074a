import csv
import json
from dataclasses import dataclass
from functools import partial

import numpy as np
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import F, Prefetch
from django.http import HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.formats import number_format
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.views.decorators.gzip import gzip_page
from django.views.generic import DetailView, ListView, TemplateView, View
from django_filters.views import FilterView

from articles.models import Article
from core import search
from core.exports import csv_cell
from core.models import in_order, published_condition
from core.pagination import DeferredJoinPaginator, KeyedResults
from core.sanitize import plain_text
from core.structured_data import json_ld, site_image
from core.views import PreviewMixin, RefusedParametersMixin
from media_library.models import image_object

from . import maps, opendata
from .directory import DirectorySnapshot
from .filters import PartnershipFilterSet
from .forms import PartnersOfForm, SearchForm
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
    Partnership,
    Party,
    Person,
)

PAGE_SIZE = 20
# A body, a country or a domain may have thousands of rows of each kind: its page paginates its
# partnerships and shows the latest of the rest.
LATEST = 20
MAX_BODIES = 100


def news_about(**relations):
    return Article.objects.published().about(**relations)[:LATEST]


class PartnershipPageMixin:
    """Pages the `partnerships` of a detail page (?page=N), like the directory."""

    def paged_from_snapshot(self, facet, value):
        """The published partnerships with `value` of the directory's `facet` (« acteur »,
        « pays », « domaine »), by name, paged: their keys and count from the directory's
        snapshot, only the page's rows from the database. Asked in SQL, Paris's first page walked
        the names of 22,000 partnerships before its first one (its partnerships are named
        « Paris – … »)."""
        snapshot = DirectorySnapshot.current()
        keys = snapshot.keys(snapshot.with_value(facet, value))
        rows = KeyedResults(keys, Partnership.objects.published().for_listing())
        return Paginator(rows, PAGE_SIZE).get_page(self.request.GET.get("page"))


class PartnershipListView(RefusedParametersMixin, FilterView):
    filterset_class = PartnershipFilterSet
    paginate_by = PAGE_SIZE
    paginator_class = DeferredJoinPaginator
    template_name = "cooperation/partnership_list.html"

    def get_queryset(self):
        # Not class attributes here and below: what is published and the status depend on the time.
        return Partnership.objects.published().for_listing()

    def paginate_queryset(self, queryset, page_size):
        """Count the results and find a page's keys in the directory's snapshot; ask the database
        only for the page's rows (or, sorted by relevance, for its ranked keys)."""
        if not self.filterset.is_valid():
            return super().paginate_queryset(queryset, page_size)
        snapshot = DirectorySnapshot.current()
        selected = self.filterset.selection(snapshot)
        order, q = self.filterset.order(), self.filterset.form.cleaned_data.get("q")
        if order != self.filterset.RELEVANCE or not q:
            keys = snapshot.keys(selected, newest_first=order == self.filterset.NEWEST)
        elif (keys := self.ranked_first(snapshot, selected, queryset, q)) is None:
            # Every match ranked (SQLite) or ranked by similarity (a typo): few rows, sorted in SQL.
            self.paginator_class = partial(DeferredJoinPaginator, count=int(selected.sum()))
            return super().paginate_queryset(queryset, page_size)
        self.paginator_class = Paginator
        return super().paginate_queryset(KeyedResults(keys, queryset), page_size)

    @staticmethod
    def ranked_first(snapshot, selected, queryset, q):
        """PostgreSQL ranks a few candidates only (core/search.py): those, by rank, then the
        other matches by name, as the SQL sort gives them."""
        candidates = Partnership.objects.published().rank_candidates(q)
        if candidates is None:
            return None
        ranked = [pk for pk, rank in queryset.filter(pk__in=candidates).values_list("pk", "rank") if rank]
        return np.concatenate(
            [np.array(ranked, dtype=np.int64), snapshot.keys(selected & ~snapshot.with_keys(ranked))]
        )

    def parameters_form(self):
        return self.filterset

    def get_filterset_kwargs(self, filterset_class):
        # Always bound, even without parameters: the default sort and the facets read cleaned data.
        return {**super().get_filterset_kwargs(filterset_class), "data": self.request.GET}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        q = self.filterset.form.cleaned_data.get("q") if self.filterset.is_valid() else ""
        if q:
            search.attach_snippets(context["page_obj"], q, lambda partnership: partnership.search_c)
        return {
            **context,
            "q": q,
            "facets": self.filterset.facets(),
            "active_filters": self.active_filters(),
        }

    def active_filters(self):
        """How many filters narrow the list (not the sort): the « Filtrer » disclosure says it."""
        if not self.filterset.is_valid():
            return 0
        data = self.filterset.form.cleaned_data
        return sum(1 for name, value in data.items() if name != "tri" and value not in (None, "", [], ()))


class PartnershipDetailView(PreviewMixin, DetailView):
    template_name = "cooperation/partnership_detail.html"

    def get_queryset(self):
        return (
            Partnership.objects.for_listing()
            .select_related("lead_image")
            .prefetch_related(
                "tags",
                Prefetch("agreements", queryset=Agreement.objects.published().for_display()),
                Prefetch("delegations", queryset=Delegation.objects.published().for_listing()),
            )
        )

    def get_context_data(self, **kwargs):
        partnership = self.object
        articles = news_about(
            partnerships=partnership,
            agreements__partnership=partnership,
            delegations__partnership=partnership,
        )
        return super().get_context_data(
            timeline=partnership.timeline(articles),
            related=in_order(
                Partnership.objects.for_listing(), DirectorySnapshot.current().related(partnership.pk)
            ),
            json_ld=json_ld(self.web_page(partnership)),
            **kwargs,
        )

    @staticmethod
    def web_page(partnership):
        """The page for search engines (schema.org has no type for a partnership): a WebPage about
        its parties, with an image (its lead image, else the site's)."""
        data = {
            "@context": "https://schema.org",
            "@type": "WebPage",
            "name": partnership.name,
            "url": settings.SITE_URL + partnership.get_absolute_url(),
            "inLanguage": settings.LANGUAGE_CODE,
            "dateModified": partnership.updated_at.isoformat(),
            "image": image_object(partnership.lead_image) if partnership.lead_image else site_image(),
            "about": [PartnershipDetailView.organization(party.body) for party in partnership.parties.all()],
        }
        if partnership.summary:
            data["description"] = " ".join(plain_text(partnership.summary).splitlines())
        return data

    @staticmethod
    def organization(body):
        """A party, with the address of its page only while visitors may see it (as {% linked %})."""
        data = {"@type": "Organization", "name": body.name}
        if body.is_published:
            data["url"] = settings.SITE_URL + body.get_absolute_url()
        if body.country:
            data["address"] = {"@type": "PostalAddress", "addressCountry": body.country.code}
        return data


class AgreementDetailView(PreviewMixin, DetailView):
    template_name = "cooperation/agreement_detail.html"

    def get_queryset(self):
        return (
            Agreement.objects.for_display()
            .select_related("partnership", "renews")
            .prefetch_related(
                Prefetch("renewed_by", queryset=Agreement.objects.published().order_by("signed_on")),
                Prefetch("partnership__parties", queryset=Party.objects.select_related("body__country")),
            )
        )

    def get_context_data(self, **kwargs):
        articles = news_about(agreements=self.object)
        return super().get_context_data(articles=articles, **kwargs)


class DelegationListView(ListView):
    template_name = "cooperation/delegation_list.html"
    paginate_by = PAGE_SIZE
    paginator_class = DeferredJoinPaginator

    def get_queryset(self):
        return Delegation.objects.published().for_listing()


class DelegationDetailView(PreviewMixin, DetailView):
    template_name = "cooperation/delegation_detail.html"

    def get_queryset(self):
        return (
            Delegation.objects.for_listing()
            .select_related("invited_by", "sending_body__country", "host_body__country")
            .prefetch_related(
                Prefetch(
                    "members", queryset=DelegationMember.objects.select_related("person", "office", "body")
                ),
                Prefetch(
                    "meetings",
                    queryset=Meeting.objects.select_related("person", "body").prefetch_related("offices"),
                ),
                Prefetch("events", queryset=Event.objects.published().select_related("place")),
            )
        )

    def get_context_data(self, **kwargs):
        articles = news_about(delegations=self.object)
        return super().get_context_data(articles=articles, **kwargs)


class BodyDetailView(PreviewMixin, PartnershipPageMixin, DetailView):
    template_name = "cooperation/body_detail.html"
    queryset = Body.objects.select_related("country", "lead_image")

    def get_context_data(self, **kwargs):
        body = self.object
        return super().get_context_data(
            partnerships=self.paged_from_snapshot("acteur", body.pk),
            delegations_sent=Delegation.objects.published().sent_by(body).for_listing()[:LATEST],
            delegations_received=Delegation.objects.published().received_by(body).for_listing()[:LATEST],
            offices=body.offices.select_related("person").order_by(F("start_on").desc(nulls_last=True)),
            articles=news_about(bodies=body),
            **kwargs,
        )


class CountryDetailView(PartnershipPageMixin, DetailView):
    template_name = "cooperation/country_detail.html"
    model = Country

    def get_context_data(self, **kwargs):
        country = self.object
        return super().get_context_data(
            bodies=country.bodies.published().order_by("name")[:MAX_BODIES],
            body_count=country.bodies.published().count(),
            partnerships=self.paged_from_snapshot("pays", country.pk),
            delegations_received=Delegation.objects.published().visiting(country).for_listing()[:LATEST],
            delegations_sent=Delegation.objects.published().sent_from(country).for_listing()[:LATEST],
            **kwargs,
        )


class DomainDetailView(PartnershipPageMixin, DetailView):
    template_name = "cooperation/domain_detail.html"
    model = Domain

    def get_context_data(self, **kwargs):
        domain = self.object
        return super().get_context_data(
            # Its own domain or a priority domain of a published agreement, as the directory's facet.
            partnerships=self.paged_from_snapshot("domaine", domain.pk),
            agreement_links=AgreementDomain.objects.filter(published_condition("agreement"), domain=domain)
            .select_related("agreement__partnership")
            .order_by(F("agreement__signed_on").desc(nulls_last=True), "pk")[:LATEST],
            articles=news_about(domains=domain),
            **kwargs,
        )


class PersonDetailView(PreviewMixin, DetailView):
    template_name = "cooperation/person_detail.html"
    model = Person

    def get_context_data(self, **kwargs):
        person = self.object
        return super().get_context_data(
            offices=person.offices.select_related("body").order_by(F("start_on").asc(nulls_first=True)),
            signatures=person.signatures.filter(published_condition("agreement")).select_related(
                "agreement__partnership", "office", "on_behalf_of"
            ),
            delegations_led=person.delegations_led.published().for_listing()[:LATEST],
            memberships=person.delegation_memberships.filter(
                published_condition("delegation")
            ).select_related("delegation__sending_body", "delegation__host_body", "office"),
            meetings=person.meetings.filter(published_condition("delegation"))
            .select_related("delegation__sending_body", "delegation__host_body")
            .prefetch_related("offices"),
            articles=news_about(people=person),
            **kwargs,
        )


class EventDetailView(PreviewMixin, DetailView):
    template_name = "cooperation/event_detail.html"
    queryset = Event.objects.select_related("place", "organiser")

    def get_context_data(self, **kwargs):
        event = self.object
        return super().get_context_data(
            agreements=event.agreements.published().select_related("partnership", "signed_at"),
            delegations=event.delegations.published().for_listing()[:LATEST],
            articles=news_about(events=event),
            **kwargs,
        )


# A search group counts its matches up to this many only, and says « plus de 1 000 » beyond.
COUNT_LIMIT = 1000


@dataclass
class ResultGroup:
    title: str
    template: str
    count: int  # exact up to COUNT_LIMIT, then COUNT_LIMIT + 1
    results: list
    more_url: str = ""
    limit: int = COUNT_LIMIT

    @property
    def over_limit(self):
        return self.count > self.limit

    @property
    def shown_count(self):
        if self.over_limit:
            return _("plus de %(limit)s") % {"limit": number_format(self.limit, force_grouping=True)}
        return number_format(self.count, force_grouping=True)


def capped_count(queryset, limit=COUNT_LIMIT):
    """How many rows, counted up to `limit` + 1 only. Counting every one of the 80,000 articles
    that hold a common word reads them all from the heap (100–150 ms at 100,000 articles); the
    first 1,001 come from the first index pages that hold them."""
    return queryset.order_by().values("pk")[: limit + 1].count()


class SearchView(RefusedParametersMixin, TemplateView):
    template_name = "cooperation/search.html"
    robots = "noindex, follow"  # results pages: endless combinations of words (core/templatetags/seo.py)
    per_group = 10
    count_limit = COUNT_LIMIT

    form = None

    def parameters_form(self):
        return self.form

    def get_context_data(self, **kwargs):
        form = self.form = SearchForm(self.request.GET or None)
        q = form.cleaned_data["q"] if form.is_valid() else ""
        groups = self.groups(q) if q else []
        found = any(group.count for group in groups)
        # Nothing found: one empty state that suggests where to look instead, countries included.
        countries = Country.objects.in_atlas() if q and not found else []
        return super().get_context_data(
            form=form, q=q, groups=groups, found=found, countries=countries, **kwargs
        )

    def count(self, results):
        return capped_count(results, self.count_limit)

    def best(self, results, candidates):
        """The first `per_group` results by rank. Only the candidates have one (core/search.py):
        looking among them spares sorting every match of a common word."""
        if candidates is not None:
            results = results.filter(pk__in=candidates)
        return results[: self.per_group]

    def groups(self, q):
        partnerships = (
            Partnership.objects.published().for_listing().search(q).order_by("-rank", "-similarity", "name")
        )
        articles = search.full_text(
            Article.objects.published(), q, Article.SEARCH_WEIGHTS, headline=F("standfirst")
        ).order_by("-rank", "-published_on")
        bodies = search.names_matching(
            Body.objects.published().select_related("country"), q, ["name", "short_name"]
        )
        people = search.names_matching(Person.objects.published(), q, ["name"])
        partnership_results = search.attach_snippets(
            self.best(partnerships, Partnership.objects.published().rank_candidates(q)),
            q,
            lambda partnership: partnership.search_c,
        )
        article_results = search.attach_snippets(
            self.best(articles, search.rank_candidates(Article.objects.published(), q)),
            q,
            lambda article: article.standfirst or strip_tags(article.text),
        )
        directory_url = f"{reverse('cooperation:partnership-list')}?{self.request.GET.urlencode()}"

        def group(title, name, results, shown, **kwargs):
            template = f"cooperation/includes/search_{name}.html"
            return ResultGroup(title, template, self.count(results), shown, limit=self.count_limit, **kwargs)

        return [
            group(
                _("Partenariats"), "partnerships", partnerships, partnership_results, more_url=directory_url
            ),
            group(_("Actualités"), "articles", articles, article_results),
            group(_("Acteurs"), "bodies", bodies, bodies[: self.per_group]),
            group(_("Personnes"), "people", people, people[: self.per_group]),
        ]


def invalid_parameters(*forms):
    """A 400 naming each refused parameter, for the open data files."""
    errors = "; ".join(
        f"{name} : {' '.join(messages)}" for form in forms for name, messages in form.errors.items()
    )
    return HttpResponseBadRequest(
        _("Paramètres invalides — %(errors)s") % {"errors": errors},
        content_type="text/plain; charset=utf-8",
    )


class Echo:
    """A file that hands back what is written, so csv.writer can feed a streaming response."""

    def write(self, value):
        return value


class PartnershipExportView(View):
    """The directory's current result set, same parameters as the page, as CSV or JSON.

    Streamed: rows are read in chunks and written out as they come, so a worker's memory does not
    grow with the size of the export.
    """

    format = "csv"
    chunk_size = 2000

    def get(self, request):
        filterset = PartnershipFilterSet(request.GET, queryset=Partnership.objects.published())
        if not filterset.is_valid():
            return invalid_parameters(filterset.form)
        render = self.csv_lines if self.format == "csv" else self.json_chunks
        response = StreamingHttpResponse(render(filterset.qs), content_type=self.content_type)
        if self.format == "csv":
            response["Content-Disposition"] = 'attachment; filename="partenariats.csv"'
        return response

    @property
    def content_type(self):
        return "text/csv; charset=utf-8" if self.format == "csv" else "application/json"

    def records(self, partnerships):
        return opendata.partnership_records(partnerships, self.request.build_absolute_uri, self.chunk_size)

    def csv_lines(self, partnerships):
        writer = csv.writer(Echo())
        columns = [column for column, _meaning in opendata.PARTNERSHIP_FIELDS]
        yield writer.writerow(columns)
        for record in self.records(partnerships):
            yield writer.writerow([csv_cell(record[column]) for column in columns])

    def json_chunks(self, partnerships):
        head = {"licence": opendata.LICENCE, "licence_url": opendata.LICENCE_URL}
        head["count"] = partnerships.count()
        yield json.dumps(head, ensure_ascii=False)[:-1] + ', "results": ['
        separator = "\n"
        for record in self.records(partnerships):
            yield separator + json.dumps(record, ensure_ascii=False)
            separator = ",\n"
        yield "\n]}\n"


def geojson_response(collection):
    return HttpResponse(
        json.dumps(collection, ensure_ascii=False, separators=(",", ":")),
        content_type="application/geo+json; charset=utf-8",
    )


# Map data runs to megabytes (1.7 MB for 6,000 bodies): compressed once, when the page cache
# stores it, rather than by nginx at every request.
@method_decorator(gzip_page, name="dispatch")
class BodyGeoJSONView(View):
    """Every located body, with its number of partnerships among the directory's selection (same
    parameters as the directory): what the map draws."""

    def get(self, request):
        filterset = PartnershipFilterSet(request.GET, queryset=Partnership.objects.published())
        if not filterset.is_valid():
            return invalid_parameters(filterset.form)
        return geojson_response(maps.bodies_collection(filterset, request.build_absolute_uri))


@method_decorator(gzip_page, name="dispatch")
class PartnersGeoJSONView(View):
    """The lines from one body (`?de=`) to its partners in the directory's selection."""

    def get(self, request):
        form = PartnersOfForm(request.GET)
        filterset = PartnershipFilterSet(request.GET, queryset=Partnership.objects.published())
        if not (form.is_valid() & filterset.is_valid()):  # both checked, every error reported
            return invalid_parameters(form, filterset.form)
        body = form.cleaned_data["de"]
        return geojson_response(maps.partners_collection(body, filterset, request.build_absolute_uri))


class MapView(RefusedParametersMixin, TemplateView):
    """The map of the directory's selection: the same filters, and the bodies as a list beside it
    (what a keyboard, a screen reader or a browser without JavaScript reads)."""

    template_name = "cooperation/map.html"
    bodies_per_page = 50

    filterset = None

    def parameters_form(self):
        return self.filterset

    def get_context_data(self, **kwargs):
        filterset = self.filterset = PartnershipFilterSet(
            self.request.GET, queryset=Partnership.objects.published()
        )
        valid = filterset.is_valid()
        context = {"filter": filterset, "facets": filterset.facets(), "valid": valid}
        if valid:
            ordered, counts, total = maps.bodies_by_count(filterset)
            page = Paginator(ordered, self.bodies_per_page).get_page(self.request.GET.get("page"))
            found = Body.objects.select_related("country").in_bulk(list(page.object_list))
            page.object_list = [(found[pk], counts[pk]) for pk in page.object_list if pk in found]
            context.update(page_obj=page, body_count=len(ordered), partnership_count=total)
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("tri", None)
        context["query"] = query.urlencode()
        return super().get_context_data(**context, **kwargs)


class OpenDataView(TemplateView):
    template_name = "cooperation/open_data.html"
    extra_context = {
        "licence": opendata.LICENCE,
        "licence_url": opendata.LICENCE_URL,
        "partnership_fields": opendata.PARTNERSHIP_FIELDS,
        "body_properties": opendata.BODY_PROPERTIES,
    }
