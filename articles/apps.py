from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Actualités")

    def ready(self):
        from media_library.models import RICH_TEXT_FIELDS

        from . import indexing  # noqa: F401  (connects the search index receivers)
        from .models import Article

        RICH_TEXT_FIELDS.append((Article, "text"))
