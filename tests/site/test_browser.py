"""The visitor's main path through the site, in a real (headless) browser."""

import re

import pytest
from django.core.management import call_command

from tests.audit_urls import TILE

ARTICLE = "Namur et Hué signent un Protocole de Coopération 2024-2029"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seeded(transactional_db):
    # Before Playwright starts: inside its event loop Django would open a second connection
    # (per async context) that nothing closes, and the test database could not be dropped.
    call_command("seed", verbosity=0)


def test_from_home_search_to_partnership_agreement_and_article_then_the_map_and_the_english_site(
    seeded, live_server, page
):
    from playwright.sync_api import expect

    # The map's tiles come from another host: answered here, so that no request leaves the machine.
    page.route(
        re.compile(r"^(?!" + re.escape(live_server.url) + r")https?://"),
        lambda route: route.fulfill(status=200, content_type="image/png", body=TILE),
    )

    # Home: search for « hue ».
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Atlas de la coopération décentralisée")
    # The home page's search landmark is named by the same label as its box (axe landmark-unique).
    search = page.get_by_role("search", name="Recherche principale")
    search.get_by_role("searchbox", name="Chercher une ville, un pays, un accord, une personne").fill("hue")
    page.locator("form.home-search").get_by_role("button", name="Rechercher").click()
    page.wait_for_url(re.compile(r"/recherche/\?q=hue"))
    expect(page.get_by_role("link", name="Hué – Namur").first).to_be_visible()

    # The partnership directory, filtered by country.
    nav = page.get_by_role("navigation", name="Navigation principale")
    nav.get_by_role("link", name="Partenariats").click()
    page.wait_for_url(re.compile(r"/partenariats/"))
    country = page.locator("select[name=pays]")
    if country.count():
        country.select_option(value="vietnam")
        country.locator("xpath=ancestor::form").locator("button[type=submit]").first.click()
    else:
        page.get_by_role("link", name=re.compile(r"^Vietnam")).first.click()
    page.wait_for_url(re.compile(r"pays=vietnam"))
    expect(page.get_by_role("link", name="Hué – Namur")).to_be_visible()
    expect(page.get_by_role("link", name="Djibouti – Libye", exact=False)).to_have_count(0)

    # The partnership: its 2024–2029 protocol, three priority domains, both signatories.
    page.get_by_role("link", name="Hué – Namur").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hué – Namur")
    main = page.locator("main")
    expect(main).to_contain_text("Protocole de coopération 2024-2029")
    expect(main).to_contain_text("2024–2029")
    for domain in (
        "Transition numérique",
        "Échanges culturels et patrimoine historique",
        "Aménagement des espaces verts",
    ):
        expect(main).to_contain_text(domain)
    expect(main).to_contain_text("Le Nhat Vo")
    expect(main).to_contain_text("Maxime Prévot")

    # The article reporting it, and what else to read.
    main.get_by_role("link", name=ARTICLE).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ARTICLE)
    expect(page.get_by_role("heading", name="Ces articles pourraient vous intéresser")).to_be_visible()
    expect(page.locator("section.related article")).not_to_have_count(0)

    # The map, from the main navigation: markers from the GeoJSON, the directory's filters.
    nav.get_by_role("link", name="Carte").click()
    page.wait_for_url(re.compile(r"/carte/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Carte des partenariats")
    region = page.get_by_role("region", name="Carte des acteurs de la sélection")
    expect(region).to_have_attribute("data-markers", re.compile(r"^[1-9]"))
    bodies = page.locator(".map-bodies")
    expect(bodies.get_by_role("link", name="Ministère de la Décentralisation")).to_be_visible()
    country = page.locator("select[name=pays]")
    country.select_option(value="vietnam")
    country.locator("xpath=ancestor::form").locator("button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/carte/\?.*pays=vietnam"))
    expect(region).to_have_attribute("data-markers", re.compile(r"^[1-9]"))
    expect(bodies.get_by_role("link", name="Ville de Hué")).to_be_visible()
    expect(bodies.get_by_role("link", name="Ministère de la Décentralisation")).to_have_count(0)

    # The English site, from the switcher in the header: the same map with the same filter...
    page.locator(".site-header").get_by_role("link", name="English").click()
    page.wait_for_url(re.compile("^" + re.escape(live_server.url) + r"/en/carte/\?.*pays=vietnam"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Map of partnerships")
    expect(page.get_by_role("region", name="Map of the selected bodies")).to_have_attribute(
        "data-markers", re.compile(r"^[1-9]")
    )
    expect(page.locator("select[name=pays]")).to_have_value("vietnam")

    # ... whose links stay in English: the directory, then a partnership.
    english_nav = page.get_by_role("navigation", name="Main navigation")
    english_nav.get_by_role("link", name="Partnerships").click()
    page.wait_for_url(live_server.url + "/en/partenariats/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("link", name="Hué – Namur").first.click()
    page.wait_for_url(live_server.url + "/en/partenariats/hue-namur/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hué – Namur")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1[lang=fr]")).to_have_text("Hué – Namur")  # the content stays French
    expect(page.locator(".site-header").get_by_role("link", name="Français")).to_have_attribute(
        "href", "/partenariats/hue-namur/"
    )
    english_nav.get_by_role("link", name="Map").click()
    page.wait_for_url(live_server.url + "/en/carte/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Map of partnerships")
