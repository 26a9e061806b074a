"""Uploaded images are checked by their content, never by their name, before anything is saved."""

import io
import warnings

import PIL.Image
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# Pillow's format names, with the extension a stored file gets whatever it was called.
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
ORIENTATION = 0x0112  # EXIF tag; values 5 to 8 turn the picture by a quarter


def megapixels(pixels):
    return f"{pixels / 1_000_000:.0f}" if pixels >= 10_000_000 else f"{pixels / 1_000_000:.1f}"


def too_many_pixels(width=None, height=None):
    limit = settings.IMAGES_MAX_PIXELS
    if width is None:
        message = _("L'image a trop de pixels : la limite est de %(limit)s mégapixels.")
    else:
        message = _(
            "L'image fait %(width)s × %(height)s pixels (%(pixels)s mégapixels) : "
            "la limite est de %(limit)s mégapixels. Réduisez-la avant de l'envoyer."
        )
    params = {"limit": megapixels(limit), "width": width, "height": height}
    if width is not None:
        params["pixels"] = megapixels(width * height)
    return ValidationError(message, code="too_many_pixels", params=params)


def not_an_image():
    return ValidationError(
        _(
            "Ce fichier n'est pas une image JPEG, PNG ou WebP lisible (son contenu a été vérifié, "
            "pas seulement son nom)."
        ),
        code="not_an_image",
    )


def open_checked(file):
    """`file` opened with Pillow, its header read (not decoded), after the size and type checks."""
    limit = settings.IMAGES_MAX_UPLOAD_BYTES
    if file.size > limit:
        raise ValidationError(
            _("Le fichier pèse %(size)s : la limite est de %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
        )
    file.seek(0)
    content = io.BytesIO(file.read())  # at most the size limit; Pillow may close what it reads
    file.seek(0)
    try:
        with warnings.catch_warnings():
            # Above Pillow's own limit (about 89 megapixels) a warning, then an error at twice it.
            warnings.simplefilter("error", PIL.Image.DecompressionBombWarning)
            image = PIL.Image.open(content)
    except (PIL.Image.DecompressionBombWarning, PIL.Image.DecompressionBombError):
        raise too_many_pixels() from None
    except (PIL.UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise not_an_image() from None
    if image.format not in FORMATS:
        raise ValidationError(
            _("Les images %(format)s ne sont pas acceptées : envoyez une image JPEG, PNG ou WebP."),
            code="format",
            params={"format": image.format},
        )
    width, height = image.size
    if width * height > settings.IMAGES_MAX_PIXELS:
        raise too_many_pixels(width, height)
    return image


def check_upload(file):
    """Raise a ValidationError unless `file` is a whole JPEG, PNG or WebP image within the limits.

    Decoded in full, so that a truncated or corrupt file is refused here rather than failing
    when the renditions are made.
    """
    image = open_checked(file)
    try:
        image.load()
    except (OSError, SyntaxError, ValueError, PIL.Image.DecompressionBombError):
        raise ValidationError(
            _("L'image est tronquée ou endommagée : exportez-la de nouveau puis réessayez."),
            code="damaged",
        ) from None
    finally:
        image.close()


def describe(file):
    """(format, width, height) of an image file, width and height as it is shown (EXIF-turned)."""
    file.seek(0)
    with PIL.Image.open(file) as image:
        width, height = image.size
        if image.getexif().get(ORIENTATION) in {5, 6, 7, 8}:
            width, height = height, width
        described = image.format, width, height
    file.seek(0)
    return described


class UploadedImageField(forms.ImageField):
    def to_python(self, data):
        if data not in self.empty_values:
            check_upload(data)
        return super().to_python(data)
