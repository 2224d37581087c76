"""Waiting-line numbers come from the rows (the next after the highest, under the row lock);
the counters on the settings and seats rows go, and an index finds an edition's highest."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("registration", "0002_single_line_names"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="registrationsettings",
            name="last_queue_number",
        ),
        migrations.RemoveField(
            model_name="sessionseats",
            name="last_queue_number",
        ),
        migrations.AddIndex(
            model_name="registration",
            index=models.Index(
                fields=["edition", "queue_number"], name="registration_edition_queue"
            ),
        ),
    ]
