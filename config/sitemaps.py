"""Every public page, for search engines: /sitemap.xml."""

from django.contrib.sitemaps import Sitemap
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


class ModelSitemap(Sitemap):
    """Every row of `model` that has a public page."""

    model = None
    changefreq = "monthly"

    def items(self):
        return self.model.objects.all()

    def lastmod(self, item):
        return getattr(item, "updated_at", None)


class ArticleSitemap(ModelSitemap):
    changefreq = "weekly"

    def items(self):
        # Evaluated on each request: an article scheduled for tomorrow appears tomorrow.
        return Article.objects.published()


class CountrySitemap(ModelSitemap):
    def items(self):
        return Country.objects.filter(bodies__isnull=False).distinct()


def model_sitemap(model, changefreq="monthly"):
    return type(f"{model.__name__}Sitemap", (ModelSitemap,), {"model": model, "changefreq": changefreq})


SITEMAPS = {
    "pages": PagesSitemap,
    "articles": ArticleSitemap,
    "themes": model_sitemap(Theme, "weekly"),
    "partnerships": model_sitemap(Partnership),
    "agreements": model_sitemap(Agreement),
    "delegations": model_sitemap(Delegation),
    "bodies": model_sitemap(Body),
    "countries": CountrySitemap,
    "domains": model_sitemap(Domain),
    "people": model_sitemap(Person),
    "events": model_sitemap(Event),
}
