"""What a consultation holds about an account, for the ARCO screens (export and erasure).

Erasure unlinks the account from its participations and clears the chosen
display name, and the name each comment was published with: the comments stay
in the public record of the consultation (official answers refer to them) but
are shown as "Participante N", which no longer leads to anyone. Reports the
person made to moderators are deleted.
"""

from __future__ import annotations

from django.contrib.auth.models import User

from datacon.common.actor import Actor
from datacon.common.personal_data import ExportedRows
from datacon.common.write import unit_of_work
from datacon.consultation.models import Comment, ConsultationAction, Flag, Participant, Support

# The person erases their own data; the audit entry must not point at them.
ERASER = Actor.system("derecho de cancelación (ARCO)")


def consultation_export(user: User) -> ExportedRows:
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


def consultation_erase(user: User) -> None:
    with unit_of_work(ERASER) as work:
        # The names comments were published with go too (they would still name the person);
        # the comments' consultations' pages are bumped by the updates.
        comments = Comment.objects.filter(participant__user=user).exclude(author_name="")
        if comments.exists():
            work.update(comments, action=ConsultationAction.AUTHOR_NAMES_ERASE, author_name="")
        participants = Participant.objects.filter(user=user)
        if participants.exists():
            work.update(
                participants,
                action=ConsultationAction.PARTICIPANTS_UNLINK,
                user=None,
                display_name="",
            )
        # One entry with the count: the audit log must not keep the reports' text.
        flags = Flag.objects.filter(reporter=user)
        if flags.exists():
            work.delete_many(flags, action=ConsultationAction.FLAGS_ERASE)
        work.record(
            ConsultationAction.PERSONAL_DATA_ERASE,
            object_type="auth.user",
            object_id=str(user.pk),
        )
