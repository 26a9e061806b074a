from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "cooperation"
    verbose_name = _("Coopération")

    def ready(self):
        from . import indexing  # noqa: F401  (connects the search index receivers)
