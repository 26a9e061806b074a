"""PostgreSQL: keep the partnerships' and articles' rows narrow, and let full-text matches come from
the GIN index.

A common word (« coopération », in 80 % of the partnerships) was matched by a sequential scan that
read every row's wide search texts and detoasted every search vector: 250-500 ms at 100,000 rows.
With the long columns moved out of line (toast_tuple_target: the heap shrinks from 521 MB to
about 50 MB; the short columns that pages sort on stay in the row, storage MAIN, or every sort
by name would read the TOAST table: 13 s for 100,000 names) and the match operator's cost raised to what detoasting a vector really costs, the planner
takes the bitmap index scan, which needs no vector for a word: 30-50 ms. Rows written before this
migration move out of line when next saved, or at once with `VACUUM FULL` (README « At scale »).
"""

import logging

from django.db import DatabaseError, migrations, transaction

logger = logging.getLogger(__name__)

TABLES = {"cooperation_partnership": ["name", "slug"], "articles_article": ["title", "slug"]}
MATCH = "pg_catalog.ts_match_vq(tsvector, tsquery)"


def narrow(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, sorted_on in TABLES.items():
        schema_editor.execute(f"ALTER TABLE {table} SET (toast_tuple_target = 512)")
        for column in sorted_on:
            schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET STORAGE MAIN")
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute(f"ALTER FUNCTION {MATCH} COST 100")
    except DatabaseError:  # not the function's owner (a database user without superuser rights)
        logger.warning("Could not raise the cost of %s: ask a superuser to run ALTER FUNCTION.", MATCH)


def widen(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, sorted_on in TABLES.items():
        schema_editor.execute(f"ALTER TABLE {table} RESET (toast_tuple_target)")
        for column in sorted_on:
            schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET STORAGE EXTENDED")
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute(f"ALTER FUNCTION {MATCH} COST 1")
    except DatabaseError:
        pass


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0010_lead_images"),
        ("articles", "0007_lead_image"),
    ]

    operations = [migrations.RunPython(narrow, widen)]
