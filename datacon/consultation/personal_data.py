"""What a consultation holds about an account, for the ARCO screens (export and erasure).

Erasure unlinks the account from its participations and clears the chosen
display name, and the name each comment was published with: the comments stay
in the public record of the consultation (official answers refer to them) but
are shown as "Participante N", which no longer leads to anyone. Reports the
person made to moderators are deleted.
"""

from __future__ import annotations

from typing import Any

from datacon.common.actor import Actor
from datacon.common.personal_data import ExportedRows
from datacon.common.versions import consultation_scope
from datacon.common.write import unit_of_work
from datacon.consultation.models import (
    ALL_CONSULTATIONS,
    Comment,
    ConsultationAction,
    Flag,
    Participant,
    Support,
)


def consultation_export(user: Any) -> ExportedRows:
    participants = list(
        Participant.objects.filter(user=user).select_related("consultation").order_by("pk")
    )
    comments = (
        Comment.objects.filter(participant__user=user)
        .select_related("consultation", "identity")
        .order_by("pk")
    )
    supports = Support.objects.filter(participant__user=user).order_by("pk")
    flags = Flag.objects.filter(reporter=user).order_by("pk")
    return {
        "participaciones_en_consultas": [
            {
                "consulta": p.consultation.title,
                "numero_de_participante": p.number,
                "nombre_mostrado": p.display_name,
                "fecha": p.joined_at.isoformat(),
            }
            for p in participants
        ],
        "comentarios": [
            {
                "id": c.pk,
                "consulta": c.consultation.title,
                "parrafo": c.identity.anchor,
                "nombre_con_que_se_publico": c.author_name,
                "en_respuesta_a": c.parent_id,
                "texto": c.body,
                "fragmento": c.quote,
                "estado": c.status,
                "motivo_de_moderacion": c.hidden_reason,
                "fecha": c.created_at.isoformat(),
            }
            for c in comments
        ],
        "apoyos": [
            {"comentario": s.comment_id, "fecha": s.created_at.isoformat()} for s in supports
        ],
        "reportes_a_moderacion": [
            {"comentario": f.comment_id, "motivo": f.reason, "fecha": f.created_at.isoformat()}
            for f in flags
        ],
    }


def consultation_erase(user: Any) -> None:
    with unit_of_work(Actor.system("cancelación de datos personales (ARCO)")) as work:
        consultation_ids = set(
            Participant.objects.filter(user=user).values_list("consultation_id", flat=True)
        )
        work.update(
            Comment.objects.filter(participant__user=user),
            action=ConsultationAction.AUTHOR_NAMES_ERASE,
            author_name="",
        )
        work.update(
            Participant.objects.filter(user=user),
            action=ConsultationAction.PARTICIPANTS_UNLINK,
            user=None,
            display_name="",
        )
        for flag in Flag.objects.filter(reporter=user):
            work.delete(flag)
        work.record(
            ConsultationAction.PERSONAL_DATA_ERASE, object_type="auth.user", object_id=str(user.pk)
        )
        if consultation_ids:
            work.touch_scopes(
                *(consultation_scope(pk) for pk in sorted(consultation_ids)), ALL_CONSULTATIONS
            )
