"""The maps in a real (headless) browser: markers from the GeoJSON, a filter in the URL, lines to
a body's partners, tiles that fail, and the page without JavaScript."""

import re
import struct
import zlib

import pytest
from django.core.management import call_command


def png(rgb):
    """A 1×1 PNG of one colour."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" + bytes(rgb)))
        + chunk(b"IEND", b"")
    )


# Served in place of every tile, so that no request leaves the machine.
TILE = png((214, 226, 236))

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seeded(transactional_db):
    call_command("seed", verbosity=0)


def open_page(browser, live_server, tiles="serve", javascript=True):
    """A page whose requests outside the live server are answered here: tiles with a PNG
    (`tiles="serve"`) or refused (`"block"`); console errors are collected in `page.errors`."""
    context = browser.new_context(
        locale="fr-FR", java_script_enabled=javascript, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.errors = []
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    page.on("pageerror", lambda error: page.errors.append(str(error)))

    def outside(route):
        if tiles == "serve":
            route.fulfill(status=200, content_type="image/png", body=TILE)
        else:
            route.abort()

    page.route(re.compile(r"^(?!" + re.escape(live_server.url) + r")https?://"), outside)
    return page


def test_the_map_page_shows_markers_and_follows_a_filter_in_the_url(seeded, live_server, browser, tmp_path):
    from playwright.sync_api import expect

    page = open_page(browser, live_server)
    page.goto(live_server.url + "/carte/")
    nav = page.get_by_role("navigation", name="Navigation principale")
    expect(nav.get_by_role("link", name="Carte")).to_have_attribute("aria-current", "page")
    region = page.get_by_role("region", name="Carte des acteurs de la sélection")
    expect(region).to_have_attribute("data-markers", re.compile(r"^[1-9]"))
    all_markers = int(region.get_attribute("data-markers"))
    expect(page.locator(".leaflet-tile-loaded").first).to_be_attached()
    expect(page.locator(".leaflet-control-attribution")).to_contain_text("OpenStreetMap")
    expect(page.locator(".map-status")).to_contain_text("acteurs sur la carte")
    # A cluster by keyboard: Space zooms in on its bodies.
    hue = page.get_by_role("button", name="Ville de Hué — 1 partenariat")
    expect(hue).to_have_count(0)
    page.get_by_role("button", name=re.compile(r"acteurs ici$")).first.press(" ")
    expect(hue).to_be_visible()
    page.screenshot(path=str(tmp_path / "map.png"), full_page=True)

    # A filter in the URL: the bodies of Hanoï – Vientiane only.
    page.goto(live_server.url + "/carte/?pays=laos")
    region = page.get_by_role("region", name="Carte des acteurs de la sélection")
    expect(region).to_have_attribute("data-markers", "2")
    assert all_markers > 2
    expect(page.locator("select[name=pays]")).to_have_value("laos")

    # A marker by keyboard: focused, it draws the line to its partner; chosen, its popup links.
    marker = page.get_by_role("button", name=re.compile(r"^Hanoï"))
    marker.focus()
    expect(page.locator("path.leaflet-interactive, .leaflet-overlay-pane path")).to_have_count(1)
    marker.press("Enter")
    expect(page.locator(".leaflet-popup")).to_contain_text("Voir la page de l'acteur")
    expect(page.locator(".map-status")).to_contain_text("Hanoï : 1 partenaire, relié par une ligne.")

    # The list's button shows a body on the map.
    page.locator(".map-bodies li[data-slug=vientiane] button").click()
    expect(page.locator(".leaflet-popup", has_text="Vientiane")).to_be_visible()
    assert page.errors == []


def test_without_tiles_the_markers_stay_and_a_notice_says_so(seeded, live_server, browser):
    from playwright.sync_api import expect

    page = open_page(browser, live_server, tiles="block")
    page.goto(live_server.url + "/carte/")
    region = page.get_by_role("region", name="Carte des acteurs de la sélection")
    expect(region).to_have_attribute("data-markers", re.compile(r"^[1-9]"))
    expect(page.locator(".map-notice")).to_contain_text("Fond de carte indisponible")
    expect(page.locator(".leaflet-control-attribution")).to_be_visible()
    # Only the refused tiles complain.
    assert all("ERR_FAILED" in error for error in page.errors), page.errors


def test_small_maps_on_partnership_body_and_country_pages(seeded, live_server, browser):
    from playwright.sync_api import expect

    page = open_page(browser, live_server)
    page.goto(live_server.url + "/partenariats/hue-namur/")
    expect(page.get_by_role("region", name="Carte des parties de « Hué – Namur »")).to_have_attribute(
        "data-markers", "2"
    )
    page.goto(live_server.url + "/acteurs/hue/")
    expect(page.get_by_role("region", name="Carte : Ville de Hué et ses partenaires")).to_have_attribute(
        "data-markers", "2"
    )
    page.goto(live_server.url + "/pays/vietnam/")
    expect(page.get_by_role("region", name="Carte des acteurs : Vietnam")).to_have_attribute(
        "data-markers", re.compile(r"^[1-9]")
    )
    assert page.errors == []


def test_without_javascript_the_list_is_the_map(seeded, live_server, browser):
    from playwright.sync_api import expect

    page = open_page(browser, live_server, javascript=False)
    page.goto(live_server.url + "/carte/?pays=laos")
    expect(page.locator("#atlas-map")).to_be_hidden()
    expect(page.get_by_role("link", name="Passer la carte")).to_be_hidden()
    items = page.locator(".map-bodies li")
    expect(items).to_have_count(2)
    expect(items.first).to_contain_text("1 partenariat")
