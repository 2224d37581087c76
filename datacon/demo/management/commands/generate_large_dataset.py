from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from datacon.demo.large_dataset import (
    EDITION_SLUG,
    STEPS,
    Scale,
    dataset_fingerprint,
    edition_remove,
    generate,
)


class Command(BaseCommand):
    help = (
        "Genera la edición ficticia a escala nacional para las pruebas de carga "
        "(1,000 sesiones, 3,000 personas, 800 organizaciones…). Determinista: la misma "
        "semilla produce los mismos datos."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--seed", type=int, default=2030, help="Semilla (2030 por omisión).")
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Factor de tamaño: 1 es el tamaño completo; 0.01 genera 10 sesiones.",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help=f"Borra antes la edición «{EDITION_SLUG}» y sus personas y organizaciones.",
        )
        parser.add_argument(
            "--skip",
            action="append",
            default=[],
            choices=[step.name for step in STEPS],
            help="Omite un paso de una capacidad (se puede repetir).",
        )
        parser.add_argument(
            "--fingerprint",
            action="store_true",
            help="Al terminar, imprime la huella de los datos.",
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        if settings.PRODUCTION:
            raise CommandError(
                "Los datos ficticios de carga no se generan en producción (DATACON_ENV=production)."
            )
        if options["scale"] <= 0:
            raise CommandError("--scale debe ser mayor que cero.")
        if options["replace"] and edition_remove():
            self.stdout.write(f"Se borró la edición «{EDITION_SLUG}» anterior.")
        scale = Scale.full().scaled(options["scale"])
        steps = [step for step in STEPS if step.name not in options["skip"]]
        try:
            context = generate(
                seed=options["seed"], scale=scale, steps=steps, say=self.stdout.write
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Edición «{context.edition.slug}» generada (semilla {options['seed']}): "
                + ", ".join(f"{name} {count}" for name, count in context.counts.items())
            )
        )
        if options["fingerprint"]:
            self.stdout.write(f"Huella: {dataset_fingerprint()}")
