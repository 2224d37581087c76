"""Writes for editions, venues, rooms, organisation roles and session types."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from datacon.common.services import record_save
from datacon.editions.models import (
    DEFAULT_SESSION_TYPES,
    Edition,
    EditionOrganisation,
    EditionStatus,
    Room,
    SessionType,
    Venue,
)
from datacon.people.models import Organisation


def edition_save(*, edition: Edition, actor: Any) -> Edition:
    if not edition.slug:
        edition.slug = str(edition.year)
    return record_save(instance=edition, actor=actor)


def edition_create(
    *,
    number: int,
    year: int,
    title: str,
    mode: str,
    theme: str = "",
    summary: str = "",
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    timezone: str = "America/Mexico_City",
    status: str = EditionStatus.DRAFT,
    organiser: Organisation | None = None,
    privacy_contact_email: str = "",
    website: str = "",
    actor: Any = None,
    with_default_session_types: bool = True,
) -> Edition:
    with transaction.atomic():
        edition = edition_save(
            edition=Edition(
                number=number,
                year=year,
                title=title,
                mode=mode,
                theme=theme,
                summary=summary,
                start_date=start_date,
                end_date=end_date,
                timezone=timezone,
                status=status,
                organiser=organiser,
                privacy_contact_email=privacy_contact_email,
                website=website,
            ),
            actor=actor,
        )
        if with_default_session_types:
            session_types_seed(edition=edition, actor=actor)
    return edition


def session_types_seed(*, edition: Edition, actor: Any) -> list[SessionType]:
    """Give an edition the session kinds the seed documents use, keeping any it has."""
    existing = set(edition.session_types.values_list("slug", flat=True))
    created = []
    for order, (name, slug, minutes) in enumerate(DEFAULT_SESSION_TYPES, start=1):
        if slug in existing:
            continue
        created.append(
            record_save(
                instance=SessionType(
                    edition=edition,
                    name=name,
                    slug=slug,
                    default_duration_minutes=minutes,
                    order=order,
                ),
                actor=actor,
            )
        )
    return created


def edition_status_set(*, edition: Edition, status: str, actor: Any) -> Edition:
    edition.status = status
    return record_save(instance=edition, actor=actor, action=f"edition.status.{status}")


def venue_save(*, venue: Venue, actor: Any) -> Venue:
    return record_save(instance=venue, actor=actor)


def room_save(*, room: Room, actor: Any) -> Room:
    return record_save(instance=room, actor=actor)


def edition_organisation_add(
    *, edition: Edition, organisation: Organisation, role: str, order: int = 0, actor: Any = None
) -> EditionOrganisation:
    link = EditionOrganisation.objects.filter(
        edition=edition, organisation=organisation, role=role
    ).first()
    if link is not None:
        return link
    return record_save(
        instance=EditionOrganisation(
            edition=edition, organisation=organisation, role=role, order=order
        ),
        actor=actor,
    )
