"""Third-party apps under the names the French admin shows (their own are English, untranslated)."""

from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class TasksDatabaseConfig(TasksAppConfig):
    verbose_name = _("Tâches en arrière-plan")
