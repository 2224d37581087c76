"""Back-office roles of the consultation: moderators and the answering (technical) group."""

from django.utils.translation import gettext_lazy as _

from datacon.common.roles import Role

ROLES = [
    Role(
        name="Moderación de consultas",
        permissions=(
            "consultation.moderate_comment",
            "consultation.view_consultation",
            "consultation.view_comment",
            "consultation.view_moderationaction",
        ),
        description=str(
            _("Oculta comentarios con un motivo público, los restablece y revisa los reportes.")
        ),
    ),
    Role(
        name="Grupo técnico: respuestas a consultas",
        permissions=(
            "consultation.answer_comment",
            "consultation.view_consultation",
            "consultation.view_comment",
            "consultation.view_answer",
            "policy.view_documentversion",
        ),
        description=str(
            _(
                "Da la respuesta oficial a cada comentario y señala el párrafo de la versión "
                "siguiente que lo atiende."
            )
        ),
    ),
]
