from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaLibraryConfig(AppConfig):
    name = "media_library"
    verbose_name = _("Médiathèque")

    def ready(self):
        from django.db.models.signals import post_delete

        from .models import Image, delete_files_after_commit

        post_delete.connect(delete_files_after_commit, sender=Image, dispatch_uid="image-delete-files")
