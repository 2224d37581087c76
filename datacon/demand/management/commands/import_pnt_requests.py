"""Import an access-to-information request export (PNT/INFOMEX CSV).

    python manage.py import_pnt_requests solicitudes_2019.csv
    python manage.py import_pnt_requests solicitudes.csv --codificacion latin-1 --rechazos rechazadas.csv
    python manage.py import_pnt_requests solicitudes.csv --revisar      # report only, write nothing

Streams the file in chunks, shows a progress bar on a terminal and ends with a
report: rows read, loaded (new and updated), unchanged, and every skipped row
with its line number and reason. Re-importing the same file changes nothing.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from datacon.common.actor import Actor
from datacon.demand.import_writes import ImportReport
from datacon.demand.importer import DEFAULT_CHUNK_SIZE, ImportRefused, requests_import

SHOWN_SKIPS = 50


class ProgressBar:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.enabled = hasattr(stream, "isatty") and stream.isatty()
        self.started = time.monotonic()

    def __call__(self, done: int, total: int, rows: int) -> None:
        if not self.enabled:
            return
        share = done / total if total else 1.0
        width = 30
        filled = int(share * width)
        elapsed = max(time.monotonic() - self.started, 1e-6)
        speed = rows / elapsed
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {share:6.1%}  "
            f"{rows:,} filas  {speed:,.0f} filas/s".replace(",", " ")
        )
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


def report_lines(report: ImportReport) -> list[str]:
    lines = [
        f"Archivo: {report.file_name} ({report.encoding}, separador «{report.delimiter}»)",
        "Columnas: " + ", ".join(f"{k} ← {v}" for k, v in report.columns.items()),
    ]
    if report.ignored_columns:
        lines.append("Columnas ignoradas: " + ", ".join(report.ignored_columns))
    lines += [
        f"Filas leídas:        {report.rows_read}",
        f"Cargadas (nuevas):   {report.created}",
        f"Actualizadas:        {report.updated}",
        f"Sin cambios:         {report.unchanged}",
        f"Omitidas:            {report.skipped_count}",
        f"Instituciones nuevas: {report.institutions_created}",
        f"Tiempo:              {report.seconds:.1f} s",
    ]
    if report.dry_run:
        lines.append("Modo revisión: no se escribió nada.")
    for folio_line, folio in report.updated_rows[:SHOWN_SKIPS]:
        lines.append(f"  actualizada: línea {folio_line}, folio {folio}")
    if report.skipped:
        lines.append("Filas omitidas (línea: motivo):")
        for skipped in report.skipped[:SHOWN_SKIPS]:
            folio = f" [folio {skipped.folio}]" if skipped.folio else ""
            lines.append(f"  línea {skipped.line}: {skipped.reason}{folio}")
        if report.skipped_count > SHOWN_SKIPS:
            lines.append(
                f"  … y {report.skipped_count - SHOWN_SKIPS} más: véalas en la gestión "
                "(importaciones) o use --rechazos archivo.csv"
            )
    for warning, count in report.warnings.most_common(20):
        lines.append(f"Aviso: {warning} ({count})")
    return lines


class Command(BaseCommand):
    help = "Importa un archivo CSV de solicitudes de acceso a la información (PNT/INFOMEX)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archivo", type=Path)
        parser.add_argument("--fuente", default="pnt", help="Fuente del folio (por omisión: pnt).")
        parser.add_argument(
            "--codificacion",
            default="auto",
            choices=["auto", "utf-8", "cp1252", "latin-1"],
            help="Codificación del archivo (por omisión se detecta).",
        )
        parser.add_argument("--lote", type=int, default=DEFAULT_CHUNK_SIZE)
        parser.add_argument("--revisar", action="store_true", help="Solo revisar; no escribir.")
        parser.add_argument(
            "--rechazos", type=Path, help="Escribir todas las filas omitidas en este CSV."
        )
        parser.add_argument(
            "--analizar", action="store_true", help="Al terminar, recalcular temas y candidatos."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["archivo"]
        if not path.is_file():
            raise CommandError(f"No existe el archivo {path}.")
        bar = ProgressBar(sys.stderr)
        try:
            report = requests_import(
                path=path,
                source=options["fuente"],
                encoding=options["codificacion"],
                chunk_size=max(100, options["lote"]),
                dry_run=options["revisar"],
                progress=bar,
                rejects_path=options["rechazos"],
                actor=Actor.system("import_pnt_requests"),
            )
        except ImportRefused as refused:
            bar.close()
            raise CommandError(refused.message) from refused
        bar.close()
        for line in report_lines(report):
            self.stdout.write(line)
        if options["analizar"] and report.changed and not report.dry_run:
            from django.core.management import call_command

            call_command("analyse_pnt_requests", stdout=self.stdout)
