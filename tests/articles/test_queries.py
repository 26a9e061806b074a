"""Each public page does a fixed number of SQL queries, whatever the number of rows."""

import pytest
from django.urls import reverse

from tests.factories import (
    indexed_once,
    make_agreement,
    make_article,
    make_body,
    make_delegation,
    make_domain,
    make_image,
    make_partnership,
    make_person,
    make_theme,
)
from tests.queries import queries_per_page

pytestmark = pytest.mark.django_db


class World:
    """One main article, theme and tag, and `add(n)` more of everything around them."""

    def __init__(self):
        self.theme = make_theme()
        self.article = make_article(themes=[self.theme], tags=["principal"], lead_image=make_image())

    def add(self, count):
        for _ in range(count):
            partnership = make_partnership()
            agreement = make_agreement(partnership)
            delegation = make_delegation(partnership=partnership)
            body, domain, person = make_body(), make_domain(), make_person()
            theme = make_theme()
            tag = f"mot-{partnership.pk}"
            self.article.themes.add(theme)
            self.article.partnerships.add(partnership)
            self.article.agreements.add(agreement)
            self.article.delegations.add(delegation)
            self.article.bodies.add(body)
            self.article.domains.add(domain)
            self.article.people.add(person)
            self.article.tags.add(tag)
            make_article(
                lead_image=make_image(),  # each card shows its own: still no query per card
                themes=[self.theme, theme],
                tags=["principal", tag],
                partnerships=[partnership],
                bodies=[body],
                domains=[domain],
            )

    def urls(self):
        return [
            reverse("home"),
            reverse("articles:article-list"),
            reverse("articles:article-list") + "?theme=" + self.theme.slug + "&tag=principal",
            reverse("articles:article-list") + "?page=2",
            self.article.get_absolute_url(),
            self.theme.get_absolute_url(),
            reverse("articles:tag", args=["principal"]),
            reverse("articles:feed-rss"),
            reverse("articles:feed-atom"),
            reverse("articles:theme-feed-rss", args=[self.theme.slug]),
            reverse("articles:theme-feed-atom", args=[self.theme.slug]),
            reverse("sitemap"),
            reverse("sitemap-section", args=["articles"]),
            reverse("sitemap-section", args=["partnerships"]),
            reverse("robots"),
        ]


def test_same_number_of_queries_with_1_and_200_rows(client):
    with indexed_once():
        world = World()
        world.add(1)
        # Page 2 exists with 200 rows only; add enough articles for it with 1 row.
        for _ in range(10):
            make_article()
    with_one = queries_per_page(client, world.urls())
    for _ in range(199):
        with indexed_once():  # one group of rows at a time, as one admin save would index them
            world.add(1)
    with_many = queries_per_page(client, world.urls())
    assert with_many == with_one


def test_articles_about_several_relations_are_one_semi_join_on_a_union():
    """README « At scale »: an OR of one semi-join per relation was estimated to keep most
    articles, and a partnership with no article walked all 100,000 newest first."""
    from articles.models import Article

    sql = str(Article.objects.published().about(partnerships=1, agreements__partnership=1).query).upper()
    assert sql.count(" UNION ") == 1
    assert sql.count('"ARTICLES_ARTICLE"."ID" IN (') == 1  # one semi-join, not one per relation
