"""Documents keep the English version organisers wrote, and the full-text index reads
both languages (datacon/search/backends.py). The index is reinstalled over the new
columns (0002 no longer installs it: its SQL now needs them), and every kind is
rebuilt at the next search."""

from django.db import migrations, models

from datacon.search.backends import backend_for


def reinstall(apps, schema_editor):  # type: ignore[no-untyped-def]
    # Documents go first, while SQLite's triggers still keep the FTS table in step.
    apps.get_model("search", "SearchDocument").objects.all().delete()
    apps.get_model("search", "SearchIndexState").objects.all().delete()
    backend = backend_for(schema_editor.connection)
    backend.uninstall(schema_editor.connection)
    backend.install(schema_editor.connection)


def uninstall(apps, schema_editor):  # type: ignore[no-untyped-def]
    backend_for(schema_editor.connection).uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="title_en",
            field=models.CharField(blank=True, default="", max_length=500),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="body_en",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(reinstall, uninstall),
    ]
