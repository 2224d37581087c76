"""The full-text index of each database: FTS5 on SQLite, a Spanish tsvector GIN index on
PostgreSQL (with unaccent). The SQL lives in datacon/search/backends.py, next to the
queries that use it."""

from django.db import migrations

from datacon.search.backends import backend_for


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    backend_for(schema_editor.connection).install(schema_editor.connection)


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    backend_for(schema_editor.connection).uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
