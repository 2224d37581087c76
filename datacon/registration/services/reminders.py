"""Messages to many: the reminder before the event and the streaming link.

Each message is queued in its own small unit of work, with the registration
locked (`skip_locked`), so two runs at once (cron overlapping a manual run)
never send one twice, and a failure halfway keeps what was already queued.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.write import unit_of_work
from datacon.editions.models import Edition
from datacon.people.models_privacy import NonEssentialUse
from datacon.registration import emails
from datacon.registration.models import (
    AttendanceMode,
    Registration,
    RegistrationAction,
    RegistrationSettings,
    RegistrationStatus,
)
from datacon.registration.selectors import edition_starts_at, streaming_url_for

CONFIRMED = RegistrationStatus.CONFIRMED


def reminders_send(*, actor: Actor, now: dt.datetime | None = None) -> int:
    """Queue the reminder of every edition whose reminder time has come. Idempotent.

    People who objected to reminders are skipped (and not marked, so lifting
    the objection before the event brings the reminder back).
    """
    now = now or timezone.now()
    queued = 0
    for config in RegistrationSettings.objects.filter(reminder_hours_before__gt=0).select_related(
        "edition"
    ):
        starts = edition_starts_at(edition=config.edition)
        if starts is None or not (
            starts - dt.timedelta(hours=config.reminder_hours_before) <= now < starts
        ):
            continue
        for pk in _due_reminders(config):
            queued += _remind(pk, actor=actor, now=now)
    return queued


def _due_reminders(config: RegistrationSettings) -> list[int]:
    from datacon.people.privacy_selectors import users_objecting

    due = list(
        Registration.objects.filter(
            edition=config.edition, status=CONFIRMED, reminded_at__isnull=True
        )
        .exclude(email="")
        .values_list("pk", "user_id")
    )
    objecting = users_objecting(use=NonEssentialUse.REMINDERS, user_ids=[u for _pk, u in due if u])
    return [pk for pk, user_id in due if user_id not in objecting]


def _remind(pk: int, *, actor: Actor, now: dt.datetime) -> int:
    with unit_of_work(actor) as work:
        registration = (
            Registration.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("edition", "venue")
            .filter(pk=pk, reminded_at__isnull=True, status=CONFIRMED)
            .first()
        )
        if registration is None:
            return 0
        emails.registration_email(registration=registration, kind="reminder", actor=work.actor)
        registration.reminded_at = now
        work.save(
            registration, fields=["reminded_at"], action=RegistrationAction.REGISTRATION_REMINDER
        )
    return 1


def streaming_links_send(*, edition: Edition, actor: Actor) -> int:
    """Send the streaming link to confirmed online attendees who have not received it yet."""
    require(actor, "registration.manage", edition)
    config = RegistrationSettings.objects.filter(edition=edition).select_related("edition").first()
    if config is None or not streaming_url_for(config=config):
        raise ValidationError(
            _("Primero indique el enlace de la transmisión en la configuración del registro.")
        )
    pending = list(
        Registration.objects.filter(
            edition=edition,
            status=CONFIRMED,
            mode=AttendanceMode.ONLINE,
            streaming_sent_at__isnull=True,
        )
        .exclude(email="")
        .values_list("pk", flat=True)
    )
    sent = 0
    for pk in pending:
        with unit_of_work(actor) as work:
            registration = (
                Registration.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("edition")
                .filter(pk=pk, streaming_sent_at__isnull=True)
                .first()
            )
            if registration is None:
                continue
            emails.registration_email(registration=registration, kind="streaming", actor=work.actor)
            registration.streaming_sent_at = timezone.now()
            work.save(
                registration,
                fields=["streaming_sent_at"],
                action=RegistrationAction.STREAMING_LINK,
            )
            sent += 1
    with unit_of_work(actor) as work:
        work.record(RegistrationAction.STREAMING_LINKS, config, changes={"sent": sent})
    return sent
