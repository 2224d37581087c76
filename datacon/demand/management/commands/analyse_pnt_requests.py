"""Recompute the analysis of the imported requests: topics, repeated questions, candidates.

    python manage.py analyse_pnt_requests
    python manage.py analyse_pnt_requests --temas 15 --umbral 0.7 --semilla 7

The method and its parameters are documented in docs/demand.md; every run
stores the parameters it used, and the same data with the same parameters
gives the same result.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from datacon.common.actor import Actor
from datacon.demand.analysis.candidates import AnalysisParameters
from datacon.demand.analysis.run import requests_analyse


class Command(BaseCommand):
    help = "Calcula temas, preguntas repetidas y conjuntos candidatos de las solicitudes."

    def add_arguments(self, parser: CommandParser) -> None:
        defaults = AnalysisParameters()
        parser.add_argument("--temas", type=int, default=defaults.n_topics)
        parser.add_argument("--min-df", type=int, default=defaults.min_df)
        parser.add_argument("--umbral", type=float, default=defaults.threshold)
        parser.add_argument("--permutaciones", type=int, default=defaults.num_perm)
        parser.add_argument("--grupo-minimo", type=int, default=defaults.min_group_size)
        parser.add_argument("--semilla", type=int, default=defaults.seed)

    def handle(self, *args: Any, **options: Any) -> None:
        if not 0.1 <= options["umbral"] <= 0.95:
            raise CommandError("El umbral de similitud debe estar entre 0.1 y 0.95.")
        if options["temas"] < 1 or options["permutaciones"] < 16 or options["grupo_minimo"] < 2:
            raise CommandError(
                "Use al menos 1 tema, 16 permutaciones y grupos de 2 o más solicitudes."
            )
        parameters = AnalysisParameters(
            n_topics=options["temas"],
            min_df=options["min_df"],
            threshold=options["umbral"],
            num_perm=options["permutaciones"],
            min_group_size=options["grupo_minimo"],
            seed=options["semilla"],
        )
        run = requests_analyse(parameters=parameters, actor=Actor.system("analyse_pnt_requests"))
        self.stdout.write(f"Solicitudes analizadas: {run.requests_analysed}")
        self.stdout.write(f"Vocabulario: {run.vocabulary_size} términos")
        self.stdout.write(f"Temas: {run.topics_count}")
        self.stdout.write(f"Grupos de preguntas repetidas: {run.groups_count}")
        self.stdout.write(f"Conjuntos candidatos: {run.candidates_count}")
        self.stdout.write(
            "Tiempos (s): " + ", ".join(f"{k} {v}" for k, v in (run.timings or {}).items())
        )
        self.stdout.write(
            "Parámetros: " + ", ".join(f"{k}={v}" for k, v in asdict(parameters).items())
        )
