import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from articles.models import Article, Theme
from config.sitemaps import SITEMAPS
from cooperation.models import Partnership
from tests.factories import (
    make_agreement,
    make_article,
    make_delegation,
    make_domain,
    make_event,
    make_partnership,
    make_person,
    make_theme,
)

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_paths(client):
    """Every path the sitemap index leads to, through each of its sections."""
    index = client.get(reverse("sitemap"))
    assert index.status_code == 200
    assert ET.fromstring(index.content).tag == f"{SITEMAP}sitemapindex"
    paths = set()
    for section in ET.fromstring(index.content).iter(f"{SITEMAP}loc"):
        response = client.get(section.text.removeprefix("http://testserver"))
        assert response.status_code == 200
        locations = {node.text for node in ET.fromstring(response.content).iter(f"{SITEMAP}loc")}
        paths |= {location.removeprefix("http://testserver") for location in locations}
    return paths


class TestSitemapAndRobots:
    def test_sitemap_lists_public_pages_and_no_draft(self, client, seed):
        draft = make_article(draft=True)
        paths = sitemap_paths(client)
        for article in Article.objects.published():
            assert article.get_absolute_url() in paths
        for slug in ("hue-namur", "hanoi-vientiane", "djibouti-libye"):
            assert Partnership.objects.get(slug=slug).get_absolute_url() in paths
        assert Theme.objects.get(slug="gouvernance").get_absolute_url() in paths
        assert reverse("home") in paths
        assert draft.get_absolute_url() not in paths

    def test_sitemap_covers_every_kind_of_page(self, client, db):
        agreement = make_agreement()
        delegation = make_delegation()
        body = agreement.partnership.bodies.first()
        rows = [agreement, agreement.partnership, delegation, body, body.country]
        rows += [make_domain(), make_person(), make_event(), make_theme()]
        paths = sitemap_paths(client)
        for row in rows:
            assert row.get_absolute_url() in paths, row

    def test_a_large_section_is_split_into_pages(self, client, db, monkeypatch):
        monkeypatch.setattr(SITEMAPS["partnerships"], "limit", 2)
        partnerships = [make_partnership() for _ in range(5)]
        index = client.get(reverse("sitemap")).content.decode()
        assert "/sitemap-partnerships.xml?p=3</loc>" in index
        assert "/sitemap-partnerships.xml?p=4</loc>" not in index
        last_page = client.get(reverse("sitemap-section", args=["partnerships"]), {"p": 3}).content.decode()
        assert partnerships[-1].get_absolute_url() in last_page

    def test_robots_points_to_the_sitemap(self, client, db):
        response = client.get("/robots.txt")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/plain")
        assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
        assert "Disallow: /admin/" in response.content.decode()
