"""Trigram indexes for the database fallback's titles (PostgreSQL only): typos and parts of compounds.

pg_trgm is a trusted extension (PostgreSQL 13 and later), so the database's owner may create it.
On SQLite (the quick start) this migration does nothing.
"""

from django.db import migrations

INDEXES = [
    ("search_page_title_trgm", "wagtailcore_page", "title"),
    ("search_definition_term_trgm", "knowledge_definition", "term"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_editors_read_search_terms"),
        ("knowledge", "0007_merge_related_terms_and_draft_fields"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
