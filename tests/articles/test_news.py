import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from articles.models import Article, Theme
from cooperation.models import Partnership
from tests.factories import make_article, make_theme

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
HUE_NAMUR = "namur-et-hue-signent-un-protocole-de-cooperation-2024-2029"


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


class TestNewsPages:
    def test_list_shows_published_articles_newest_first(self, client, seed):
        html = client.get(reverse("articles:article-list")).content.decode()
        titles = [article.title for article in Article.objects.published()]
        assert len(titles) == 3
        positions = [html.index(title) for title in titles]
        assert positions == sorted(positions)

    def test_list_filters_by_theme_tag_and_year(self, client, seed):
        url = reverse("articles:article-list")
        governance = client.get(url, {"theme": "gouvernance"}).content.decode()
        assert "Namur et Hué signent" in governance
        assert "Djiboutien" not in governance and "djiboutien" not in governance

        asean = client.get(url, {"tag": "asean"}).content.decode()
        assert "Vietnam et du Laos" in asean
        assert "Namur et Hué signent" not in asean

        year = client.get(url, {"year": "2024"}).content.decode()
        assert "Namur et Hué signent" in year

    def test_unknown_filter_value_is_a_form_error(self, client, seed):
        response = client.get(reverse("articles:article-list"), {"theme": "inconnue", "year": "deux"})
        assert response.status_code == 400
        assert response.context["filter"].errors.keys() == {"theme", "year"}
        assert 'role="alert"' in response.content.decode()

    def test_list_is_paginated(self, client, db):
        for _ in range(12):
            make_article()
        first = client.get(reverse("articles:article-list"))
        assert len(first.context["page_obj"]) == 10
        assert 'rel="next"' in first.content.decode()
        second = client.get(reverse("articles:article-list"), {"page": 2})
        assert len(second.context["page_obj"]) == 2

    def test_article_page(self, client, seed):
        response = client.get(reverse("articles:article-detail", args=[HUE_NAMUR]))
        html = response.content.decode()
        assert response.status_code == 200
        assert "24 mai 2024" in html
        assert 'href="/actualites/themes/gouvernance/"' in html
        assert "transition numérique" in html
        # The fact box links to what the article reports.
        assert f'href="{Partnership.objects.get(slug="hue-namur").get_absolute_url()}"' in html
        assert "Protocole de coopération 2024-2029" in html
        # Plain share links, no third-party script.
        assert "mailto:?subject=" in html
        assert "https://www.linkedin.com/sharing/share-offsite/?url=http%3A%2F%2Ftestserver%2F" in html
        assert "<script src" not in html
        assert "Ces articles pourraient vous intéresser" in html

    def test_month_precision_date(self, client, seed):
        slug = "promotion-de-la-cooperation-entre-les-capitales-du-vietnam-et-du-laos"
        html = client.get(reverse("articles:article-detail", args=[slug])).content.decode()
        assert "septembre 2024" in html

    def test_theme_and_tag_pages(self, client, seed):
        theme = Theme.objects.get(slug="gouvernance")
        html = client.get(theme.get_absolute_url()).content.decode()
        assert "Namur et Hué signent" in html
        assert "Vietnam et du Laos" not in html

        response = client.get(reverse("articles:tag", args=["transition-numérique"]))
        assert response.status_code == 200
        assert "Namur et Hué signent" in response.content.decode()
        assert client.get(reverse("articles:tag", args=["inconnu"])).status_code == 404

    def test_body_html_is_sanitized_and_other_text_escaped(self, client, db):
        article = make_article(title="<b>Gras</b> & titre")
        article.text = '<p>Bon</p><script>alert("x")</script><img src=x onerror="alert(1)">'
        article.standfirst = "<i>chapô</i>"
        article.save()
        html = client.get(article.get_absolute_url()).content.decode()
        assert "<p>Bon</p>" in html
        assert 'alert("x")' not in html and "onerror" not in html
        assert "&lt;b&gt;Gras&lt;/b&gt; &amp; titre" in html
        assert "&lt;i&gt;chapô&lt;/i&gt;" in html


class TestJsonLd:
    def test_article_page_has_news_article(self, client, seed):
        html = client.get(reverse("articles:article-detail", args=[HUE_NAMUR])).content.decode()
        data = json_ld(html)
        assert data["@type"] == "NewsArticle"
        assert data["headline"] == "Namur et Hué signent un Protocole de Coopération 2024-2029"
        assert data["datePublished"] == "2024-05-24"
        assert 'property="og:type" content="article"' in html

    def test_staff_text_cannot_leave_the_script_element(self, client, db):
        title = 'Fin </script><script>alert("pwned")</script> & <!-- fin'
        article = make_article(title=title)
        html = client.get(article.get_absolute_url()).content.decode()
        assert '<script>alert("pwned")' not in html
        assert json_ld(html)["headline"] == title


class TestFeeds:
    @pytest.mark.parametrize("name", ["articles:feed-rss", "articles:feed-atom"])
    def test_feed_lists_published_titles_and_no_draft(self, client, seed, name):
        make_article(title="Brouillon secret", draft=True)
        response = client.get(reverse(name))
        assert response.status_code == 200
        root = ET.fromstring(response.content)
        titles = [node.text for node in root.iter() if node.tag in ("title", f"{ATOM}title")]
        for article in Article.objects.published():
            assert article.title in titles
        assert "Brouillon secret" not in titles

    @pytest.mark.parametrize(
        "url", [reverse("articles:feed-rss"), reverse("articles:theme-feed-atom", args=["gouvernance"])]
    )
    def test_a_feed_is_sent_in_one_piece(self, client, seed, url):
        # The feed generator writes hundreds of small pieces; a WSGI server sends each one to the
        # socket on its own. Joined, the feed is one write, cached or not.
        for _ in range(2):
            response = client.get(url)
            pieces = list(response)
            assert len(pieces) == 1
            assert pieces[0].startswith(b"<?xml") and pieces[0].rstrip().endswith(b">")

    @pytest.mark.parametrize("name", ["articles:theme-feed-rss", "articles:theme-feed-atom"])
    def test_theme_feed(self, client, seed, name):
        response = client.get(reverse(name, args=["gouvernance"]))
        root = ET.fromstring(response.content)
        titles = [node.text for node in root.iter() if node.tag in ("title", f"{ATOM}title")]
        assert "Namur et Hué signent un Protocole de Coopération 2024-2029" in titles
        assert not any("Laos" in (title or "") for title in titles)
        assert client.get(reverse(name, args=["inconnue"])).status_code == 404

    def test_escapes_markup_in_the_theme_description(self, client, db):
        theme = make_theme()
        theme.description = 'Eau & <b onmouseover="x()">assainissement</b>'
        theme.save()
        make_article(themes=[theme])
        rss = ET.fromstring(client.get(reverse("articles:theme-feed-rss", args=[theme.slug])).content)
        assert rss.find("channel/description").text == (
            "Eau &amp; &lt;b onmouseover=&quot;x()&quot;&gt;assainissement&lt;/b&gt;"
        )
        atom = ET.fromstring(client.get(reverse("articles:theme-feed-atom", args=[theme.slug])).content)
        assert atom.find(f"{ATOM}subtitle").text == theme.description  # text, not HTML: once escaped

    def test_escapes_html_in_standfirst(self, client, db):
        theme = make_theme()
        article = make_article(themes=[theme])
        article.standfirst = "<script>x</script>"
        article.save()
        response = client.get(reverse("articles:feed-rss"))
        description = ET.fromstring(response.content).find("channel/item/description").text
        assert description == "&lt;script&gt;x&lt;/script&gt;"
