from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


def add_sqlite_unaccent(sender, connection, **kwargs):
    """SQLite lacks PostgreSQL's unaccent(): search.py's `__unaccent` lookups use this one."""
    if connection.vendor == "sqlite":
        from .search import sqlite_unaccent

        connection.connection.create_function("UNACCENT", 1, sqlite_unaccent, deterministic=True)


class CooperationConfig(AppConfig):
    name = "cooperation"
    verbose_name = _("Coopération")

    def ready(self):
        from . import signals  # noqa: F401

        connection_created.connect(add_sqlite_unaccent)
