"""Every public page, for search engines: /sitemap.xml is an index of sections of at most
`PAGE_SIZE` URLs each (search engines accept 50,000), each section read from a few columns.

Each page is listed in both languages (French at the root, English under /en/), each entry with
its `xhtml:link` alternates in every language and `x-default` (French)."""

from django.conf import settings
from django.contrib.sitemaps import GenericSitemap, Sitemap
from django.urls import reverse

from articles.models import Article, Theme
from cooperation.models import Agreement, Body, Country, Delegation, Domain, Event, Partnership, Person

PAGE_SIZE = 10_000
LANGUAGES = [code for code, _name in settings.LANGUAGES]


class EveryLanguage:
    """The (row, language) pairs Django's i18n sitemap pages through, counted and sliced in SQL.

    Django builds that list from every row of the section at each request (100,000 partnerships
    read to write 5,000 of them); this counts the rows and reads only the slice of the page."""

    def __init__(self, items, languages):
        self.items, self.languages = items, languages

    def count(self):
        rows = len(self.items) if isinstance(self.items, list) else self.items.count()
        return rows * len(self.languages)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("EveryLanguage only takes slices without a step.")
        start, stop = index.start or 0, index.stop
        size = len(self.languages)
        first = start // size
        last = None if stop is None else -(-stop // size)
        pairs = [(item, code) for item in self.items[first:last] for code in self.languages]
        offset = first * size
        return pairs[start - offset : None if stop is None else stop - offset]


class EveryLanguageSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def _items(self):
        # Django's own builds the whole list (see EveryLanguage); same pairs, same order.
        return EveryLanguage(self.items(), LANGUAGES)


class PagesSitemap(EveryLanguageSitemap):
    changefreq = "daily"
    limit = PAGE_SIZE

    def items(self):
        return [
            "home",
            "articles:article-list",
            "cooperation:partnership-list",
            "cooperation:map",
            "cooperation:delegation-list",
            "cooperation:open-data",
        ]

    def location(self, item):
        return reverse(item)


class RowsSitemap(EveryLanguageSitemap, GenericSitemap):
    """A section of the rows of a queryset, in primary key order, reading only what a URL needs.

    For a `Publishable` model, only the rows published when the section is asked for (not when the
    module is imported: a row scheduled for tomorrow appears tomorrow)."""

    limit = PAGE_SIZE

    def items(self):
        queryset = self.queryset.all()
        if hasattr(queryset, "published"):
            queryset = queryset.published()
        return queryset

    def get_latest_lastmod(self):
        if self.date_field is None:
            return None
        return self.items().order_by(f"-{self.date_field}").values_list(self.date_field, flat=True).first()


class CountrySitemap(RowsSitemap):
    def items(self):
        return Country.objects.in_atlas().only("pk", "slug").order_by("pk")


def pages_of(queryset, changefreq="monthly", sitemap_class=RowsSitemap):
    model = queryset.model
    fields = ["pk", "slug"] + (["updated_at"] if hasattr(model, "updated_at") else [])
    info = {"queryset": queryset.only(*fields).order_by("pk")}
    if "updated_at" in fields:
        info["date_field"] = "updated_at"
    return sitemap_class(info, changefreq=changefreq)


SITEMAPS = {
    "pages": PagesSitemap,
    "articles": pages_of(Article.objects.all(), "weekly"),
    "themes": pages_of(Theme.objects.all(), "weekly"),
    "partnerships": pages_of(Partnership.objects.all()),
    "agreements": pages_of(Agreement.objects.all()),
    "delegations": pages_of(Delegation.objects.all()),
    "bodies": pages_of(Body.objects.all()),
    "countries": pages_of(Country.objects.all(), sitemap_class=CountrySitemap),
    "domains": pages_of(Domain.objects.all()),
    "people": pages_of(Person.objects.all()),
    "events": pages_of(Event.objects.all()),
}
