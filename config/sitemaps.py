"""Every public page, for search engines: /sitemap.xml."""

from django.contrib.sitemaps import GenericSitemap, Sitemap
from django.urls import reverse

from articles.models import Article, Theme
from cooperation.models import Agreement, Body, Country, Delegation, Domain, Event, Partnership, Person


class PagesSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return [
            "home",
            "articles:article-list",
            "cooperation:partnership-list",
            "cooperation:delegation-list",
            "cooperation:open-data",
        ]

    def location(self, item):
        return reverse(item)


def pages_of(queryset, changefreq="monthly"):
    info = {"queryset": queryset}
    if hasattr(queryset.model, "updated_at"):
        info["date_field"] = "updated_at"
    return GenericSitemap(info, changefreq=changefreq)


class ArticleSitemap(GenericSitemap):
    def items(self):
        # Not a queryset built at import: an article scheduled for tomorrow appears tomorrow.
        return Article.objects.published()


SITEMAPS = {
    "pages": PagesSitemap,
    "articles": ArticleSitemap(
        {"queryset": Article.objects.all(), "date_field": "updated_at"}, changefreq="weekly"
    ),
    "themes": pages_of(Theme.objects.all(), "weekly"),
    "partnerships": pages_of(Partnership.objects.all()),
    "agreements": pages_of(Agreement.objects.all()),
    "delegations": pages_of(Delegation.objects.all()),
    "bodies": pages_of(Body.objects.all()),
    "countries": pages_of(Country.objects.in_atlas()),
    "domains": pages_of(Domain.objects.all()),
    "people": pages_of(Person.objects.all()),
    "events": pages_of(Event.objects.all()),
}
