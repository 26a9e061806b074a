"""On the narrowest phone screen (320 CSS pixels), no page is wider than the screen."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.translation import override

from tests.factories import make_body, make_domain, make_partnership
from tests.public_urls import public_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 320

# The elements that reach past the right edge, the innermost first: what to fix.
OVERFLOWING = """(width) => {
  const found = [];
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 0.5) continue;
    if ([...element.children].some((child) => child.getBoundingClientRect().right > width + 0.5)) continue;
    const classes = typeof element.className === "string" ? element.className.trim().split(/\\s+/) : [];
    const name = [element.tagName.toLowerCase() + (element.id ? "#" + element.id : ""), ...classes]
      .filter(Boolean).join(".");
    const text = (element.textContent || "").trim().slice(0, 60);
    found.push(`${name} (right edge ${Math.round(box.right)} px): ${text}`);
  }
  return found.slice(0, 5);
}"""


@pytest.fixture
def seeded(transactional_db):
    # Before Playwright starts (see test_browser.seeded).
    call_command("seed", verbosity=0)


LONG_WORD = "Wasserversorgungsunternehmensberatungsgesellschaftsverwaltung"
LONG_URL = (
    "https://www.example.org/cooperation/rapports/2024/protocole-de-cooperation-hue-namur-version-finale.pdf"
)


@pytest.fixture
def long_words(transactional_db):
    """A partnership whose names, domain and summary hold words longer than a phone's screen."""
    return make_partnership(
        make_body(f"Zweckverband {LONG_WORD}"),
        make_body("Ville de Saint-Rémy-de-Provence-sur-Durance-et-Alpilles"),
        name=f"{LONG_WORD} – Saint-Rémy",
        slug="mots-longs",
        summary=f"<p>Le rapport : <a href='{LONG_URL}'>{LONG_URL}</a>, {LONG_WORD}.</p>",
        domains=[make_domain(f"Gouvernance{LONG_WORD}")],
    )


def test_no_page_is_wider_than_a_320_pixel_screen(seeded, long_words, live_server, page):
    page.set_viewport_size({"width": WIDTH, "height": 640})
    with override("en"):  # English words are other lengths
        english = [
            reverse("cooperation:partnership-list"),
            reverse("cooperation:partnership-detail", args=["hue-namur"]),
        ]
    too_wide = {}
    # The long words where they show: their partnership, a body, the directory and a search.
    body = long_words.bodies.get(slug__isnull=False, name__startswith="Zweckverband")
    longest = [
        long_words.get_absolute_url(),
        body.get_absolute_url(),
        reverse("cooperation:search") + "?q=saint",
    ]
    for path in [*public_pages(), *english, *longest]:
        page.goto(live_server.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH:
            too_wide[path] = (width, page.evaluate(OVERFLOWING, WIDTH))

    assert not too_wide, "\n".join(
        f"{path}: {width} px wide; " + " | ".join(elements) for path, (width, elements) in too_wide.items()
    )


def test_on_a_phone_the_directory_opens_on_its_results_and_filtrer_shows_the_filters(
    seeded, live_server, page
):
    from playwright.sync_api import expect

    page.set_viewport_size({"width": WIDTH, "height": 640})
    page.goto(live_server.url + reverse("cooperation:partnership-list"))
    country = page.get_by_label("Pays")
    expect(country).to_be_hidden()
    # The first result is on the first screen, not below the filters.
    first = page.locator(".results .partnership-card").first
    assert first.bounding_box()["y"] < 640

    page.get_by_text("Filtrer", exact=True).click()
    expect(country).to_be_visible()
    country.select_option(value="vietnam")
    page.get_by_role("button", name="Afficher").click()
    page.wait_for_url("**pays=vietnam**")
    expect(page.locator("summary")).to_have_text("Filtrer (1 filtre actif)")


def test_on_a_wide_screen_the_filters_are_a_column_beside_the_results(seeded, live_server, page):
    from playwright.sync_api import expect

    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(live_server.url + reverse("cooperation:partnership-list"))

    country = page.get_by_label("Pays")
    expect(country).to_be_visible()  # without opening anything
    expect(page.locator("summary")).to_be_hidden()
    filters = page.locator("form.filters").bounding_box()
    results = page.locator(".results").bounding_box()
    assert filters["x"] + filters["width"] <= results["x"]  # side by side
    assert abs(filters["y"] - results["y"]) < 40
    country.select_option(value="vietnam")  # usable as it is
    page.get_by_role("button", name="Afficher").click()
    page.wait_for_url("**pays=vietnam**")

    # The partnership page: its fact box to the right of the story.
    page.goto(live_server.url + reverse("cooperation:partnership-detail", args=["hue-namur"]))
    facts = page.get_by_role("complementary", name="En bref").bounding_box()
    story = page.locator(".partnership-story").bounding_box()
    assert facts["x"] >= story["x"] + story["width"]
