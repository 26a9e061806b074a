from django.apps import AppConfig
from django.db.backends.signals import connection_created


def add_sqlite_unaccent(sender, connection, **kwargs):
    """SQLite lacks PostgreSQL's unaccent() (the `__unaccent` lookups of core.search use this one)
    and its ICU collation of names."""
    if connection.vendor == "sqlite":
        from .search import NAME_COLLATION, sqlite_name_collation, sqlite_unaccent

        connection.connection.create_function("UNACCENT", 1, sqlite_unaccent, deterministic=True)
        connection.connection.create_collation(NAME_COLLATION, sqlite_name_collation)


class CoreConfig(AppConfig):
    name = "core"

    def ready(self):
        from . import pagecache
        from .database import bound_waits

        connection_created.connect(add_sqlite_unaccent)
        connection_created.connect(bound_waits)
        pagecache.connect_content_signals()
