"""The article body's rich-text editor in the admin: loaded from static files, still sanitized."""

import json
import re
from pathlib import Path

import django_prose_editor
import pytest
from django.conf import settings
from django.urls import reverse

from articles.models import Article
from core.models import Publication
from media_library.rich_text import BODY_SIZES
from tests.factories import make_image

pytestmark = pytest.mark.django_db

ADD = reverse("admin:articles_article_add")


def editor_config(html):
    match = re.search(r'<textarea[^>]*name="text"[^>]*data-django-prose-editor-configurable="([^"]*)"', html)
    assert match, "the body is not an editor"
    return json.loads(match.group(1).replace("&quot;", '"'))


def test_the_body_is_an_editor_with_the_sites_tools(staff_client):
    config = editor_config(staff_client.get(ADD).text)

    extensions = config["extensions"]
    assert extensions["Heading"] == {"levels": [2, 3, 4]}
    for tool in ("BulletList", "OrderedList", "Link", "Blockquote", "Figure", "Image", "Table"):
        assert tool in extensions, tool
    assert extensions["Figure"]["pickerUrl"] == reverse("admin:media_library_image_picker")
    assert extensions["Link"]["enableTarget"] is False


def test_the_editor_needs_no_inline_script_or_style(staff_client):
    html = staff_client.get(ADD).text

    assert '<script src="/static/admin-editor/start.js" type="module">' in html
    assert 'data-prose-editor-module="/static/django_prose_editor/editor.js"' in html
    assert 'href="/static/django_prose_editor/editor.css"' in html
    assert 'href="/static/admin-editor/tiptap-base.css"' in html
    assert f'src="{reverse("editor-jsi18n")}"' in html
    for tag in re.findall(r"<script\b[^>]*>", html):
        # Every script is a file, or data (the admin's JSON blocks): no import map.
        assert " src=" in tag or 'type="application/json"' in tag, tag
    assert "<style" not in html


def test_tiptaps_base_rules_are_the_ones_its_editor_would_inject():
    # The editor starts with injectCSS: false; an upgrade that changes the rules shows here.
    package = Path(django_prose_editor.__file__).parent / "static/django_prose_editor/editor.js"
    injected = re.search(r"let \w+=`(\.ProseMirror \{[\s\S]*?)`", package.read_text()).group(1)
    ours = (settings.BASE_DIR / "static/admin-editor/tiptap-base.css").read_text()
    assert injected.strip() in ours


def test_the_editor_speaks_french(client):
    response = client.get(reverse("editor-jsi18n"))

    assert response.status_code == 200
    assert "Parcourir..." in response.text and "Texte alternatif" in response.text


def post_article(client, text, **fields):
    data = {
        "title": "Hué et Namur",
        "slug": "hue-et-namur",
        "standfirst": "",
        "text": text,
        "publication": Publication.PUBLISHED,
        "published_on": "2026-11-30",
        "date_precision": "day",
        "publish_at_0": "",
        "publish_at_1": "",
        "tags": "",
    }
    return client.post(ADD, {**data, **fields})


def test_without_javascript_the_textarea_of_html_still_saves_and_is_sanitized(staff_client):
    image = make_image("Le pont", width=1600, height=900)
    src = image.editor_rendition.url
    text = (
        f'<h2>Les faits</h2><figure><img src="{src}" alt="Le pont" onerror="alert(1)">'
        '<figcaption>Le pont</figcaption></figure><img src="https://pisteur.example.com/p.gif">'
        "<script>alert(2)</script><table><tbody><tr><td><p>2024</p></td></tr></tbody></table>"
    )

    response = post_article(staff_client, text, lead_image=image.pk)

    assert response.status_code == 302
    article = Article.objects.get()
    assert article.lead_image == image
    assert article.text == (
        f'<h2>Les faits</h2><figure><img src="{src}" srcset="{image.srcset}" sizes="{BODY_SIZES}" '
        'width="1200" height="675" alt="Le pont" loading="lazy" decoding="async">'
        "<figcaption>Le pont</figcaption></figure><table><tbody><tr><td><p>2024</p></td></tr></tbody></table>"
    )


@pytest.mark.parametrize("text", ["<p></p>", "<p> </p><p><br></p>", '<img src="https://x.example/a.png">'])
def test_an_empty_body_is_refused(staff_client, text):
    response = post_article(staff_client, text)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["text"] == ["Ce champ est obligatoire."]


def test_a_body_of_one_image_is_not_empty(staff_client):
    src = make_image().editor_rendition.url

    assert post_article(staff_client, f'<figure><img src="{src}" alt="x"></figure>').status_code == 302
