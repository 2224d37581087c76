from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from datacon.demo.loader import DEMO_ORGANISER_EMAIL, DEMO_ORGANISER_PASSWORD, demo_load


class Command(BaseCommand):
    help = "Carga las ediciones reales de la DATACON (2021-2024) desde los documentos fuente. Es idempotente."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--no-demo-users",
            action="store_true",
            help="No crear la cuenta de organizadora de demostración.",
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        with_users = not options["no_demo_users"]
        if with_users and settings.PRODUCTION:
            raise CommandError(
                "En producción no se crea la cuenta de demostración; use --no-demo-users."
            )
        report = demo_load(with_demo_users=with_users)
        if report.changed:
            self.stdout.write(f"Creados: {report.created}  Actualizados: {report.updated}")
        else:
            self.stdout.write("Los datos de demostración ya estaban cargados; no se cambió nada.")
        if with_users:
            self.stdout.write(
                f"Cuenta de organizadora: {DEMO_ORGANISER_EMAIL} / {DEMO_ORGANISER_PASSWORD}"
            )
