"""Trigram indexes on the folded names of bodies and people (PostgreSQL only), for the site
search's « Acteurs » and « Personnes » groups: a word anywhere in a name, accents and case aside.

`atlas_fold` is upper(unaccent()) declared IMMUTABLE (unaccent() is only STABLE, as its dictionary
could change), so that an index may hold it; core.search.Folded calls it.
"""

from django.db import migrations

FUNCTION = (
    "CREATE OR REPLACE FUNCTION atlas_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE "
    "STRICT AS $$ SELECT upper(public.unaccent('public.unaccent'::regdictionary, $1)) $$"
)
INDEXES = {
    "person_name_trgm": ("cooperation_person", "name"),
    "body_name_trgm": ("cooperation_body", "name"),
    "body_short_name_trgm": ("cooperation_body", "short_name"),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION)
    for name, (table, column) in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (atlas_fold({column}) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    schema_editor.execute("DROP FUNCTION IF EXISTS atlas_fold(text)")


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0014_stored_snapshot"),
    ]

    operations = [migrations.RunPython(create, drop)]
