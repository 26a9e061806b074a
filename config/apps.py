"""App configurations: the admin with the dashboard as its home, and third-party apps under the
names the French admin shows (their own are English, untranslated)."""

from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class AtlasAdminConfig(AdminConfig):
    default_site = "config.admin.AtlasAdminSite"


class TasksDatabaseConfig(TasksAppConfig):
    verbose_name = _("Tâches en arrière-plan")
