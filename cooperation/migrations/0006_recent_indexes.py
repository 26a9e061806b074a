"""Indexes for « most recent first » with undated rows last (PostgreSQL only: SQLite's CREATE
INDEX has no NULLS LAST, and its tables are small)."""

from django.db import migrations

INDEXES = {
    "partnership_recent_idx": "cooperation_partnership (started_on DESC NULLS LAST, name)",
    "agreement_recent_idx": "cooperation_agreement (signed_on DESC NULLS LAST, created_at DESC)",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, columns in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {columns}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ("cooperation", "0005_typo_index"),
    ]

    operations = [migrations.RunPython(create, drop)]
