"""The typo fallback's column: search_a folded, with a trigram index (PostgreSQL only)."""

from django.db import migrations, models


def fill_and_index(apps, schema_editor):
    from core.search import fold

    Partnership = apps.get_model("cooperation", "Partnership")
    rows = list(Partnership.objects.only("pk", "search_a"))
    for row in rows:
        row.search_names = fold(row.search_a)
    Partnership.objects.bulk_update(rows, ["search_names"], batch_size=1000)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS partnership_names_trgm "
            "ON cooperation_partnership USING gin (search_names gin_trgm_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS partnership_names_trgm")


class Migration(migrations.Migration):

    dependencies = [
        ("cooperation", "0004_stored_status"),
    ]

    operations = [
        migrations.AddField(
            model_name="partnership",
            name="search_names",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill_and_index, drop_index),
    ]
