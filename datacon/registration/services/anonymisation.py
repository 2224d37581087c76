"""Anonymising a registration when its person erases their data (ARCO cancellation)."""

from __future__ import annotations

from django.utils import timezone

from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.write import unit_of_work
from datacon.registration.models import (
    Registration,
    RegistrationAction,
    RegistrationSettings,
    RegistrationStatus,
)
from datacon.registration.services.workshops import signups_cancel


def registration_anonymise(*, registration: Registration, actor: Actor) -> Registration:
    """Remove everything that identifies the person; keep what aggregate figures need.

    Kept: edition, mode, venue, status, sector, state, dates and attendance.
    A confirmed seat stays confirmed (the printed ticket still opens the door
    and the figures do not move); a place in a waiting line is given up, since
    nobody could be told about a promotion any more. The person themself (or
    the platform erasing an account) may; anyone else gets PermissionDenied.
    """
    with unit_of_work(actor) as work:
        require(work.actor, "registration.change", registration)
        # Lock order: the edition's settings first, as every registration write does.
        RegistrationSettings.objects.select_for_update(of=("self",)).filter(
            edition_id=registration.edition_id
        ).first()
        current = Registration.objects.select_for_update(of=("self",)).get(pk=registration.pk)
        if current.status == RegistrationStatus.WAITING:
            current.status = RegistrationStatus.CANCELLED
            current.cancelled_at = timezone.now()
        signups_cancel(work, current, keep_confirmed=True)
        for name in Registration.PERSONAL_FIELDS:
            setattr(current, name, "")
        current.listed = False
        current.user = None
        current.consent = None
        current.anonymised_at = timezone.now()
        work.save(current, action=RegistrationAction.REGISTRATION_ANONYMISE, validate=False)
    return current
