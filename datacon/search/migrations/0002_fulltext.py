"""The full-text index of each database: FTS5 on SQLite, a tsvector GIN index on
PostgreSQL (with unaccent). It was installed here; its SQL (datacon/search/backends.py)
now reads the English columns added in 0003, which installs it (and reinstalls it on
a database migrated before)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
