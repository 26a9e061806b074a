from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "cooperation"
    verbose_name = _("Coopération")

    def ready(self):
        from media_library.models import RICH_TEXT_FIELDS

        from . import indexing, tasks  # noqa: F401  (connect the search index and snapshot receivers)
        from .models import Agreement, Body, Delegation, Event, Partnership

        # Rich texts may show a library image (pasted in the source view): it is then protected.
        RICH_TEXT_FIELDS.extend(
            [
                (Body, "description"),
                (Partnership, "summary"),
                (Agreement, "summary"),
                (Event, "description"),
                (Delegation, "purpose"),
                (Delegation, "outcome"),
            ]
        )
