from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "cooperation"
    verbose_name = _("Coopération")

    def ready(self):
        from . import indexing, tasks  # noqa: F401  (connect the search index and snapshot receivers)
