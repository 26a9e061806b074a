"""The rich-text editor of the admin (django-prose-editor, Tiptap), for article bodies and long
descriptions: its tools match the nh3 allow-list of sanitize.py, which still cleans whatever the
editor or a hand-typed textarea sends.

Its JavaScript and CSS are static files; its settings and the address of its module travel in
data- attributes of the textarea, so the admin needs no inline script or style: no import map
(static/admin-editor/start.js imports the package's editor.js by its address) and no <style> from
Tiptap (started with injectCSS: false, its rules in static/admin-editor/tiptap-base.css). Without
JavaScript the field stays a textarea of HTML.
"""

from django import forms
from django.templatetags.static import static
from django.urls import reverse_lazy
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import ProseEditorWidget
from js_asset import Script

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


class EditorWidget(ProseEditorWidget):
    """django-prose-editor's textarea, started by start.js, with the editor's own labels in the
    admin's language (its French catalogue, served as a file)."""

    @property
    def media(self):
        return forms.Media(
            css={
                "all": [
                    "django_prose_editor/material-icons.css",
                    "django_prose_editor/editor.css",
                    "django_prose_editor/overrides.css",
                    "admin-editor/tiptap-base.css",
                ]
            },
            js=[reverse_lazy("editor-jsi18n"), Script("admin-editor/start.js", type="module")],
        )

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-prose-editor-module"] = static("django_prose_editor/editor.js")
        return context


def is_blank(html):
    return not strip_tags(html).strip() and "<img" not in html


class RichTextField(ProseEditorFormField):
    def __init__(self, *args, extensions=None, sanitize=sanitize_html, **kwargs):
        # `sanitize`: the text as its model stores it (articles also make their images responsive).
        self.as_stored = sanitize
        kwargs.update(
            config={"extensions": extensions or TEXT_EXTENSIONS}, sanitize=sanitize, widget=EditorWidget
        )
        super().__init__(*args, **kwargs)

    def has_changed(self, initial, data):
        # Compared as they would be stored: browsers send CRLF line breaks, and the sanitizer
        # may rewrite what the editor sends (the stored text went through it already).
        if self.disabled:
            return False

        def stored(value):
            value = self.as_stored((value or "").replace("\r\n", "\n").replace("\r", "\n"))
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
