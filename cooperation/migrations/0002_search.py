"""Search: French accent-folding text search configuration, denormalised texts, GIN index.

Everything PostgreSQL-specific is skipped on SQLite (CreateExtension checks the vendor itself).
"""

import django.contrib.postgres.search
from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations, models


def create_french_unaccent(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent'")
        if cursor.fetchone():
            return
    schema_editor.execute("CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = pg_catalog.french)")
    schema_editor.execute(
        "ALTER TEXT SEARCH CONFIGURATION french_unaccent "
        "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem"
    )


def drop_french_unaccent(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent")


def create_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS partnership_search_gin "
            "ON cooperation_partnership USING gin (search_vector)"
        )


def drop_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS partnership_search_gin")


class Migration(migrations.Migration):

    dependencies = [
        ("cooperation", "0001_initial"),
    ]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunPython(create_french_unaccent, drop_french_unaccent, elidable=False),
        migrations.AddField(
            model_name="partnership",
            name="search_a",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="partnership",
            name="search_b",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="partnership",
            name="search_c",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="partnership",
            name="search_d",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="partnership",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(create_gin_index, drop_gin_index),
    ]
