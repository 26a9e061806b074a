"""The newsletter sign-up page in a real browser: after a refused submission the error summary has
the focus (no script: `autofocus`), the title says « Erreur : », and nothing typed is lost."""

import re

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seeded(transactional_db):
    call_command("seed", verbosity=0)  # before Playwright starts (see test_browser.seeded)


def test_a_refused_sign_up_focuses_the_error_summary_and_keeps_what_was_typed(seeded, live_server, page):
    from playwright.sync_api import expect

    page.goto(live_server.url + "/lettre/inscription/")
    assert not page.title().startswith("Erreur")
    assert page.evaluate("document.activeElement.tagName") == "BODY"
    form = page.locator("form.signup-form")
    form.get_by_label("Adresse électronique").fill("pas-une-adresse")
    form.get_by_label("English").check()
    form.get_by_label("Vietnam").check()
    form.get_by_role("button", name="S'abonner").click()  # the consent box left unchecked

    page.wait_for_load_state()
    assert page.title().startswith("Erreur : S'abonner à la lettre d'actualités")
    summary = page.locator(".form-errors")
    expect(summary).to_be_focused()
    assert page.evaluate("document.activeElement.classList.contains('form-errors')")
    # Each error links to its field.
    expect(summary.get_by_role("link", name="Adresse électronique")).to_have_attribute("href", "#id_email")
    expect(summary.get_by_role("link", name=re.compile("J'accepte"))).to_have_attribute("href", "#id_consent")
    # What was typed and chosen is still there.
    expect(form.get_by_label("Adresse électronique")).to_have_value("pas-une-adresse")
    expect(form.get_by_label("English")).to_be_checked()
    expect(form.get_by_label("Vietnam")).to_be_checked()
    # Following a link moves to the field.
    summary.get_by_role("link", name="Adresse électronique").click()
    assert page.evaluate("location.hash") == "#id_email"


def test_the_sign_up_form_is_styled_and_readable(seeded, live_server, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/lettre/inscription/")
    form = page.locator("form.signup-form")
    email = form.get_by_label("Adresse électronique")
    box = email.bounding_box()
    assert box["height"] >= 40 and box["width"] >= 300, box  # not a tiny native field
    font = email.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert font >= 16
    radio = form.get_by_label("Français")
    assert radio.bounding_box()["width"] >= 20
    # Fieldsets are drawn as the site's panels, not the browser's grey groove.
    fieldset = form.locator("fieldset").first
    assert fieldset.evaluate("e => getComputedStyle(e).borderStyle") != "groove"
    legend = fieldset.locator("legend").first
    assert legend.evaluate("e => parseInt(getComputedStyle(e).fontWeight)") >= 700
    # A visible focus ring on the controls.
    email.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    outline = email.evaluate("e => getComputedStyle(e).outlineStyle + ' ' + getComputedStyle(e).outlineWidth")
    assert outline.startswith("solid") and not outline.endswith(" 0px"), outline
