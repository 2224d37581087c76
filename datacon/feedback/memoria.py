"""The feedback block of each edition's memoria: aggregates of groups of at least
MIN_GROUP answers only (datacon/feedback/aggregates.py); never a comment or a free text."""

from __future__ import annotations

from django.utils.translation import gettext as _

from datacon.common import versions
from datacon.editions.models import Edition
from datacon.feedback.aggregates import (
    MIN_GROUP,
    public_session_groups,
    public_survey_results,
)
from datacon.feedback.models import FEEDBACK_SCOPE, QuestionKind
from datacon.memoria.blocks import Cell, FigureBlock, MemoriaBlockProvider, memoria_block_register


def feedback_block(edition: Edition) -> FigureBlock | None:
    rows: list[tuple[Cell, ...]] = [
        (f"{group.code} · {group.title}", group.count, group.average)
        for group in public_session_groups(edition)
    ]
    for result in public_survey_results(edition):
        if result.question.kind == QuestionKind.SCALE:
            rows.append((result.question.text, result.count, result.average))
        else:
            for option, count in result.options:
                rows.append((f"{result.question.text}: {option}", count, None))
    if not rows:
        return None
    return FigureBlock(
        title=_("Valoración de las sesiones y encuesta de satisfacción"),
        columns=(_("Sesión o pregunta"), _("Respuestas"), _("Promedio (1 a 5)")),
        rows=rows,
        chart_columns=(2,),
        source=_("Calificaciones y encuesta de quienes asistieron, en la plataforma"),
        note=_(
            "Solo grupos de al menos %(n)s respuestas, para que nadie sea identificable; "
            "los comentarios nunca se publican."
        )
        % {"n": MIN_GROUP},
    )


def register_memoria_blocks() -> None:
    memoria_block_register(
        MemoriaBlockProvider(
            key="feedback",
            build=feedback_block,
            scopes=(FEEDBACK_SCOPE, versions.CONFERENCE),
            order=40,
        )
    )
