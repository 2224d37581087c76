"""What the demand capability holds about an account (ARCO rights): proposals and supports."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from datacon.common.audit import audit_record
from datacon.common.personal_data import ExportedRows
from datacon.common.versions import CONFERENCE, DEMAND, public_version_bump
from datacon.demand.models import InformationNeed, NeedSupport


def demand_personal_data_export(user: Any) -> ExportedRows:
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


def demand_personal_data_erase(user: Any) -> None:
    """Supports are removed (counts drop); proposals stay as anonymous public records."""
    with transaction.atomic():
        supports, _rows = NeedSupport.objects.filter(user=user).delete()
        proposals = InformationNeed.objects.filter(proposer=user).update(
            proposer=None, proposer_public_name=""
        )
        audit_record(
            actor=None,
            action="demand.personal_data.erase",
            object_type="auth.user",
            object_id=str(user.pk),
            changes={"supports": supports, "proposals": proposals},
        )
        public_version_bump(DEMAND, CONFERENCE)
