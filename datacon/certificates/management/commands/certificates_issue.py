"""Issue an edition's constancias in bulk: `manage.py certificates_issue 2027-demo`.

Prepares what is missing, issues every prepared constancia and queues one e-mail
each in the outbox (sent by `send_queued_emails`), in chunks, with a progress line.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from datacon.certificates.services import CHUNK, certificates_issue, certificates_prepare
from datacon.common.actor import Actor
from datacon.editions.models import Edition


class Command(BaseCommand):
    help = "Emite en bloque las constancias de una edición (por su identificador o año)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("edition", help="Identificador en URL o año de la edición")
        parser.add_argument("--chunk", type=int, default=CHUNK)
        parser.add_argument(
            "--prepare-only",
            action="store_true",
            help="Solo preparar (las personas aún pueden corregir su nombre).",
        )
        parser.add_argument("--no-email", action="store_true", help="No encolar correos.")

    def handle(self, *args: Any, **options: Any) -> None:
        key = options["edition"]
        edition = (
            Edition.objects.filter(year=int(key)).first()
            if key.isdigit()
            else Edition.objects.filter(slug=key).first()
        )
        if edition is None:
            raise CommandError(f"No existe la edición {key}")
        actor = Actor.system("certificates_issue command")

        def progress(done: int, total: int) -> None:
            width = 30
            filled = int(width * done / total) if total else width
            self.stderr.write(
                f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}",
                ending="\n" if done >= total else "",
            )
            self.stderr.flush()

        if options["prepare_only"]:
            count = certificates_prepare(
                edition=edition, actor=actor, chunk=options["chunk"], progress=progress
            )
            self.stdout.write(f"Constancias preparadas: {count}")
            return
        count = certificates_issue(
            edition=edition,
            actor=actor,
            chunk=options["chunk"],
            notify=not options["no_email"],
            progress=progress,
        )
        self.stdout.write(f"Constancias emitidas: {count}")
