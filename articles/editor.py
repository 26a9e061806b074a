"""The rich-text editor of article bodies (django-prose-editor, Tiptap): its tools match the nh3
allow-list of sanitize.py, which still cleans whatever the editor or a hand-typed textarea sends.

Its JavaScript and CSS are static files of the package; its settings travel in a data- attribute
of the textarea, so no inline script is needed. Without JavaScript the field stays a textarea of
HTML.
"""

from django import forms
from django.urls import reverse_lazy
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget

from .sanitize import sanitize_html

# Tiptap (inside django-prose-editor's editor.js) injects one <style> of its base rules, with no
# nonce; the Content-Security-Policy of the editor's pages allows exactly that text by its hash.
# tests/site/test_csp_browser.py fails with the new hash when an upgrade changes the text.
INJECTED_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"

EXTENSIONS = {
    "Heading": {"levels": [2, 3, 4]},  # the page's title is its only h1
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "HardBreak": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    # « Parcourir… » opens the media library's picker (media_library/admin.py); a rendition's
    # address can also be pasted.
    "Figure": {"pickerUrl": reverse_lazy("admin:media_library_image_picker")},
    "Caption": True,
    "Image": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "HTML": True,  # the source view, for what staff paste from elsewhere
}


class TranslatedEditorWidget(AdminProseEditorWidget):
    """The editor's own labels in the admin's language (its French catalogue, served as a file)."""

    @property
    def media(self):
        return super().media + forms.Media(js=[reverse_lazy("editor-jsi18n")])


class RichTextField(ProseEditorFormField):
    def __init__(self, *args, **kwargs):
        kwargs.update(
            config={"extensions": EXTENSIONS}, sanitize=sanitize_html, widget=TranslatedEditorWidget
        )
        super().__init__(*args, **kwargs)

    def has_changed(self, initial, data):
        # Compared as they would be stored: browsers send CRLF line breaks, and the sanitizer
        # may rewrite what the editor sends (the stored text went through it already).
        if self.disabled:
            return False

        def stored(value):
            return sanitize_html((value or "").replace("\r\n", "\n").replace("\r", "\n"))

        return stored(initial) != stored(data)

    def clean(self, value):
        cleaned = super().clean(value)
        # The editor always sends a paragraph, empty or not: a body with no text nor image is empty.
        if self.required and not strip_tags(cleaned).strip() and "<img" not in cleaned:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return cleaned


def rich_text_formfield(db_field, **kwargs):
    return db_field.formfield(
        form_class=RichTextField,
        help_text=_(
            "Titres, listes, liens, citations, tableaux ; « Insérer une figure » puis « Parcourir… » "
            "pour une image de la médiathèque. Le HTML est nettoyé à l'enregistrement."
        ),
        **kwargs,
    )
