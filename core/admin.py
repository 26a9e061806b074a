"""The task queue's admin in French: django-tasks-db labels two columns with plain English strings."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskResultAdmin(DBTaskResultAdmin):
    list_display = ["id", "task", *DBTaskResultAdmin.list_display[2:]]

    @admin.display(description=_("tâche"), ordering="task_path")
    def task(self, obj):
        return obj.task_name

    @admin.display(description=_("trace d'appels"))
    def formatted_traceback(self, obj):
        return super().formatted_traceback(obj)

    @admin.display(description=_("à lancer après le"))
    def display_run_after(self, obj):
        return super().display_run_after(obj)
