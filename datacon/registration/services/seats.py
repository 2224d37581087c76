"""Seats of a registration pool (a venue, or the online quota) and its waiting line.

Every write that decides who gets a seat at an edition locks the edition's
`RegistrationSettings` row first (`settings_locked`) and counts under that
lock, so "one registration per person", each venue's capacity and the online
quota hold whatever the number of app servers. Waiting order is
`queue_number`, the next number after the edition's highest, taken under the
same lock (nothing else is written to hand it out: the settings row feeds
public pages, and a counter on it would make every sign-up refresh them).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Max, Q
from django.utils import timezone

from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.write import Work, unit_of_work
from datacon.editions.models import Edition, Venue
from datacon.registration import emails
from datacon.registration.models import (
    AttendanceMode,
    Registration,
    RegistrationAction,
    RegistrationSettings,
    RegistrationStatus,
    SessionSeats,
)
from datacon.registration.selectors import WINDOW_MESSAGES, WindowState
from datacon.registration.services.workshops import session_promote

CONFIRMED = RegistrationStatus.CONFIRMED
WAITING = RegistrationStatus.WAITING


def settings_locked(edition_id: int) -> RegistrationSettings:
    """The edition's registration settings, locked: the first statement of every seat decision."""
    config = (
        RegistrationSettings.objects.select_for_update(of=("self",))
        .select_related("edition")
        .filter(edition_id=edition_id)
        .first()
    )
    if config is None:
        raise ValidationError(WINDOW_MESSAGES[WindowState.NOT_CONFIGURED], code="not_configured")
    return config


def registration_queue_next(edition_id: int) -> int:
    """The end of the edition's waiting lines (the caller holds the settings lock)."""
    highest = Registration.objects.filter(edition_id=edition_id).aggregate(n=Max("queue_number"))
    return (highest["n"] or 0) + 1


def pool_filter(mode: str, venue_id: int | None, edition_id: int) -> Q:
    if mode == AttendanceMode.IN_PERSON:
        return Q(venue_id=venue_id, mode=AttendanceMode.IN_PERSON)
    return Q(edition_id=edition_id, mode=AttendanceMode.ONLINE)


def pool_capacity(config: RegistrationSettings, mode: str, venue_id: int | None) -> int | None:
    if mode == AttendanceMode.IN_PERSON:
        if venue_id is None:
            return 0
        return Venue.objects.filter(pk=venue_id).values_list("capacity", flat=True).first()
    return config.online_capacity


def pool_has_seat(config: RegistrationSettings, mode: str, venue_id: int | None) -> bool:
    capacity = pool_capacity(config, mode, venue_id)
    if capacity is None:
        return True
    confirmed = Registration.objects.filter(
        pool_filter(mode, venue_id, config.edition_id), status=CONFIRMED
    ).count()
    return confirmed < capacity


def pool_promote(
    work: Work,
    config: RegistrationSettings,
    mode: str,
    venue_id: int | None,
    *,
    notify: bool = True,
) -> list[Registration]:
    """Confirm people waiting in this pool while seats are free, first in line first
    (the caller holds the settings lock)."""
    pool = pool_filter(mode, venue_id, config.edition_id)
    capacity = pool_capacity(config, mode, venue_id)
    waiting = Registration.objects.filter(pool, status=WAITING).order_by("queue_number", "pk")
    if capacity is not None:
        free = capacity - Registration.objects.filter(pool, status=CONFIRMED).count()
        if free <= 0:
            return []
        waiting = waiting[:free]
    promoted = list(waiting.select_related("edition", "venue"))
    now = timezone.now()
    for registration in promoted:
        registration.status = CONFIRMED
        registration.confirmed_at = now
        work.save(
            registration,
            fields=["status", "confirmed_at"],
            action=RegistrationAction.REGISTRATION_PROMOTE,
        )
        if notify:
            emails.registration_email(registration=registration, kind="promoted", actor=work.actor)
    return promoted


def waitlists_promote(*, edition: Edition, actor: Actor) -> int:
    """Fill every free seat of the edition from its waiting lines (after a capacity grew)."""
    with unit_of_work(actor) as work:
        require(work.actor, "registration.manage", edition)
        config = (
            RegistrationSettings.objects.select_for_update(of=("self",))
            .filter(edition=edition)
            .first()
        )
        if config is None:
            return 0
        pools = set(
            Registration.objects.filter(edition=edition, status=WAITING).values_list(
                "mode", "venue_id"
            )
        )
        promoted = 0
        for mode, venue_id in sorted(pools, key=lambda pool: (pool[0], pool[1] or 0)):
            promoted += len(pool_promote(work, config, mode, venue_id))
        for seats in (
            SessionSeats.objects.select_for_update(of=("self",))
            .filter(session__edition=edition)
            .order_by("session_id")
        ):
            promoted += len(session_promote(work, seats))
        if promoted:
            work.record(
                RegistrationAction.WAITLISTS_PROMOTE, config, changes={"promoted": promoted}
            )
    return promoted
