"""The article editor in a real (headless) browser: it loads without errors and inserts an image
from the media library through its picker."""

import re

import pytest
from django.urls import reverse

from tests.factories import make_image

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, base_url):
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", "redaction")
    page.fill("#id_password", "secret")
    page.click("input[type=submit]")


def insert_library_image(page, alt_text):
    """« Insérer une figure », then « Parcourir… »: the library's picker opens in a window, where
    the image with `alt_text` is chosen."""
    from playwright.sync_api import Error, expect

    page.locator(".prose-menubar button[data-name=figure]").click()
    dialog = page.locator("dialog[open]")
    expect(dialog).to_contain_text("Insérer une figure")
    with page.expect_popup() as opened:
        dialog.get_by_role("button", name="Parcourir...").click()
    picker = opened.value
    choose = picker.locator("li").filter(has_text=alt_text).get_by_role("button", name="Insérer cette image")
    try:
        choose.click()
    except Error:
        # The picker closes its window as it hands the image over, sometimes before the click returns.
        if not picker.is_closed():
            raise
    if not picker.is_closed():
        picker.wait_for_event("close")
    expect(dialog.locator("input[name=altText]")).to_have_value(alt_text)
    dialog.get_by_role("button", name="Insérer").click()


@pytest.fixture
def library(uploads, editor_account):
    return make_image("Le pont Trường Tiền à Hué", width=1600, height=900, caption="Au lever du jour")


def test_the_editor_loads_and_inserts_a_library_image(library, live_server, page):  # noqa: F811
    from playwright.sync_api import expect

    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and not message.location.get("url", "").endswith("/favicon.ico")  # the admin has none yet
            and problems.append(message.text)
        ),
    )
    sign_in(page, live_server.url)
    page.goto(live_server.url + "/admin/articles/article/add/")

    editor = page.locator(".prose-editor [contenteditable=true]")
    expect(editor).to_be_visible()
    expect(page.locator("textarea[name=text]")).to_be_hidden()  # the textarea stays, for no-JS
    editor.click()
    page.keyboard.type("Hué et Namur renouvellent leur protocole.")

    insert_library_image(page, "Le pont Trường Tiền à Hué")
    expect(editor.locator("figure img")).to_have_count(1)

    page.fill("#id_title", "Hué et Namur")
    page.press("#id_title", "Tab")
    expect(page.locator("#id_slug")).to_have_value("hue-et-namur")  # prepopulated from the title
    page.select_option("#id_publication", "published")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("ajouté")

    # On the public page the image is there, responsive: its space reserved by width and height,
    # and the browser loads the width the article's column needs (44rem at 1280 px: the 800 px
    # rendition), not the 1200 px one the editor showed. (No ORM call here: inside Playwright's
    # event loop Django would open a connection that nothing closes.)
    page.goto(live_server.url + reverse("articles:article-detail", args=["hue-et-namur"]))
    image = page.locator(".prose figure img")
    expect(image).to_have_attribute("alt", "Le pont Trường Tiền à Hué")
    expect(image).to_have_attribute("width", "1200")
    expect(image).to_have_attribute("height", "675")
    expect(image).to_have_attribute("srcset", library.srcset)
    # Lazy: it loads once near the screen (waited for with a timeout: a promise like decode()
    # would wait forever for an image the browser never fetches).
    image.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    assert image.evaluate("img => img.currentSrc") == live_server.url + library.rendition(800).url
    box = image.bounding_box()
    assert round(box["height"]) == round(box["width"] * 900 / 1600)
    assert re.fullmatch(
        r'<img src="[^"]+" srcset="[^"]+" sizes="[^"]+" width="1200" height="675" '
        r'alt="Le pont Trường Tiền à Hué" loading="lazy" decoding="async"><figcaption>Au lever du jour — '
        r"Photographe \d+, CC BY-SA 4\.0</figcaption>",
        page.locator(".prose figure").inner_html(),
    ), page.locator(".prose figure").inner_html()
    assert problems == []
