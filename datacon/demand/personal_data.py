"""What the demand capability holds about an account (ARCO rights): proposals and supports."""

from __future__ import annotations

from django.contrib.auth.models import User

from datacon.common.actor import Actor
from datacon.common.personal_data import ExportedRows
from datacon.common.write import unit_of_work
from datacon.demand.models import DemandAction, InformationNeed, NeedSupport

# The person erases their own data; the audit entry must not point at them.
ERASER = Actor.system("derecho de cancelación (ARCO)")


def demand_personal_data_export(user: User) -> ExportedRows:
    return {
        "necesidades_propuestas": [
            {
                "titulo": need.title,
                "firma_publica": need.proposer_public_name,
                "estado": need.status,
                "creada": need.created_at.isoformat(),
                "url": need.get_absolute_url(),
            }
            for need in InformationNeed.objects.filter(proposer=user).order_by("created_at")
        ],
        "apoyos": [
            {"necesidad": title, "fecha": created.isoformat()}
            for title, created in NeedSupport.objects.filter(user=user)
            .order_by("created_at")
            .values_list("need__title", "created_at")
        ],
    }


def demand_personal_data_erase(user: User) -> None:
    """Supports are removed (counts drop); proposals stay as anonymous public records."""
    with unit_of_work(ERASER) as work:
        supports = NeedSupport.objects.filter(user=user)
        proposals = InformationNeed.objects.filter(proposer=user)
        counts = {"supports": supports.count(), "proposals": proposals.count()}
        if counts["supports"]:
            work.delete_many(supports, action=DemandAction.PERSONAL_DATA_ERASE)
        if counts["proposals"]:
            work.update(
                proposals,
                action=DemandAction.PERSONAL_DATA_ERASE,
                proposer=None,
                proposer_public_name="",
            )
        work.record(
            DemandAction.PERSONAL_DATA_ERASE,
            object_type="auth.user",
            object_id=str(user.pk),
            changes=counts,
        )
