"""Every public page of the site, for the tests that must hold on all of them."""

from django.urls import reverse

ARTICLE = "namur-et-hue-signent-un-protocole-de-cooperation-2024-2029"


def public_pages():
    """HTML pages a visitor can reach, on the seed data."""
    return [
        reverse("home"),
        reverse("articles:article-list"),
        reverse("articles:article-detail", args=[ARTICLE]),
        reverse("articles:theme", args=["gouvernance"]),
        reverse("articles:tag", args=["francophonie"]),
        reverse("cooperation:partnership-list"),
        reverse("cooperation:map"),
        reverse("cooperation:partnership-detail", args=["hue-namur"]),
        reverse("cooperation:agreement-detail", args=["hue-namur-protocole-2024-2029"]),
        reverse("cooperation:delegation-list"),
        reverse("cooperation:delegation-detail", args=["hanoi-vientiane-2024-09"]),
        reverse("cooperation:body-detail", args=["hue"]),
        reverse("cooperation:country-detail", args=["vietnam"]),
        reverse("cooperation:domain-detail", args=["culture-patrimoine"]),
        reverse("cooperation:person-detail", args=["maxime-prevot"]),
        reverse("cooperation:event-detail", args=["aimf-congres-2024"]),
        reverse("cooperation:search") + "?q=hue",
        reverse("cooperation:open-data"),
        reverse("newsletter:subscribe"),
        reverse("newsletter:archive"),
    ]


def public_urls():
    """Pages, feeds and data files."""
    return [
        *public_pages(),
        reverse("articles:feed-rss"),
        reverse("articles:feed-atom"),
        reverse("articles:theme-feed-rss", args=["gouvernance"]),
        reverse("articles:theme-feed-atom", args=["gouvernance"]),
        reverse("sitemap"),
        reverse("robots"),
        reverse("cooperation:partnerships-csv"),
        reverse("cooperation:partnerships-json"),
        reverse("cooperation:bodies-geojson"),
        reverse("cooperation:partners-geojson") + "?de=hue",
    ]
