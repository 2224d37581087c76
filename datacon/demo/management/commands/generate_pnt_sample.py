"""Write a synthetic request export (fictional institutions and texts) for tests and benchmarks.

    python manage.py generate_pnt_sample 1000000 var/pnt-1m.csv --semilla 7
    python manage.py generate_pnt_sample 0 datacon/demo/data/solicitudes_pnt_muestra.csv --muestra

The same number of rows and seed always give the same file. `--muestra`
rewrites the small bundled sample with its deliberate problems.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from datacon.demo.synthetic_requests import LAYOUTS, export_generate, sample_write


class Command(BaseCommand):
    help = "Genera un archivo CSV sintético de solicitudes de acceso a la información."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("filas", type=int)
        parser.add_argument("archivo", type=Path)
        parser.add_argument("--semilla", type=int, default=1)
        parser.add_argument("--formato", choices=sorted(LAYOUTS), default="2019")
        parser.add_argument("--codificacion", choices=["cp1252", "utf-8"], default="cp1252")
        parser.add_argument("--muestra", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["archivo"]
        if not path.parent.is_dir():
            raise CommandError(f"No existe la carpeta {path.parent}.")
        if options["muestra"]:
            sample_write(path)
            self.stdout.write(f"Muestra escrita en {path}.")
            return
        if options["filas"] < 1:
            raise CommandError("Indique cuántas filas generar (al menos 1).")
        written = export_generate(
            path,
            options["filas"],
            seed=options["semilla"],
            layout=options["formato"],
            encoding=options["codificacion"],
        )
        self.stdout.write(f"{written} filas escritas en {path}.")
