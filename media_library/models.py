"""The media library: images with their alternative text, credit and licence, and their renditions."""

import posixpath
from dataclasses import dataclass

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFit, Transpose

from .uploads import FORMATS, UploadedImageField, describe

# Widths of the WebP renditions offered in `srcset`; the browser picks one from `sizes`.
WIDTHS = (480, 800, 1200, 1600)
FALLBACK_WIDTH = 800  # in the source's format, for `<img src>` (browsers without WebP, og:image)
EDITOR_WIDTH = 1200  # what the article editor inserts


def rendition_spec(width, format="WEBP"):
    # Made once, when the image is saved (the Optimistic strategy, settings.IMAGEKIT_*): asking for
    # its URL then costs no query, no cache lookup and no storage call.
    return ImageSpecField(
        source="file",
        processors=[Transpose(), ResizeToFit(width=width, upscale=False)],
        format=format,
        options={"quality": 82},
    )


def upload_to(image, filename):
    stem = slugify(posixpath.splitext(posixpath.basename(filename))[0])[:80].strip("-") or "image"
    extension = FORMATS.get(getattr(image, "_format", None), "jpg")
    return timezone.now().strftime(f"images/%Y/%m/{stem}.{extension}")


class ImageFileField(models.ImageField):
    """An image field whose form checks the upload's content, size and pixels (uploads.py)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": UploadedImageField, **kwargs})


@dataclass(frozen=True)
class Rendition:
    url: str
    width: int
    height: int


class Licence(models.TextChoices):
    PUBLIC_DOMAIN = "public-domain", _("domaine public")
    CC0 = "cc0", _("CC0 1.0 (aucun droit réservé)")
    CC_BY = "cc-by-4.0", _("CC BY 4.0")
    CC_BY_SA = "cc-by-sa-4.0", _("CC BY-SA 4.0")
    PERMISSION = "permission", _("tous droits réservés, reproduit avec autorisation")


# (model, field name) of the rich-text fields that can show library images, registered by their
# apps (articles/apps.py): this app knows none of them.
RICH_TEXT_FIELDS = []

LICENCE_URLS = {
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/deed.fr",
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/deed.fr",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/deed.fr",
}


class ImageQuerySet(models.QuerySet):
    def search(self, q):
        q = (q or "").strip()
        if not q:
            return self
        return self.filter(
            models.Q(alt_text__icontains=q) | models.Q(caption__icontains=q) | models.Q(credit__icontains=q)
        )


class Image(models.Model):
    file = ImageFileField(
        _("fichier"),
        upload_to=upload_to,
        max_length=200,
        help_text=_("JPEG, PNG ou WebP ; le contenu du fichier est vérifié."),
    )
    alt_text = models.CharField(
        _("texte alternatif"),
        max_length=250,
        help_text=_(
            "Ce que l'image montre, pour qui ne la voit pas (lecteur d'écran, image non chargée) : "
            "« Les maires de Hué et de Namur signent le protocole ». Pas « photo de… »."
        ),
    )
    caption = models.CharField(
        _("légende"), max_length=300, blank=True, help_text=_("Affichée sous l'image, facultative.")
    )
    credit = models.CharField(
        _("crédit"), max_length=200, help_text=_("Auteur ou source : « Ville de Namur », « Nguyễn Văn A »…")
    )
    licence = models.CharField(_("licence"), max_length=20, choices=Licence.choices)
    width = models.PositiveIntegerField(_("largeur"), editable=False)
    height = models.PositiveIntegerField(_("hauteur"), editable=False)
    uploaded_at = models.DateTimeField(_("date d'envoi"), default=timezone.now, editable=False)

    webp_480 = rendition_spec(480)
    webp_800 = rendition_spec(800)
    webp_1200 = rendition_spec(1200)
    webp_1600 = rendition_spec(1600)
    fallback = rendition_spec(FALLBACK_WIDTH, format=None)  # None: the source's own format

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("image")
        verbose_name_plural = _("images")
        indexes = [models.Index(fields=["-uploaded_at", "-id"], name="image_uploaded_idx")]

    def __str__(self):
        return self.alt_text

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:  # a new upload: its format names the stored file
            self._format, self.width, self.height = describe(self.file)
        super().save(*args, **kwargs)

    def rendition(self, width, spec=None):
        """The rendition made for `width` (never wider than the original), its size computed as
        ResizeToFit computes it, so pages need not open the file."""
        spec = spec or getattr(self, f"webp_{width}")
        if width >= self.width:
            return Rendition(spec.url, self.width, self.height)
        return Rendition(spec.url, width, int(round(self.height * (float(width) / self.width))))

    @property
    def renditions(self):
        """The WebP renditions, narrowest first, one per distinct width."""
        found = {}
        for width in WIDTHS:
            made = self.rendition(width)
            found.setdefault(made.width, made)
        return list(found.values())

    @property
    def srcset(self):
        return ", ".join(f"{r.url} {r.width}w" for r in self.renditions)

    @property
    def fallback_rendition(self):
        return self.rendition(FALLBACK_WIDTH, self.fallback)

    @property
    def editor_rendition(self):
        return self.rendition(EDITOR_WIDTH)

    @property
    def thumbnail(self):
        return self.rendition(WIDTHS[0])

    @property
    def licence_url(self):
        return LICENCE_URLS.get(self.licence, "")

    @property
    def attribution(self):
        """« Ville de Namur, CC BY-SA 4.0 »: what must be shown next to the image."""
        return f"{self.credit}, {self.get_licence_display()}"

    def stored_names(self):
        """The original's name and every rendition's, in the storage."""
        return [self.file.name] + [spec.name for spec in self.specs()]

    def specs(self):
        return [getattr(self, f"webp_{width}") for width in WIDTHS] + [self.fallback]

    def inserted_in(self):
        """The rows whose rich text shows this image: its original or any rendition (all in one
        folder of their own)."""
        paths = [
            settings.MEDIA_URL + self.file.name,
            settings.MEDIA_URL + posixpath.dirname(self.webp_480.name) + "/",
        ]
        for model, field in RICH_TEXT_FIELDS:
            shown = models.Q()
            for path in paths:
                shown |= models.Q(**{f"{field}__contains": path})
            yield from model._default_manager.filter(shown)


def absolute_url(url):
    """`url` as an absolute address (og:image, JSON-LD), from SITE_URL unless MEDIA_URL has a host."""
    return url if url.startswith(("https://", "http://")) else settings.SITE_URL + url


def delete_files_after_commit(sender, instance, **kwargs):
    """An image deleted from the library leaves the server too (a rights holder may ask for it)."""
    storage, names = instance.file.storage, instance.stored_names()

    def delete():
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete)


def image_object(image):
    """`image` as a schema.org ImageObject (JSON-LD): its fallback rendition, caption, credit, licence."""
    shown = image.fallback_rendition
    return {
        "@type": "ImageObject",
        "url": absolute_url(shown.url),
        "width": shown.width,
        "height": shown.height,
        "caption": image.alt_text,
        "creditText": image.credit,
        **({"license": image.licence_url} if image.licence_url else {}),
    }
