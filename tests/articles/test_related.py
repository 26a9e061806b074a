import datetime

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_body, make_domain, make_partnership

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def related(article):
    return list(Article.objects.related_to(article))


def test_shared_partnership_beats_shared_tag_beats_recency():
    partnership = make_partnership()
    article = make_article(partnerships=[partnership], tags=["eau"], published_on=days_ago(1))
    newest = make_article(published_on=days_ago(2))
    shares_tag = make_article(tags=["eau"], published_on=days_ago(30))
    shares_partnership = make_article(partnerships=[partnership], published_on=days_ago(60))
    assert related(article) == [shares_partnership, shares_tag, newest]


def test_bodies_and_domains_count_between_partnerships_and_tags():
    body, domain = make_body(), make_domain()
    article = make_article(bodies=[body], domains=[domain], tags=["eau"])
    shares_tag = make_article(tags=["eau"], published_on=days_ago(1))
    shares_domain = make_article(domains=[domain], published_on=days_ago(50))
    shares_body = make_article(bodies=[body], published_on=days_ago(100))
    assert related(article) == [shares_body, shares_domain, shares_tag]


def test_more_shared_items_rank_higher():
    first, second = make_partnership(), make_partnership()
    article = make_article(partnerships=[first, second])
    one = make_article(partnerships=[first], published_on=days_ago(1))
    two = make_article(partnerships=[first, second], published_on=days_ago(90))
    assert related(article)[:2] == [two, one]


def test_never_itself_never_a_draft_never_a_future_article_at_most_three():
    partnership = make_partnership()
    article = make_article(partnerships=[partnership])
    make_article(partnerships=[partnership], draft=True)
    make_article(partnerships=[partnership], publish_at=timezone.now() + datetime.timedelta(days=3))
    others = [make_article(published_on=days_ago(days)) for days in (5, 6, 7, 8)]
    result = related(article)
    assert result == others[:3]
    assert article not in result


def test_counts_are_not_inflated_by_joins():
    partnership = make_partnership()
    article = make_article(partnerships=[partnership], tags=["a", "b", "c"])
    other = make_article(partnerships=[partnership], tags=["a", "b"])
    (result,) = related(article)
    assert result == other
    assert (result.shared_partnerships, result.shared_tags) == (1, 2)


def test_related_block_on_the_article_page(client, seed):
    article = Article.objects.get(slug="namur-et-hue-signent-un-protocole-de-cooperation-2024-2029")
    response = client.get(article.get_absolute_url())
    related_articles = list(response.context["related_articles"])
    assert 0 < len(related_articles) <= 3
    assert article not in related_articles
