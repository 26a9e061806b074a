"""The « Done when » of the editorial workflow, in a real (headless) browser: an editor enters a
new partnership with its agreement, a visit and an illustrated article through the admin only,
previews them, schedules the article, publishes everything, edits the article and rolls it back,
and the public site is checked at each step, as a visitor sees it.

One test, one browser: each step needs the state the previous ones made. No ORM call once
Playwright runs (see test_browser.seeded): everything is read through the pages.
"""

import datetime
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from tests.factories import image_bytes, make_body, make_country
from tests.site.test_editor_browser import insert_library_image, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PARTNERSHIP = "Lyon – Hô Chi Minh-Ville"
AGREEMENT = "Accord de coopération décentralisée 2026-2030"
VISIT = "Mission lyonnaise à Hô Chi Minh-Ville"
ARTICLE = "Lyon et Hô Chi Minh-Ville signent un accord"
EDITED = "Lyon et Hô Chi Minh-Ville, dix ans de coopération"
ALT = "La rue Đồng Khởi au crépuscule"


@pytest.fixture
def cities(transactional_db):
    # The two bodies exist already (published); the editor only makes what is new.
    make_body("Lyon", make_country("FR", "France"))
    make_body("Hô Chi Minh-Ville", make_country("VN", "Vietnam"))


def choose(page, field_id, text):
    """Pick `text` in the admin's autocomplete (select2) for the <select id=field_id>."""
    page.locator(f"#{field_id} + .select2").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def type_rich_text(page, name, text):
    """Type `text` in the rich-text editor of the field `name` (its textarea is hidden)."""
    editor = page.locator(".prose-editor", has=page.locator(f"textarea[name={name}]"))
    editor.locator("[contenteditable=true]").click()
    page.keyboard.type(text)
    return editor.locator("[contenteditable=true]")


def saved(page):
    from playwright.sync_api import expect

    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.locator(".messagelist .success")).to_be_visible()


def preview_saved(page, heading):
    """From the list's « … a été ajouté » message to the row's change page, then « Voir sur le
    site »: the preview, with its banner. Returns the change page's and the public page's paths."""
    from playwright.sync_api import expect

    page.locator(".messagelist .success a").click()
    change_url = page.url
    page.locator("a.viewsitelink").click()
    expect(page.locator(".preview-banner")).to_contain_text("Aperçu — non publié")
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    return change_url, urlsplit(page.url).path


def apply_action(page, changelist_url, row_text, action_label):
    page.goto(changelist_url)
    row = page.locator("#result_list tbody tr").filter(has_text=row_text)
    row.locator("input.action-select").check()
    page.select_option("select[name=action]", label=action_label)
    page.locator("button[name=index]").click()


def publish(page, changelist_url, row_text):
    from playwright.sync_api import expect

    apply_action(page, changelist_url, row_text, "Publier")
    expect(page.locator(".messagelist .success")).to_contain_text("Publication de 1 ")


