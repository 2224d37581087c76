"""`manage.py load_record`: the public record of the real editions, in any environment.

Production does not install the demo app (no fictional edition, no demo accounts),
so this is how a deployment gets the 2021–2024 editions, their programs and the
sourced facts. Idempotent: a second run changes nothing.
"""

from typing import Any

from django.core.management.base import BaseCommand

from datacon.common.actor import Actor
from datacon.sources.record import record_load


class Command(BaseCommand):
    help = (
        "Carga el registro público de las ediciones reales de la DATACON (2021-2024) "
        "y los hechos con fuente. Es idempotente."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = record_load(actor=Actor.system("record"))
        if report.changed:
            self.stdout.write(f"Creados: {report.created}  Actualizados: {report.updated}")
        else:
            self.stdout.write("El registro ya estaba cargado; no se cambió nada.")
