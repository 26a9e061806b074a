"""French at the root, English under /en/: each page's address says its language (README « Languages »)."""

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.translation import override

from cooperation.models import Partnership
from core.sanitize import plain_text
from tests.public_urls import public_pages

pytestmark = pytest.mark.django_db

HUE = "namur-et-hue-signent-un-protocole-de-cooperation-2024-2029"
SITE = "https://atlas.example.org"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def english(name, *args):
    with override("en"):
        return reverse(name, args=args)


def french(name, *args):
    # Explicit: a request leaves its language active in the thread, as Django's LocaleMiddleware does.
    with override("fr"):
        return reverse(name, args=args)


def english_pages():
    with override("en"):
        return public_pages()


def head_links(html):
    """{rel or hreflang: href} of the page's canonical and alternate links, and its meta robots."""
    found = {
        f"hreflang:{lang}": href for lang, href in re.findall(r'hreflang="([^"]+)" href="([^"]+)"', html)
    }
    canonical = re.findall(r'<link rel="canonical" href="([^"]+)">', html)
    robots = re.findall(r'<meta name="robots" content="([^"]+)">', html)
    return found, canonical, robots


class TestAddresses:
    def test_english_pages_live_under_en_and_french_ones_at_the_root(self, client, seed):
        assert english("home") == "/en/" and french("home") == "/"
        for url in english_pages():
            assert url.startswith("/en/"), url
            response = client.get(url)
            assert response.status_code == 200, url
            assert '<html lang="en">' in response.text, url
        html = client.get(french("home")).text
        assert '<html lang="fr">' in html and "Dernières actualités" in html

    def test_feeds_and_open_data_have_an_english_address_too(self, client, seed):
        feed = client.get(english("articles:feed-rss"))
        assert feed.status_code == 200
        assert "<title>Atlas of decentralised cooperation" in feed.text
        assert f"<link>http://testserver{english('articles:article-list')}</link>" in feed.text
        assert client.get(english("cooperation:partnerships-csv")).status_code == 200

    def test_non_page_addresses_stay_outside_the_prefix(self, client, db):
        assert french("sitemap") == "/sitemap.xml" and french("robots") == "/robots.txt"
        assert french("admin:index") == "/admin/"
        assert client.get("/en/sitemap.xml").status_code == 404
        assert client.get("/en/admin/").status_code == 404

    def test_the_browser_and_an_old_cookie_change_nothing_at_the_root(self, client, seed):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        response = client.get(french("home"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8")
        assert response.status_code == 200  # no redirect: an address always shows the same page
        assert '<html lang="fr">' in response.text and "Dernières actualités" in response.text
        assert "Accept-Language" not in response.get("Vary", "")
        assert response["Content-Language"] == "fr"

    def test_the_english_home_is_in_english(self, client, seed):
        response = client.get(english("home"), HTTP_ACCEPT_LANGUAGE="fr")
        html = response.text
        assert '<html lang="en">' in html
        assert "Latest news" in html and "Skip to content" in html and "Partnerships" in html
        assert "Dernières actualités" not in html
        assert response["Content-Language"] == "en"
        assert "Accept-Language" not in response.get("Vary", "")

    def test_the_admin_still_follows_the_staff_members_browser(self, admin_client):
        response = admin_client.get(french("admin:index"), HTTP_ACCEPT_LANGUAGE="en")
        assert '<html lang="en"' in response.text
        assert "Accept-Language" in response["Vary"]
        assert '<html lang="fr"' in admin_client.get(french("admin:index"), HTTP_ACCEPT_LANGUAGE="fr").text

    def test_an_unknown_english_address_is_an_english_404(self, client, db):
        response = client.get("/en/nulle-part/")
        assert response.status_code == 404
        assert '<html lang="en">' in response.text and "Page not found" in response.text
        assert 'rel="canonical"' not in response.text


class TestLanguageSwitcher:
    def test_the_header_links_to_the_same_page_in_the_other_language(self, client, seed):
        in_french = french("cooperation:partnership-detail", "hue-namur")
        html = client.get(in_french).text
        header = html[html.index('<header class="site-header">') : html.index("</header>")]
        target = english("cooperation:partnership-detail", "hue-namur")
        assert f'<a href="{target}" hreflang="en" lang="en">English</a>' in header
        html = client.get(english("cooperation:partnership-detail", "hue-namur")).text
        assert f'<a href="{in_french}" hreflang="fr" lang="fr">Français</a>' in html
        assert "<select" not in html.split('class="site-footer"')[1].split("newsletter-slot")[0]

    def test_the_switch_keeps_the_filters_and_the_page(self, client, seed):
        html = client.get(french("cooperation:partnership-list"), {"statut": "actif", "tri": "nom"}).text
        assert 'href="/en/partenariats/?statut=actif&amp;tri=nom" hreflang="en"' in html

    def test_an_unknown_address_switches_to_the_other_home_page(self, client, db):
        assert 'href="/" hreflang="fr"' in client.get("/en/nulle-part/").text

    def test_the_old_switcher_form_lands_on_the_page_in_the_chosen_language(self, client, seed):
        response = client.post(
            french("set_language"), {"language": "en", "next": french("articles:article-list")}
        )
        assert response.status_code == 302
        assert response["Location"] == english("articles:article-list")
        assert "Filter" in client.get(response["Location"]).text


class TestSearchEngines:
    def test_every_page_names_its_language_versions_and_its_canonical_address(self, client, seed):
        with override("fr"):
            french_pages = public_pages()
        for in_french, in_english in zip(french_pages, english_pages(), strict=True):
            bare_french, bare_english = in_french.split("?")[0], in_english.split("?")[0]
            for url, canonical in ((in_french, bare_french), (in_english, bare_english)):
                alternates, canonicals, _robots = head_links(client.get(url).text)
                assert alternates == {
                    "hreflang:fr": f"{SITE}{bare_french}",
                    "hreflang:en": f"{SITE}{bare_english}",
                    "hreflang:x-default": f"{SITE}{bare_french}",
                }, url
                assert canonicals == [f"{SITE}{canonical}"], url

    def test_the_directory_is_indexable_bare_and_page_by_page_but_not_filtered(
        self, client, seed, monkeypatch
    ):
        monkeypatch.setattr("cooperation.views.PartnershipListView.paginate_by", 1)
        directory = french("cooperation:partnership-list")
        _alternates, canonical, robots = head_links(client.get(directory).text)
        assert canonical == [f"{SITE}{directory}"] and robots == []
        _alternates, canonical, robots = head_links(client.get(directory, {"page": 2}).text)
        assert canonical == [f"{SITE}{directory}?page=2"] and robots == []
        alternates, _canonical, _robots = head_links(
            client.get(english("cooperation:partnership-list"), {"page": 2}).text
        )
        assert alternates["hreflang:fr"] == f"{SITE}{directory}?page=2"
        # Page 1 is the bare directory; filters, sorts and search words are noise.
        _alternates, canonical, _robots = head_links(client.get(directory, {"page": 1}).text)
        assert canonical == [f"{SITE}{directory}"]
        for query in ({"statut": "actif"}, {"tri": "nom"}, {"q": "hue"}, {"utm_source": "x"}):
            _alternates, canonical, robots = head_links(client.get(directory, query).text)
            assert robots == ["noindex, follow"], query
            assert canonical == [f"{SITE}{directory}"], query
        _alternates, canonical, robots = head_links(client.get(directory, {"tri": "nom", "page": 2}).text)
        assert robots == ["noindex, follow"] and canonical == [f"{SITE}{directory}?page=2"]

    def test_search_results_are_not_indexed(self, client, seed):
        for url in (french("cooperation:search"), english("cooperation:search")):
            _alternates, _canonical, robots = head_links(client.get(url, {"q": "hue"}).text)
            assert robots == ["noindex, follow"]

    def test_plain_pages_are_indexable(self, client, seed):
        for url in (french("home"), english("cooperation:partnership-detail", "hue-namur")):
            assert head_links(client.get(url).text)[2] == []

    def test_og_url_is_the_canonical_address_and_og_description_the_pages_own(self, client, seed):
        partnership = Partnership.objects.get(slug="hue-namur")
        assert partnership.summary
        html = client.get(english("cooperation:partnership-detail", "hue-namur")).text
        assert f'<meta property="og:url" content="{SITE}/en/partenariats/hue-namur/">' in html
        description = re.search(r'<meta property="og:description" content="([^"]*)">', html).group(1)
        assert description == re.search(r'<meta name="description" content="([^"]*)">', html).group(1)
        assert description.startswith(plain_text(partnership.summary).split()[0])
        assert 'og:locale" content="en_GB"' in html


class TestFrenchContentOnEnglishPages:
    def test_article_in_english_keeps_its_french_content(self, client, seed):
        html = client.get(english("articles:article-detail", HUE)).text
        assert "You might also be interested in" in html and "Share this article" in html
        assert "24 May 2024" in html
        assert '<h1 lang="fr">Namur et Hué signent un Protocole de Coopération 2024-2029</h1>' in html
        assert "Ces articles pourraient vous intéresser" not in html

    def test_partnership_page_marks_its_french_content(self, client, seed):
        partnership = Partnership.objects.get(slug="hue-namur")
        html = client.get(english("cooperation:partnership-detail", "hue-namur")).text
        assert f'<h1 lang="fr">{partnership.name}</h1>' in html
        assert '<div class="summary" lang="fr">' in html
        assert '<h3 class="entry-title" lang="fr">' in html  # agreements, visits and news in the timeline
        for party in partnership.parties.select_related("body"):
            assert re.search(
                rf'<span lang="fr"><a href="[^"]+">{re.escape(party.body.name)}</a></span>', html
            )

    def test_cards_mark_their_french_titles_and_summaries(self, client, seed):
        html = client.get(english("cooperation:partnership-list")).text
        assert html.count('<h2 class="card-title" lang="fr">') == Partnership.objects.published().count()
        news = client.get(english("articles:article-list")).text
        assert '<h2 class="card-title" lang="fr">' in news


class Interface(HTMLParser):
    """The text and labels of a page outside its French content (elements with lang="fr")."""

    VOID = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
    LABELS = ("aria-label", "title", "alt", "placeholder")

    def __init__(self):
        super().__init__()
        self.stack, self.text = [], []

    def french(self):
        return any(self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        in_french = self.french() or attrs.get("lang") == "fr"
        if not in_french:
            self.text += [attrs[name] for name in self.LABELS if attrs.get(name)]
            if tag == "meta" and attrs.get("name") == "description":
                pass  # the page's own description may be its French summary
        if tag not in self.VOID:
            self.stack.append(in_french)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not self.french():
            self.text.append(data)


# Words of the French interface that no English sentence has (names of people and places aside).
FRENCH_INTERFACE = [
    "Accueil", "Partenariats", "Délégations", "Actualités", "Données ouvertes", "Rechercher",
    "Aller au contenu",
    "Lettre", "lettre", "S'abonner", "Adresse électronique", "Langue", "Page suivante", "Page précédente",
    "Chronologie", "Domaines", "Mots-clés", "Signataires", "Accord", "depuis", "jusqu'", "Voir", "Aucun",
    "Partager", "Thématiques", "Filtrer", "Afficher", "Tout effacer", "Pays", "Acteur", "Personnes",
    "Plan du site", "Flux", "Dernières", "Consentement", "J'accepte", "données", "Résultats", "Objet",
]  # fmt: skip


def test_english_pages_have_no_french_interface_text(client, seed):
    for url in english_pages():
        parser = Interface()
        parser.feed(client.get(url).text)
        interface = " ".join(parser.text)
        left = [word for word in FRENCH_INTERFACE if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", interface)]
        assert left == [], (url, left)

    def test_map_and_open_data_in_english(self, client, seed):
        html = client.get(english("cooperation:map")).content.decode()
        assert "<h1>Map of partnerships</h1>" in html
        assert "3 partnerships between the bodies on the map" in html
        assert "Bodies in the selection" in html and "Skip the map" in html
        html = client.get(english("cooperation:open-data")).content.decode()
        assert "It takes the directory's parameters" in html
        assert "number of its published partnerships" in html