def test_an_editor_drafts_previews_schedules_publishes_and_rolls_back(
    cities,
    uploads,
    editor_account,
    live_server,
    page,
):
    from playwright.sync_api import expect

    site = live_server.url
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    visitor = page.context.browser.new_context(locale="fr-FR").new_page()
    visitor.set_default_timeout(15_000)

    def status_for_visitor(path):
        return visitor.goto(site + path).status

    def visitor_sees(path, text):
        assert visitor.goto(site + path).status == 200
        expect(visitor.locator("main")).to_contain_text(text)

    sign_in(page, site)

    # The image, uploaded once in the library with its alternative text, credit and licence.
    page.goto(site + "/admin/media_library/image/add/")
    page.set_input_files(
        "#id_file", {"name": "dong-khoi.png", "mimeType": "image/png", "buffer": image_bytes(1600, 1000)}
    )
    page.fill("#id_alt_text", ALT)
    page.fill("#id_caption", "Le centre de Hô Chi Minh-Ville")
    page.fill("#id_credit", "Ville de Lyon")
    page.select_option("#id_licence", index=1)
    saved(page)

    # A draft partnership: two parties, one agreement in the inline.
    page.goto(site + "/admin/cooperation/partnership/add/")
    page.fill("#id_name", PARTNERSHIP)
    page.press("#id_name", "Tab")
    expect(page.locator("#id_slug")).to_have_value("lyon-ho-chi-minh-ville")
    page.select_option("#id_kind", index=1)
    type_rich_text(page, "summary", "Coopération entre la métropole de Lyon et Hô Chi Minh-Ville.")
    choose(page, "id_parties-0-body", "Lyon")
    choose(page, "id_parties-1-body", "Hô Chi Minh")
    expect(page.locator("#id_publication")).to_have_value("draft")
    page.locator("#agreements-group .add-row a").click()
    page.fill("#id_agreements-0-title", AGREEMENT)
    page.press("#id_agreements-0-title", "Tab")
    page.select_option("#id_agreements-0-kind", index=1)
    expect(page.locator("#id_agreements-0-publication")).to_have_value("draft")
    page.fill("#id_agreements-0-valid_from", "2026")
    page.fill("#id_agreements-0-valid_until", "2030")
    saved(page)
    _, partnership_url = preview_saved(page, PARTNERSHIP)

    # A visit (delegation) in the partnership.
    page.goto(site + "/admin/cooperation/delegation/add/")
    page.fill("#id_title", VISIT)
    page.press("#id_title", "Tab")
    page.select_option("#id_kind", index=1)
    choose(page, "id_partnership", "Lyon")
    choose(page, "id_sending_body", "Lyon")
    choose(page, "id_host_body", "Hô Chi Minh")
    page.fill("#id_start_on", "14/10/2026")
    page.fill("#id_end_on", "17/10/2026")
    type_rich_text(page, "purpose", "Signer le nouvel accord et visiter les projets d'assainissement.")
    saved(page)
    _, visit_url = preview_saved(page, VISIT)

    # The illustrated article: the library image as lead image and in the body.
    page.goto(site + "/admin/articles/article/add/")
    page.fill("#id_title", ARTICLE)
    page.press("#id_title", "Tab")
    page.fill("#id_standfirst", "Un nouvel accord pour cinq ans.")
    choose(page, "id_lead_image", "Đồng Khởi")
    editor = type_rich_text(page, "text", "Les deux villes renouvellent leur coopération.")
    insert_library_image(page, ALT)
    expect(editor.locator("figure img")).to_have_count(1)
    choose(page, "id_partnerships", "Lyon")
    choose(page, "id_agreements", "2026-2030")
    choose(page, "id_delegations", "Mission lyonnaise")
    saved(page)
    article_admin, article_url = preview_saved(page, ARTICLE)
    expect(page.locator(".prose figure img")).to_have_attribute("alt", ALT)

    # Staff saw each draft previewed; a visitor gets a 404 and finds nothing.
    for path in (partnership_url, visit_url, article_url):
        assert status_for_visitor(path) == 404, path
    visitor_sees("/partenariats/", "0 partenariats")
    expect(visitor.get_by_role("link", name=PARTNERSHIP)).to_have_count(0)
    visitor.goto(site + "/recherche/?q=Lyon")
    expect(visitor.locator("main")).not_to_contain_text(PARTNERSHIP)
    expect(visitor.locator("main")).not_to_contain_text(ARTICLE)

    # The article is scheduled for tomorrow, and stays off the site until then.
    apply_action(page, site + "/admin/articles/article/", ARTICLE, "Programmer…")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    page.fill("input[name=publish_at_0]", tomorrow.isoformat())
    page.fill("input[name=publish_at_1]", "09:30")
    page.get_by_role("button", name="Programmer", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("programmée")
    row = page.locator("#result_list tbody tr").filter(has_text=ARTICLE)
    expect(row).to_contain_text("programmé")
    assert status_for_visitor(article_url) == 404
    page.goto(site + article_url)
    expect(page.locator(".preview-banner")).to_contain_text("programmé")

    # Publishing, one row after the other, the public site following each step.
    publish(page, site + "/admin/cooperation/partnership/", PARTNERSHIP)
    visitor_sees("/partenariats/", PARTNERSHIP)
    visitor_sees(partnership_url, PARTNERSHIP)
    expect(visitor.locator(".summary p")).to_have_text(
        "Coopération entre la métropole de Lyon et Hô Chi Minh-Ville."
    )
    expect(visitor.locator("main").get_by_role("link", name=AGREEMENT)).to_have_count(0)
    expect(visitor.locator(".preview-banner")).to_have_count(0)

    publish(page, site + "/admin/cooperation/agreement/", AGREEMENT)
    visitor_sees(partnership_url, PARTNERSHIP)
    expect(visitor.locator("main").get_by_role("link", name=AGREEMENT)).to_be_visible()
    expect(visitor.locator("main").get_by_role("link", name=VISIT)).to_have_count(0)

    publish(page, site + "/admin/cooperation/delegation/", VISIT)
    visitor_sees(partnership_url, PARTNERSHIP)
    expect(visitor.locator("main").get_by_role("link", name=VISIT)).to_be_visible()
    visitor_sees(visit_url, VISIT)

    publish(page, site + "/admin/articles/article/", ARTICLE)
    visitor_sees(partnership_url, PARTNERSHIP)
    expect(visitor.locator("main").get_by_role("link", name=ARTICLE)).to_be_visible()
    visitor_sees(article_url, ARTICLE)
    # Published before its scheduled day, it is dated today, not the day it was scheduled for.
    expect(visitor.locator("main header time")).to_have_attribute(
        "datetime", timezone.localdate().isoformat()
    )
    expect(visitor.locator(f"main img[alt='{ALT}']").first).to_be_visible()
    expect(visitor.locator(".prose figure img")).to_have_attribute("alt", ALT)
    visitor.goto(site + "/recherche/?q=Lyon")
    expect(visitor.locator("main").get_by_role("link", name=PARTNERSHIP).first).to_be_visible()

    # One edit of the article, then the previous version restored from its history.
    page.goto(article_admin)
    page.fill("#id_title", EDITED)
    saved(page)
    visitor_sees(article_url, EDITED)
    page.goto(article_admin)
    page.get_by_role("link", name="Historique").click()
    page.get_by_role("link", name="Restaurer cette version").nth(1).click()
    expect(page.locator("#id_title")).to_have_value(ARTICLE)
    saved(page)
    visitor_sees(article_url, ARTICLE)
    expect(visitor.get_by_role("heading", level=1)).to_have_text(ARTICLE)
    assert problems == []
