import time

from django.core.management.base import BaseCommand

from datacon.common.mail import emails_send_due


class Command(BaseCommand):
    help = (
        "Envía los correos en cola cuyo momento llegó; reintenta los fallidos con espera creciente."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--loop", action="store_true", help="Seguir enviando cada --interval segundos."
        )
        parser.add_argument("--interval", type=int, default=30)

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        while True:
            sent, failed = emails_send_due()
            if sent or failed or not options["loop"]:
                self.stdout.write(f"Enviados: {sent}  Fallidos (se reintentarán): {failed}")
            if not options["loop"]:
                return
            time.sleep(options["interval"])
