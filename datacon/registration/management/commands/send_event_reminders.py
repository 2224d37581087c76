"""Queue the reminder e-mails whose time has come (run it from cron, e.g. every 15 minutes).

    python manage.py send_event_reminders            # queue due reminders, then fill free seats
    python manage.py send_event_reminders --now 2027-05-16T10:00:00-06:00

Idempotent: a registration gets one reminder. The outbox sends the messages
(and retries them); run `send_queued_emails` too if the outbox has no worker.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from datacon.common.actor import Actor
from datacon.editions.models import Edition
from datacon.registration.services import reminders_send, waitlists_promote


class Command(BaseCommand):
    help = "Encola los recordatorios de registro que ya tocan y llena lugares libres desde las listas de espera."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", help="Fecha y hora ISO 8601 (para pruebas y reenvíos).")

    def handle(self, *args: Any, **options: Any) -> None:
        now = None
        if options.get("now"):
            try:
                now = dt.datetime.fromisoformat(options["now"])
            except ValueError as error:
                raise CommandError(f"--now no es una fecha ISO 8601: {error}") from error
            if now.tzinfo is None:
                raise CommandError("--now necesita zona horaria, p. ej. 2027-05-16T10:00:00-06:00")
        actor = Actor.system("send_event_reminders")
        queued = reminders_send(actor=actor, now=now)
        # A venue's capacity may have grown in the admin since the last run.
        promoted = sum(
            waitlists_promote(edition=edition, actor=actor)
            for edition in Edition.objects.filter(registration_settings__isnull=False)
        )
        self.stdout.write(
            f"Recordatorios encolados: {queued}. Promovidos desde listas de espera: {promoted}."
        )
