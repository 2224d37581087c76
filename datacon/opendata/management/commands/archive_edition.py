"""manage.py archive_edition <edition> <folder>: a static copy of an edition that outlives the platform."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from datacon.opendata.archive import archive_edition


class Command(BaseCommand):
    help = (
        "Escribe en una carpeta una copia estática y autosuficiente de una edición publicada "
        "(páginas, memoria en PDF, datos abiertos, programa y catálogo). La carpeta se reemplaza."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("edition", help="Identificador de la edición, p. ej. 2021")
        parser.add_argument("folder", help="Carpeta de destino (se crea o se reemplaza)")

    def handle(self, *args: Any, **options: Any) -> None:
        folder = Path(options["folder"]).resolve()
        if folder == Path("/") or folder == Path.home():
            raise CommandError(
                "Elija una carpeta propia para el archivo; no la raíz ni su carpeta personal."
            )
        if folder.exists() and any(folder.iterdir()) and not (folder / "LEEME.txt").exists():
            raise CommandError(
                f"La carpeta {folder} ya tiene archivos que no son de un archivo anterior; elija otra."
            )
        try:
            report = archive_edition(slug=options["edition"], folder=folder)
        except Http404 as error:
            raise CommandError(
                f"No hay una edición publicada con el identificador «{options['edition']}»."
            ) from error
        self.stdout.write(
            self.style.SUCCESS(f"Archivo escrito en {report.folder}: {report.file_count} archivos.")
        )
        for problem in report.skipped:
            self.stdout.write(self.style.WARNING(f"  omitido: {problem}"))
