"""manage.py import_program <edition> <file> [--dry-run]: a program from schedule.xml, schedule.json or CSV."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from datacon.common.actor import Actor
from datacon.editions.models import Edition
from datacon.program.importing.apply import program_import
from datacon.program.importing.rows import ImportRefused, Problem


def _problem_line(problem: Problem) -> str:
    return f"  línea {problem.line or '—'} · {problem.field}: {problem.message}"


class Command(BaseCommand):
    help = (
        "Importa el programa de una edición desde un schedule.xml o schedule.json "
        "(frab, pretalx, C3VOC) o la plantilla CSV (docs/import.md). Con --dry-run solo "
        "muestra lo que haría. Importar dos veces el mismo archivo no cambia nada."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("edition", help="Identificador de la edición, p. ej. 2027-demo")
        parser.add_argument("file", help="schedule.xml, schedule.json o .csv")
        parser.add_argument("--dry-run", action="store_true", help="No guarda nada.")
        parser.add_argument(
            "--state",
            default="",
            help="Entidad federativa (clave INEGI, p. ej. 09) de las sedes que se creen.",
        )
        parser.add_argument(
            "--confirm-sessions",
            action="store_true",
            help="Crea las sesiones nuevas como confirmadas (por omisión, en borrador).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        edition = Edition.objects.filter(slug=options["edition"]).first()
        if edition is None:
            raise CommandError(f"No hay una edición con el identificador «{options['edition']}».")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No se encuentra el archivo {path}.")
        try:
            result = program_import(
                edition=edition,
                content=path.read_bytes(),
                filename=path.name,
                actor=Actor.system(f"import_program {path.name}"),
                dry_run=options["dry_run"],
                venue_state=options["state"],
                confirm_sessions=options["confirm_sessions"],
            )
        except ImportRefused as refused:
            for problem in refused.problems:
                self.stderr.write(_problem_line(problem))
            raise CommandError("No se pudo leer el archivo; no se importó nada.") from None
        plan = result.plan
        for row in plan.rows:
            if row.action in ("create", "change"):
                detail = "; ".join(row.changes)
                self.stdout.write(
                    f"  línea {row.row.line} · {row.row.code} · {row.action}: {row.row.title}"
                    + (f" ({detail})" if detail else "")
                )
        for problem in plan.problems:
            self.stderr.write(_problem_line(problem))
        summary = (
            f"{plan.count('create')} nuevas, {plan.count('change')} con cambios, "
            f"{plan.count('unchanged')} sin cambios, {len(plan.problems)} errores."
        )
        if plan.problems:
            raise CommandError(f"{summary} No se importó nada.")
        if options["dry_run"]:
            self.stdout.write(f"Vista previa: {summary} No se guardó nada.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Programa importado: {summary}"))
