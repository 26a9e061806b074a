"""The long descriptions are rich text: sanitized on save and again on render, plain text wherever
words alone are wanted (search texts, excerpts, meta descriptions, open data), and the plain texts
stored before turned into paragraphs by a data migration."""

import importlib
import json

import pytest
from django.urls import reverse

from cooperation.models import Agreement, Body, Delegation, Event, Partnership
from core.editor import RichTextField as EditorField
from tests.factories import make_agreement, make_body, make_delegation, make_event, make_partnership

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<p onclick="alert(0)">Texte <strong>sûr</strong></p><script>alert(1)</script>'
    '<img src="https://pisteur.example/x.gif" onerror="alert(2)"><a href="javascript:alert(3)">lien</a>'
    "<style>body{display:none}</style>"
)
# The pages have script files of their own (the maps): what must not appear is the hostile one.
DANGERS = ["<script>alert", "alert(", "onerror", "onclick", "javascript:", "pisteur.example", "<style"]


def hostile_rows():
    """Each rich text field, with the public page that shows it."""
    partnership = make_partnership(summary=HOSTILE)
    agreement = make_agreement(make_partnership(), summary=HOSTILE)
    body = make_body(description=HOSTILE)
    event = make_event(description=HOSTILE)
    delegation = make_delegation(purpose=HOSTILE, outcome=HOSTILE)
    return [
        (partnership, "summary"),
        (agreement, "summary"),
        (body, "description"),
        (event, "description"),
        (delegation, "purpose"),
        (delegation, "outcome"),
    ]


def test_every_rich_text_is_sanitized_on_save_and_on_render(client):
    for row, field in hostile_rows():
        row.refresh_from_db()
        stored = getattr(row, field)
        assert stored.startswith("<p>Texte <strong>sûr</strong></p>"), (row, field, stored)
        assert not [danger for danger in DANGERS if danger in stored], (row, field, stored)
        content = client.get(row.get_absolute_url()).content.decode()
        assert "Texte <strong>sûr</strong>" in content, (row, field)
        assert not [danger for danger in DANGERS if danger in content], (row, field)


def test_a_text_that_skipped_the_save_is_sanitized_when_shown(client):
    # A queryset update, a fixture or a restored version writes without save(): the page cleans it.
    partnership = make_partnership(summary="<p>Propre</p>")
    Partnership.objects.filter(pk=partnership.pk).update(summary=HOSTILE)
    content = client.get(partnership.get_absolute_url()).content.decode()
    assert "Texte <strong>sûr</strong>" in content
    assert not [danger for danger in DANGERS if danger in content]


def test_search_texts_excerpts_and_open_data_have_words_only(client):
    body = make_body("Lyon", description="<p>Capitale des <em>Gaules</em></p><ul><li>soie</li></ul>")
    partnership = make_partnership(
        body,
        make_body(),
        name="Lyon – Saigon",
        summary="<p>Échanges &amp; <strong>formation</strong></p><p>Deuxième<br>ligne</p>",
    )
    make_agreement(partnership, summary="<blockquote><p>Accord <em>cadre</em></p></blockquote>")
    partnership.refresh_from_db()
    texts = [partnership.search_a, partnership.search_b, partnership.search_c, partnership.search_d]
    assert not [text for text in texts if "<" in text or "&amp;" in text]
    assert "Échanges & formation\nDeuxième\nligne" in partnership.search_c
    assert "Accord cadre" in partnership.search_c
    assert "Capitale des Gaules\nsoie" in partnership.search_d

    page = client.get(partnership.get_absolute_url()).content.decode()
    assert '<meta name="description" content="Échanges &amp; formation Deuxième ligne">' in page
    listing = client.get(reverse("cooperation:partnership-list")).content.decode()
    assert '<p lang="fr">Échanges &amp; formation Deuxième ligne</p>' in listing  # the card's excerpt
    rows = json.loads(client.get(reverse("cooperation:partnerships-json")).getvalue())["results"]
    (row,) = [row for row in rows if row["slug"] == partnership.slug]
    assert row["resume"] == "Échanges & formation\nDeuxième\nligne"


RICH_TEXTS = [
    (Partnership, "summary"),
    (Agreement, "summary"),
    (Body, "description"),
    (Event, "description"),
    (Delegation, "purpose"),
    (Delegation, "outcome"),
]


@pytest.mark.parametrize("model, field", RICH_TEXTS)
def test_the_admin_edits_them_in_the_editor_and_an_empty_one_stays_empty(model, field):
    form_field = model._meta.get_field(field).formfield()
    assert isinstance(form_field, EditorField)
    assert "data-django-prose-editor" in form_field.widget.render(field, "<p>x</p>")
    assert form_field.clean("<p></p>") == ""
    assert not form_field.has_changed("", "<p></p>")
    assert form_field.clean('<p>Un <a href="https://lyon.fr">lien</a></p>') == (
        '<p>Un <a href="https://lyon.fr" rel="noopener noreferrer">lien</a></p>'
    )


def test_the_migration_sets_plain_texts_in_paragraphs_and_back():
    migration = importlib.import_module("cooperation.migrations.0012_rich_text_descriptions")
    partnership = make_partnership()
    delegation = make_delegation()
    plain = "Lyon & Hô Chi Minh-Ville <b>\nsur deux lignes\n\nDeux paragraphes."
    Partnership.objects.filter(pk=partnership.pk).update(summary=plain)
    Delegation.objects.filter(pk=delegation.pk).update(purpose=plain, outcome="")

    from django.apps import apps

    migration.to_paragraphs(apps, None)
    partnership.refresh_from_db()
    delegation.refresh_from_db()
    html = "<p>Lyon &amp; Hô Chi Minh-Ville &lt;b&gt;<br>sur deux lignes</p>\n\n<p>Deux paragraphes.</p>"
    assert partnership.summary == html
    assert delegation.purpose == html and delegation.outcome == ""

    migration.to_plain_text(apps, None)
    partnership.refresh_from_db()
    assert partnership.summary == "Lyon & Hô Chi Minh-Ville <b>\n\nsur deux lignes\n\nDeux paragraphes."
