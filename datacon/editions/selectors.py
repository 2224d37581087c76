"""Reads for editions: what the public may see, and the figures pages show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from datacon.editions.models import (
    PUBLIC_EDITION_STATUSES,
    Edition,
    EditionOrganisation,
    OrganisationRole,
    Room,
    Venue,
)
from datacon.people.models import Organisation


def editions_public() -> QuerySet[Edition]:
    return Edition.objects.filter(status__in=PUBLIC_EDITION_STATUSES).select_related("organiser")


def edition_get_public(*, slug: str) -> Edition:
    edition = editions_public().filter(slug=slug).first()
    if edition is None:
        raise Http404("Edición no encontrada")
    return edition


def edition_featured(*, today: dt.date) -> Edition | None:
    """The edition happening now, else the next one, else the latest."""
    editions = list(editions_public().order_by("start_date"))
    dated = [e for e in editions if e.start_date and e.end_date]
    for edition in dated:
        if edition.start_date <= today <= edition.end_date:  # type: ignore[operator]
            return edition
    upcoming = [e for e in dated if e.start_date > today]  # type: ignore[operator]
    if upcoming:
        return upcoming[0]
    return max(editions, key=lambda e: e.year) if editions else None


def venues_with_rooms(*, edition: Edition) -> list[Venue]:
    return list(
        Venue.objects.filter(edition=edition).prefetch_related(
            Prefetch("rooms", queryset=Room.objects.order_by("order", "name"))
        )
    )


@dataclass(frozen=True)
class RoleGroup:
    role: str
    label: str
    organisations: list[Organisation]


def organisations_by_role(*, edition: Edition) -> list[RoleGroup]:
    links = (
        EditionOrganisation.objects.filter(edition=edition)
        .select_related("organisation")
        .order_by("order", "organisation__name")
    )
    grouped: dict[str, list[Organisation]] = {}
    for link in links:
        grouped.setdefault(link.role, []).append(link.organisation)
    return [
        RoleGroup(role=value, label=str(label), organisations=grouped[value])
        for value, label in OrganisationRole.choices
        if value in grouped
    ]


def edition_from_url(*, edition: str, **_url: object) -> Edition:
    """The edition a back-office URL names (any status), for `rule_route`; 404 when missing."""
    found = Edition.objects.select_related("organiser").filter(slug=edition).first()
    if found is None:
        raise Http404("Edición no encontrada")
    return found
