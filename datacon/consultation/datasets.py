"""Open datasets of the consultation theme: consultations, paragraphs, comments with their
official answers, and the moderation log.

No personal data: a comment's author is the participant's number within the
consultation (stable, anonymous), never a name or an e-mail; the moderation
log says what was done and why, not who did it. A hidden comment's text is
replaced by the public moderation notice, exactly as on the site.

Each `rows` runs one query (values() with joins and subquery counts) however
many rows there are, and yields rows in primary-key order.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from datacon.consultation.models import (
    ALL_CONSULTATIONS,
    AnswerStatus,
    Comment,
    CommentStatus,
    Consultation,
    ConsultationStatus,
    ModerationAction,
    Participant,
)
from datacon.opendata.registry import Column, Dataset, dataset_register
from datacon.policy.models import PUBLIC_PROCESS_STATUSES, Paragraph

ANSWER_CODES: dict[str, str] = {
    AnswerStatus.ACCEPTED: "aceptado",
    AnswerStatus.PARTLY: "parcialmente_aceptado",
    AnswerStatus.NOT_ACCEPTED: "no_aceptado",
}
STATUS_CODES: dict[str, str] = {CommentStatus.VISIBLE: "visible", CommentStatus.HIDDEN: "oculto"}
ACTION_CODES: dict[str, str] = {
    "hide": "ocultado",
    "restore": "restablecido",
    "dismiss": "reportes_descartados",
}


def _public_consultations() -> Any:
    return Consultation.objects.filter(
        status=ConsultationStatus.PUBLISHED, process__status__in=PUBLIC_PROCESS_STATUSES
    )


def consultation_rows(_edition: object = None) -> Iterator[dict[str, Any]]:
    from datacon.policy.counts import count_of

    rows = (
        _public_consultations()
        .annotate(
            comment_total=count_of(Comment, "consultation"),
            participant_total=count_of(Participant, "consultation"),
        )
        .values(
            "pk",
            "slug",
            "title",
            "process__slug",
            "version__document__slug",
            "version__number",
            "opens_on",
            "closes_on",
            "timezone",
            "max_comment_length",
            "comment_total",
            "participant_total",
        )
        .order_by("pk")
    )
    for row in rows:
        yield {
            "id": row["pk"],
            "consulta": row["slug"],
            "titulo": row["title"],
            "proceso": row["process__slug"],
            "documento": row["version__document__slug"],
            "version": row["version__number"],
            "abre": row["opens_on"],
            "cierra": row["closes_on"],
            "zona_horaria": row["timezone"],
            "longitud_maxima": row["max_comment_length"],
            "comentarios": row["comment_total"],
            "participantes": row["participant_total"],
        }


def paragraph_rows(_edition: object = None) -> Iterator[dict[str, Any]]:
    rows = (
        Paragraph.objects.filter(version__document__process__status__in=PUBLIC_PROCESS_STATUSES)
        .values(
            "pk",
            "version__document__process__slug",
            "version__document__slug",
            "version__number",
            "identity__anchor",
            "position",
            "number",
            "kind",
            "section_title",
            "plain_text",
        )
        .order_by("pk")
    )
    for row in rows.iterator(chunk_size=2000):
        yield {
            "id": row["pk"],
            "proceso": row["version__document__process__slug"],
            "documento": row["version__document__slug"],
            "version": row["version__number"],
            "ancla": row["identity__anchor"],
            "posicion": row["position"],
            "numero": row["number"],
            "tipo": "titulo" if row["kind"] == "heading" else "parrafo",
            "seccion": row["section_title"],
            "texto": row["plain_text"],
        }


def comment_rows(
    _edition: object = None, *, consultation_id: int | None = None
) -> Iterator[dict[str, Any]]:
    comments = Comment.objects.filter(
        consultation__status=ConsultationStatus.PUBLISHED,
        consultation__process__status__in=PUBLIC_PROCESS_STATUSES,
    )
    if consultation_id is not None:
        comments = comments.filter(consultation_id=consultation_id)
    supports, thread_sizes = _comment_counts(comments)
    rows = comments.values(*COMMENT_FIELDS).order_by("pk")
    for row in rows.iterator(chunk_size=2000):
        yield _comment_row(row, supports, thread_sizes)


def _comment_counts(comments: QuerySet[Comment]) -> tuple[dict[int, int], dict[int, int]]:
    """Supports per comment and replies per thread, in two grouped queries (not one
    subquery per row): fast on 50,000 comments."""
    from django.db.models import Count

    from datacon.consultation.models import Support

    supports = dict(
        Support.objects.filter(comment__in=comments.values("pk"))
        .values("comment_id")
        .annotate(total=Count("pk"))
        .values_list("comment_id", "total")
        .order_by()
    )
    thread_sizes = dict(
        comments.filter(root__isnull=False)
        .values("root_id")
        .annotate(total=Count("pk"))
        .values_list("root_id", "total")
        .order_by()
    )
    return supports, thread_sizes


COMMENT_FIELDS = (
    "pk",
    "consultation__slug",
    "consultation__version__document__slug",
    "consultation__version__number",
    "identity__anchor",
    "paragraph__number",
    "parent_id",
    "root_id",
    "participant__number",
    "created_at",
    "status",
    "body",
    "hidden_reason",
    "quote",
    "quote_start",
    "quote_end",
    "answer__status",
    "answer__reason",
    "answer__answered_at",
    "answer__addressed_in__version__number",
    "answer__addressed_in__identity__anchor",
    "answer__addressed_in__number",
)


def _comment_row(
    row: dict[str, Any], supports: dict[int, int], thread_sizes: dict[int, int]
) -> dict[str, Any]:
    hidden = row["status"] == CommentStatus.HIDDEN
    return {
        "id": row["pk"],
        "consulta": row["consultation__slug"],
        "documento": row["consultation__version__document__slug"],
        "version": row["consultation__version__number"],
        "parrafo_ancla": row["identity__anchor"],
        "parrafo_numero": row["paragraph__number"],
        "en_respuesta_a": row["parent_id"],
        "hilo": row["root_id"] or row["pk"],
        "participante": row["participant__number"],
        "fecha": row["created_at"],
        "estado": STATUS_CODES[row["status"]],
        "texto": (
            _("Comentario ocultado por moderación: %(reason)s") % {"reason": row["hidden_reason"]}
            if hidden
            else row["body"]
        ),
        "fragmento": "" if hidden else row["quote"],
        "fragmento_inicio": None if hidden else row["quote_start"],
        "fragmento_fin": None if hidden else row["quote_end"],
        "apoyos": supports.get(row["pk"], 0),
        "respuestas_en_hilo": thread_sizes.get(row["pk"], 0),
        "dictamen": ANSWER_CODES.get(row["answer__status"] or "", ""),
        "razones": row["answer__reason"] or "",
        "fecha_dictamen": row["answer__answered_at"],
        "atendido_en_version": row["answer__addressed_in__version__number"],
        "atendido_en_parrafo": row["answer__addressed_in__identity__anchor"] or "",
        "atendido_en_numero": row["answer__addressed_in__number"],
    }


def moderation_rows(_edition: object = None) -> Iterator[dict[str, Any]]:
    rows = (
        ModerationAction.objects.filter(
            comment__consultation__status=ConsultationStatus.PUBLISHED,
            comment__consultation__process__status__in=PUBLIC_PROCESS_STATUSES,
        )
        .values("pk", "comment_id", "comment__consultation__slug", "action", "reason", "at")
        .order_by("pk")
    )
    for row in rows:
        yield {
            "id": row["pk"],
            "consulta": row["comment__consultation__slug"],
            "comentario": row["comment_id"],
            "accion": ACTION_CODES[row["action"]],
            "motivo": row["reason"],
            "fecha": row["at"],
        }


SCOPES = (ALL_CONSULTATIONS,)

CONSULTATIONS_DATASET = dataset_register(
    Dataset(
        slug="consultas",
        title_en="Public consultations",
        description_en=(
            "Public consultations on versions of policy documents, with their period and totals."
        ),
        title="Consultas públicas",
        description="Consultas públicas sobre versiones de documentos de política, con su periodo y sus totales.",
        theme="consultation",
        per_edition=False,
        scopes=SCOPES,
        primary_key=("id",),
        keywords=("consulta pública", "participación ciudadana"),
        rows=consultation_rows,
        columns=(
            Column("id", "integer", "Identificador de la consulta.", required=True),
            Column("consulta", "string", "Identificador en la dirección web.", required=True),
            Column("titulo", "string", "Título de la consulta.", required=True),
            Column("proceso", "string", "Proceso de política pública al que pertenece."),
            Column("documento", "string", "Documento consultado."),
            Column("version", "integer", "Versión del documento consultada."),
            Column("abre", "date", "Primer día en que se reciben comentarios."),
            Column("cierra", "date", "Último día en que se reciben comentarios (hasta las 23:59)."),
            Column("zona_horaria", "string", "Zona horaria en que se cuentan apertura y cierre."),
            Column("longitud_maxima", "integer", "Máximo de caracteres por comentario."),
            Column("comentarios", "integer", "Comentarios y respuestas recibidos."),
            Column("participantes", "integer", "Personas que se unieron a la consulta."),
        ),
    )
)

PARAGRAPHS_DATASET = dataset_register(
    Dataset(
        slug="parrafos",
        title_en="Paragraphs of the policy documents",
        description_en=(
            "Text of each paragraph of each published version, with its stable identifier (anchor), kept across versions."
        ),
        title="Párrafos de los documentos de política",
        description=(
            "Texto de cada párrafo de cada versión publicada, con su identificador estable "
            "(ancla), que se conserva entre versiones."
        ),
        theme="consultation",
        per_edition=False,
        scopes=("policy",),
        primary_key=("id",),
        keywords=("documentos", "versiones", "párrafos"),
        rows=paragraph_rows,
        columns=(
            Column("id", "integer", "Identificador del párrafo en esta versión.", required=True),
            Column("proceso", "string", "Proceso de política pública."),
            Column("documento", "string", "Documento.", required=True),
            Column("version", "integer", "Número de versión.", required=True),
            Column(
                "ancla",
                "string",
                "Identificador estable del párrafo entre versiones.",
                required=True,
            ),
            Column("posicion", "integer", "Orden dentro de la versión (títulos incluidos)."),
            Column("numero", "integer", "Número de párrafo que se muestra (vacío en títulos)."),
            Column("tipo", "string", "titulo o parrafo.", enum=("titulo", "parrafo")),
            Column("seccion", "string", "Título de la sección a la que pertenece."),
            Column("texto", "string", "Texto del párrafo."),
        ),
    )
)

COMMENTS_DATASET = dataset_register(
    Dataset(
        slug="consulta-comentarios",
        title_en="Public consultation comments and official answers",
        description_en=(
            "Each comment and answer received, with the paragraph commented on, the supports, the official ruling, its reasons and the paragraph of the later version that addresses it. No personal data: the author is identified only by their participant number in the consultation."
        ),
        title="Comentarios de las consultas públicas y sus respuestas oficiales",
        description=(
            "Cada comentario y respuesta recibidos, con el párrafo comentado, los apoyos, el "
            "dictamen oficial, sus razones y el párrafo de la versión posterior que lo atiende. "
            "Sin datos personales: la persona autora se identifica solo con su número de "
            "participante en la consulta."
        ),
        theme="consultation",
        per_edition=False,
        scopes=SCOPES,
        primary_key=("id",),
        keywords=("consulta pública", "comentarios", "respuestas oficiales"),
        rows=comment_rows,
        columns=(
            Column("id", "integer", "Identificador del comentario.", required=True),
            Column("consulta", "string", "Consulta.", required=True),
            Column("documento", "string", "Documento consultado."),
            Column("version", "integer", "Versión consultada."),
            Column(
                "parrafo_ancla",
                "string",
                "Identificador estable del párrafo comentado.",
                required=True,
            ),
            Column("parrafo_numero", "integer", "Número del párrafo en la versión consultada."),
            Column(
                "en_respuesta_a", "integer", "Comentario al que responde (vacío si inicia un hilo)."
            ),
            Column("hilo", "integer", "Comentario que inicia el hilo."),
            Column(
                "participante",
                "integer",
                "Número anónimo y estable de la persona autora en la consulta.",
            ),
            Column("fecha", "datetime", "Fecha y hora de publicación."),
            Column(
                "estado", "string", "visible u oculto (por moderación).", enum=("visible", "oculto")
            ),
            Column(
                "texto",
                "string",
                "Texto del comentario o, si se ocultó, el aviso de moderación con su motivo.",
            ),
            Column(
                "fragmento",
                "string",
                "Pasaje del párrafo que se comenta (vacío: el párrafo completo).",
            ),
            Column(
                "fragmento_inicio",
                "integer",
                "Posición inicial del pasaje en el texto del párrafo.",
            ),
            Column(
                "fragmento_fin", "integer", "Posición final del pasaje en el texto del párrafo."
            ),
            Column("apoyos", "integer", "Apoyos recibidos."),
            Column(
                "respuestas_en_hilo",
                "integer",
                "Respuestas en el hilo (solo en el comentario que lo inicia).",
            ),
            Column(
                "dictamen",
                "string",
                "Respuesta oficial: aceptado, parcialmente_aceptado o no_aceptado (vacío: sin respuesta).",
                enum=("", "aceptado", "parcialmente_aceptado", "no_aceptado"),
            ),
            Column("razones", "string", "Razones de la respuesta oficial."),
            Column("fecha_dictamen", "datetime", "Fecha de la respuesta oficial."),
            Column(
                "atendido_en_version", "integer", "Versión posterior que atiende el comentario."
            ),
            Column("atendido_en_parrafo", "string", "Ancla del párrafo que lo atiende."),
            Column(
                "atendido_en_numero", "integer", "Número del párrafo que lo atiende en esa versión."
            ),
        ),
    )
)

MODERATION_DATASET = dataset_register(
    Dataset(
        slug="consulta-moderacion",
        title_en="Public consultation moderation log",
        description_en=("Each comment hidden or restored, with the date and the public reason."),
        title="Registro de moderación de las consultas públicas",
        description="Cada comentario ocultado o restablecido, con la fecha y el motivo público.",
        theme="consultation",
        per_edition=False,
        scopes=SCOPES,
        primary_key=("id",),
        keywords=("moderación", "consulta pública"),
        rows=moderation_rows,
        columns=(
            Column("id", "integer", "Identificador de la acción.", required=True),
            Column("consulta", "string", "Consulta."),
            Column("comentario", "integer", "Comentario moderado.", required=True),
            Column(
                "accion",
                "string",
                "ocultado, restablecido o reportes_descartados.",
                enum=("ocultado", "restablecido", "reportes_descartados"),
            ),
            Column("motivo", "string", "Motivo público."),
            Column("fecha", "datetime", "Fecha y hora."),
        ),
    )
)
