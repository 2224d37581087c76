"""What the contributions capability holds about an account (ARCO rights).

Export: every contribution the account proposed, with its decision. Erasure:
the contributions stay (they are part of the public record, and accepted ones
are facts with their own source) but lose the link to the account and the
credit name; nobody is named for them any more.
"""

from __future__ import annotations

from django.contrib.auth.models import User

from datacon.common.actor import Actor
from datacon.common.personal_data import ExportedRows
from datacon.common.write import unit_of_work
from datacon.contributions.models import Contribution, ContributionAction

# The person erases their own data; the audit entry must not point at them.
ERASER = Actor.system("derecho de cancelación (ARCO)")


def contributions_personal_data_export(user: User) -> ExportedRows:
    return {
        "aportaciones_al_registro": [
            {
                "edicion": contribution.edition.title,
                "tipo": contribution.kind,
                "sobre": contribution.target,
                "sesion": contribution.session.title if contribution.session else "",
                "aportacion": contribution.content,
                "fuente_url": contribution.source_url,
                "fuente_titulo": contribution.source_title,
                "fuente_editor": contribution.source_publisher,
                "fuente_fecha": (
                    contribution.source_date.isoformat() if contribution.source_date else ""
                ),
                "fuente_cita": contribution.source_quote,
                "credito": contribution.credit,
                "nombre_para_credito": contribution.credit_name,
                "estado": contribution.status,
                "motivo": contribution.review_reason,
                "creada": contribution.created_at.isoformat(),
                "revisada": (
                    contribution.reviewed_at.isoformat() if contribution.reviewed_at else ""
                ),
            }
            for contribution in Contribution.objects.filter(created_by=user)
            .select_related("edition", "session")
            .order_by("created_at", "id")
        ]
    }


def contributions_personal_data_erase(user: User) -> None:
    """Keep the contributions, drop who proposed them and the credit."""
    with unit_of_work(ERASER) as work:
        mine = Contribution.objects.filter(created_by=user)
        count = mine.count()
        if count:
            work.update(
                mine,
                action=ContributionAction.PERSONAL_DATA_ERASE,
                created_by=None,
                credit=False,
                credit_name="",
            )
        work.record(
            ContributionAction.PERSONAL_DATA_ERASE,
            object_type="auth.user",
            object_id=str(user.pk),
            changes={"contributions": count},
        )
