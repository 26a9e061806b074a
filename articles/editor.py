"""The article body's editor: the admin's rich-text editor (core/editor.py) with headings,
rules, tables and figures from the media library."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from core.editor import TEXT_EXTENSIONS, RichTextField

from .models import clean_body

EXTENSIONS = {
    **TEXT_EXTENSIONS,
    "Heading": {"levels": [2, 3, 4]},  # the page's title is its only h1
    "HorizontalRule": True,
    # « Parcourir… » opens the media library's picker (media_library/admin.py); a rendition's
    # address can also be pasted.
    "Figure": {"pickerUrl": reverse_lazy("admin:media_library_image_picker")},
    "Caption": True,
    "Image": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
}


def rich_text_formfield(db_field, **kwargs):
    return db_field.formfield(
        form_class=RichTextField,
        extensions=EXTENSIONS,
        sanitize=clean_body,
        help_text=_(
            "Titres, listes, liens, citations, tableaux ; « Insérer une figure » puis « Parcourir… » "
            "pour une image de la médiathèque. Le HTML est nettoyé à l'enregistrement."
        ),
        **kwargs,
    )
