import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, Theme
from config.sitemaps import SITEMAPS
from cooperation.models import Partnership
from tests.conftest import requires_postgres
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
from tests.queries import plan

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


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
        monkeypatch.setattr(SITEMAPS["partnerships"], "limit", 3)
        partnerships = [make_partnership() for _ in range(5)]  # 10 URLs: French and English
        index = client.get(reverse("sitemap")).content.decode()
        assert "/sitemap-partnerships.xml?p=4</loc>" in index
        assert "/sitemap-partnerships.xml?p=5</loc>" not in index
        section = reverse("sitemap-section", args=["partnerships"])
        pages = [
            [node.text for node in ET.fromstring(client.get(section, {"p": p}).content).iter(f"{SITEMAP}loc")]
            for p in range(1, 5)
        ]
        assert [len(page) for page in pages] == [3, 3, 3, 1]
        expected = []
        for partnership in partnerships:
            url = partnership.get_absolute_url()
            expected += [f"http://testserver{url}", f"http://testserver/en{url}"]
        assert sum(pages, []) == expected  # each row once per language, none twice, none left out

    def test_a_section_page_reads_only_its_own_rows(self, client, db, monkeypatch, django_assert_num_queries):
        monkeypatch.setattr(SITEMAPS["partnerships"], "limit", 4)
        for _ in range(9):
            make_partnership()
        section = reverse("sitemap-section", args=["partnerships"])
        with CaptureQueriesContext(connection) as queries:
            assert client.get(section, {"p": 2}).status_code == 200
        rows = [query["sql"] for query in queries if 'FROM "cooperation_partnership"' in query["sql"]]
        assert len(rows) == 2  # the count, then one page of rows
        assert "COUNT(" in rows[0] and "LIMIT 2 OFFSET 2" in rows[1]

    def test_both_languages_with_their_alternates(self, client, db):
        partnership = make_partnership()
        url = partnership.get_absolute_url()
        xml = client.get(reverse("sitemap-section", args=["partnerships"])).content.decode()
        root = ET.fromstring(xml)
        entries = {
            entry.find(f"{SITEMAP}loc").text: {
                link.get("hreflang"): link.get("href") for link in entry.iter(f"{XHTML}link")
            }
            for entry in root.iter(f"{SITEMAP}url")
        }
        alternates = {"fr": f"http://testserver{url}", "en": f"http://testserver/en{url}"}
        alternates["x-default"] = alternates["fr"]
        assert entries == {alternates["fr"]: alternates, alternates["en"]: alternates}
        pages = client.get(reverse("sitemap-section", args=["pages"])).content.decode()
        assert "<loc>http://testserver/</loc>" in pages and "<loc>http://testserver/en/</loc>" in pages
        assert "<loc>http://testserver/en/partenariats/</loc>" in pages

    def test_robots_points_to_the_sitemap(self, client, db):
        response = client.get("/robots.txt")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/plain")
        assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
        assert "Disallow: /admin/" in response.content.decode()


@requires_postgres
@pytest.mark.django_db
@pytest.mark.parametrize("section", ["partnerships", "agreements", "articles", "delegations"])
def test_the_index_finds_a_sections_last_change_from_an_index(section):
    """The newest published row by `updated_at`, from a partial index walked backwards: at 100,000
    rows a sort of every row took 60–80 ms a section (README « At scale »)."""
    sitemap = SITEMAPS[section]
    latest = sitemap.items().order_by("-updated_at").values_list("updated_at", flat=True)[:1]
    assert f"{sitemap.items().model._meta.model_name}_updated_idx" in plan(latest, sorts=False)
