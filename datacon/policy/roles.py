"""Back-office roles of the policy process (organisers hold every permission anyway)."""

from django.utils.translation import gettext_lazy as _

from datacon.common.roles import Role


def _crud(model: str) -> tuple[str, ...]:
    return tuple(f"policy.{action}_{model}" for action in ("add", "change", "delete", "view"))


ROLES = [
    Role(
        name="Documentos de política",
        permissions=(
            "policy.publish_documentversion",
            "policy.view_documentversion",
            *_crud("document"),
            "policy.view_process",
        ),
        description=str(
            _("Publica versiones nuevas de la metodología, los borradores y los anexos.")
        ),
    ),
    Role(
        name="Transparencia de la política",
        permissions=(
            *_crud("expense"),
            *_crud("contact"),
            "policy.view_process",
            "policy.view_stage",
        ),
        description=str(_("Registra los gastos con su comprobante y los contactos responsables.")),
    ),
    Role(
        name="Seguimiento de compromisos",
        permissions=(
            *_crud("commitment"),
            *_crud("progressreport"),
            *_crud("yearassessment"),
            "policy.view_agreement",
            "policy.change_agreement",
            "policy.view_process",
        ),
        description=str(
            _("Registra compromisos, sus avances con evidencia y la valoración anual.")
        ),
    ),
    Role(
        name="Secretaría de grupos de trabajo",
        permissions=(
            *_crud("meeting"),
            *_crud("agreement"),
            *_crud("attendance"),
            *_crud("meetingattachment"),
            *_crud("membership"),
            "policy.view_group",
            "policy.view_process",
        ),
        description=str(_("Registra reuniones, asistencia, minutas, acuerdos e integrantes.")),
    ),
]
