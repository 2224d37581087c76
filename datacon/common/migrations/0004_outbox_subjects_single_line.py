"""Messages whose subject held a line break (a name typed with one) were refused by Django on
every attempt (BadHeaderError) and ended as failed. Put every unsent subject on one line and give
the messages that failed only for that reason their attempts back: they were never delivered."""

from django.db import migrations
from django.utils import timezone

from datacon.common.validators import BREAKS_AND_CONTROLS, single_line

UNSENT = ("draft", "queued", "failed")


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    OutboundEmail = apps.get_model("common", "OutboundEmail")
    for email in OutboundEmail.objects.filter(status__in=UNSENT).only(
        "pk", "subject", "status", "last_error"
    ):
        fields = []
        if BREAKS_AND_CONTROLS.search(email.subject):
            email.subject = single_line(email.subject)[:250]
            fields.append("subject")
        if email.status == "failed" and email.last_error.startswith("BadHeaderError"):
            email.status, email.attempts, email.next_attempt_at = "queued", 0, timezone.now()
            fields += ["status", "attempts", "next_attempt_at"]
        if fields:
            email.save(update_fields=fields)


class Migration(migrations.Migration):
    dependencies = [("common", "0003_audit_actor_label")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
