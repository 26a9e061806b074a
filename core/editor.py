"""The rich-text editor of the admin (django-prose-editor, Tiptap), for article bodies and long
descriptions: its tools match the nh3 allow-list of sanitize.py, which still cleans whatever the
editor or a hand-typed textarea sends.

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

# What a description needs: paragraphs, emphasis, lists, quotes and links (the page gives the
# headings; images and tables belong in articles).
TEXT_EXTENSIONS = {
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
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "HTML": True,  # the source view, for what staff paste from elsewhere
}

TEXT_HELP = _("Paragraphes, listes, liens, citations. Le HTML est nettoyé à l'enregistrement.")


class TranslatedEditorWidget(AdminProseEditorWidget):
    """The editor's own labels in the admin's language (its French catalogue, served as a file)."""

    @property
    def media(self):
        return super().media + forms.Media(js=[reverse_lazy("editor-jsi18n")])


def is_blank(html):
    return not strip_tags(html).strip() and "<img" not in html


class RichTextField(ProseEditorFormField):
    def __init__(self, *args, extensions=None, **kwargs):
        kwargs.update(
            config={"extensions": extensions or TEXT_EXTENSIONS},
            sanitize=sanitize_html,
            widget=TranslatedEditorWidget,
        )
        super().__init__(*args, **kwargs)

    def has_changed(self, initial, data):
        # Compared as they would be stored: browsers send CRLF line breaks, and the sanitizer
        # may rewrite what the editor sends (the stored text went through it already).
        if self.disabled:
            return False

        def stored(value):
            value = sanitize_html((value or "").replace("\r\n", "\n").replace("\r", "\n"))
            return "" if is_blank(value) else value

        return stored(initial) != stored(data)

    def clean(self, value):
        cleaned = super().clean(value)
        # The editor always sends a paragraph, empty or not: a text with no words nor image is empty.
        if is_blank(cleaned):
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return ""
        return cleaned


# Tiptap (inside django-prose-editor's editor.js) injects one <style> of its base rules, with no
# nonce; the Content-Security-Policy of every page with an editor allows exactly that text by its
# hash (core/admin.py). tests/site/test_csp_browser.py fails with the new hash when an upgrade
# changes the text.
INJECTED_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"
