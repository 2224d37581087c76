"""Open data of feedback: aggregates of groups of at least MIN_GROUP answers only.

One row per public session with enough ratings (its average), per scale
question of the survey with enough answers (its average), and per option of a
single-choice question with enough answers (how many chose it). Comments and
free-text answers are never published; groups smaller than MIN_GROUP
(datacon/feedback/aggregates.py) are left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from datacon.common.versions import CONFERENCE
from datacon.feedback.aggregates import MIN_GROUP
from datacon.feedback.models import FEEDBACK_SCOPE
from datacon.opendata.registry import Column, Dataset, dataset_register

SCOPES = ("sesion", "encuesta")


def feedback_rows(edition: Any) -> Iterator[dict[str, Any]]:
    from datacon.editions.selectors import editions_public
    from datacon.feedback.aggregates import public_session_groups, public_survey_results
    from datacon.feedback.models import QuestionKind, SessionRating, Survey

    editions = (
        [edition]
        if edition is not None
        else list(
            editions_public()
            .filter(
                pk__in=[
                    *SessionRating.objects.values_list("session__edition_id", flat=True).distinct(),
                    *Survey.objects.values_list("edition_id", flat=True),
                ]
            )
            .order_by("year")
        )
    )
    for current in editions:
        if not current.is_public:
            continue
        for group in public_session_groups(current):
            yield {
                "edicion": current.year,
                "ambito": "sesion",
                "clave": group.code,
                "etiqueta": group.title,
                "opcion": "",
                "respuestas": group.count,
                "conteo": None,
                "promedio": group.average,
            }
        for result in public_survey_results(current):
            base = {
                "edicion": current.year,
                "ambito": "encuesta",
                "clave": f"P{result.question.order:02d}",
                "etiqueta": result.question.text,
                "respuestas": result.count,
            }
            if result.question.kind == QuestionKind.SCALE:
                yield {**base, "opcion": "", "conteo": None, "promedio": result.average}
            else:
                for option, count in result.options:
                    yield {**base, "opcion": option, "conteo": count, "promedio": None}


FEEDBACK = dataset_register(
    Dataset(
        slug="valoracion",
        title_en="Session ratings and satisfaction survey (aggregate figures)",
        description_en=(
            "Average rating (1 to 5) of each session and results of the edition's satisfaction survey, given by people who attended (checked in at a venue or connected to the stream). Only groups of at least 5 answers, so that nobody can be identified. Comments and free-text answers are not published."
        ),
        title="Valoración de sesiones y encuesta de satisfacción (cifras agregadas)",
        description=(
            "Promedio de las calificaciones (1 a 5) de cada sesión y resultados de la encuesta "
            "de satisfacción de la edición, dados por personas que asistieron (entrada en sede "
            f"o conexión a la transmisión). Solo grupos de al menos {MIN_GROUP} respuestas, para que nadie "
            "sea identificable. Los comentarios y las respuestas de texto libre no se publican."
        ),
        columns=(
            Column("edicion", "year", "Año de la edición", required=True),
            Column("ambito", "string", "sesion o encuesta", required=True, enum=SCOPES),
            Column(
                "clave",
                "string",
                "Código de la sesión, o número de la pregunta (P01, P02…)",
                required=True,
            ),
            Column("etiqueta", "string", "Título de la sesión o texto de la pregunta"),
            Column("opcion", "string", "Opción elegida (preguntas de opción única)"),
            Column(
                "respuestas",
                "integer",
                f"Respuestas del grupo ({MIN_GROUP} o más)",
                required=True,
            ),
            Column("conteo", "integer", "Respuestas que eligieron la opción"),
            Column("promedio", "number", "Promedio de 1 a 5 (sesiones y preguntas de escala)"),
        ),
        rows=feedback_rows,
        scopes=(FEEDBACK_SCOPE, CONFERENCE),
        theme="conference",
        primary_key=("edicion", "ambito", "clave", "opcion"),
        keywords=("valoración", "encuesta de satisfacción", "DATACON"),
    )
)
