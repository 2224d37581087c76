"""Who holds a duty in an edition: grant, revoke and the history of both.

An edition's organisers give an account a duty (organiser, check-in staff,
attendee-data officer, read-only) for that edition only, optionally until a
date, and take it back. Both are audited (`EditionAction.ROLE_GRANT` /
`ROLE_REVOKE`); the named rules (datacon/editions/permissions.py) read the
active grants, so an expired or revoked duty opens nothing.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.models import AuditEntry
from datacon.common.write import unit_of_work
from datacon.editions.models import Edition, EditionAction
from datacon.editions.models_access import EditionDuty, EditionRole

MANAGE_ROLES = "editions.manage_roles"


def edition_role_grant(
    *,
    edition: Edition,
    user: User,
    duty: str,
    expires_at: dt.datetime | None = None,
    note: str = "",
    actor: Actor,
) -> EditionRole:
    """Give `user` the duty in `edition` (until `expires_at`, if given)."""
    with unit_of_work(actor) as work:
        require(actor, MANAGE_ROLES, edition)
        if duty not in EditionDuty.values:
            raise ValidationError({"duty": _("Elija una función de la lista.")})
        if expires_at is not None and expires_at <= timezone.now():
            raise ValidationError({"expires_at": _("La fecha de vencimiento ya pasó.")})
        if not user.is_active:
            raise ValidationError({"user": _("Esa cuenta está desactivada.")})
        current = (
            EditionRole.objects.select_for_update()
            .filter(edition=edition, user=user, duty=duty, revoked_at__isnull=True)
            .first()
        )
        if current is not None:
            if current.is_active:
                raise ValidationError({"user": _("Esa cuenta ya tiene esa función en la edición.")})
            # An expired grant still counts for the one-active-grant rule: close it first.
            current.revoked_at = current.expires_at or timezone.now()
            work.save(current, action=EditionAction.ROLE_REVOKE, fields=["revoked_at"])
        return work.save(
            EditionRole(
                edition=edition,
                user=user,
                duty=duty,
                expires_at=expires_at,
                note=note.strip()[:300],
                granted_by=work.actor.account,
            ),
            action=EditionAction.ROLE_GRANT,
        )


def edition_role_revoke(*, role: EditionRole, actor: Actor) -> EditionRole:
    """Take the duty back now (the record stays, marked revoked)."""
    with unit_of_work(actor) as work:
        role = EditionRole.objects.select_for_update().get(pk=role.pk)
        require(actor, MANAGE_ROLES, role.edition)
        if role.revoked_at is not None:
            raise ValidationError(_("Esa función ya estaba revocada."))
        role.revoked_at = timezone.now()
        return work.save(role, action=EditionAction.ROLE_REVOKE, fields=["revoked_at"])


# --- reads ---------------------------------------------------------------------------


def edition_roles_active(*, edition: Edition) -> QuerySet[EditionRole]:
    return (
        EditionRole.objects.active()
        .filter(edition=edition)
        .select_related("user", "granted_by")
        .order_by("duty", "user__email", "pk")
    )


def edition_roles_history(*, edition: Edition, limit: int = 20) -> list[AuditEntry]:
    """The last grants and revocations of the edition's duties, newest first."""
    ids = [
        str(pk) for pk in EditionRole.objects.filter(edition=edition).values_list("pk", flat=True)
    ]
    return list(
        AuditEntry.objects.filter(
            object_type=EditionRole._meta.label_lower,
            object_id__in=ids,
            action__in=(EditionAction.ROLE_GRANT, EditionAction.ROLE_REVOKE),
        )
        .select_related("actor")
        .order_by("-at", "-id")[:limit]
    )
