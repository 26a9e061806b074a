"""A phrase index for the partnerships' search (PostgreSQL only).

A phrase (`"eau potable"`) cannot be answered by the GIN index of `search_vector` alone: the index
knows which rows hold both words, not where, so PostgreSQL reads back and checks the vector of
every row holding them (a phrase whose words are in a third of the rows: 30,000 vectors, most of
the request). `search_phrases` is the same vector plus each pair of adjacent words as one entry
(« eau potabl »), GIN-indexed: a phrase of two words is then one exact lookup, nothing to check.

- `atlas_phrase_pairs(vector)`: the vector with its adjacent pairs (positions p and p + 1, as the
  phrase operator `<->` reads them); cooperation/indexing.py stores it with the vector.
- `atlas_phrase_query(query)`: the query with each two-word phrase as a pair; NULL when the query
  has no phrase, or one the pairs cannot answer exactly (three words or more, a stop word
  between). core.search.PhraseMatch then uses the plain vector, as before.

A column rather than an index on the expression: a row checked outside the index (the first
matches in name order) would compute its pairs again, 0.1 ms each.
"""

import django.contrib.postgres.search
from django.db import migrations

FUNCTIONS = [
    """
    CREATE OR REPLACE FUNCTION atlas_phrase_pairs(tsvector) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
      SELECT $1 || coalesce(array_to_tsvector(array_agg(DISTINCT first.lexeme || ' ' || second.lexeme)), '')
      FROM (SELECT lexeme, unnest(positions) AS position FROM unnest($1)) AS first
      JOIN (SELECT lexeme, unnest(positions) AS position FROM unnest($1)) AS second
        ON second.position = first.position + 1
    $$
    """,
    # In the query's text, 'a' <-> 'b' neither preceded nor followed by another phrase operator.
    """
    CREATE OR REPLACE FUNCTION atlas_phrase_query(tsquery) RETURNS tsquery
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
      SELECT CASE WHEN strpos(paired, '<') = 0 AND strpos($1::text, '<') > 0 THEN paired::tsquery END
      FROM regexp_replace(
        $1::text, $re$(?<!> )'((?:[^']|'')*)' <-> '((?:[^']|'')*)'(?! <)$re$, $pair$'\\1 \\2'$pair$, 'g'
      ) AS paired
    $$
    """,
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for function in FUNCTIONS:
        schema_editor.execute(function)
    schema_editor.execute(
        "UPDATE cooperation_partnership SET search_phrases = atlas_phrase_pairs(search_vector)"
        " WHERE search_vector IS NOT NULL"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS partnership_phrase_gin ON cooperation_partnership USING gin (search_phrases)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS partnership_phrase_gin")
    schema_editor.execute("DROP FUNCTION IF EXISTS atlas_phrase_query(tsquery)")
    schema_editor.execute("DROP FUNCTION IF EXISTS atlas_phrase_pairs(tsvector)")


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0017_delegation_body_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="partnership",
            name="search_phrases",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(create, drop),
    ]
