"""Reads of contributions: which editions accept them, what is public, what each
person and each edition's organisers see.

Which editions accept contributions: published (or archived) editions that are
over (their last day, or their year when they have no dates, is before today)
and are not fictional (`Edition.is_demo`: the demonstration edition and the
large generated one).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from datacon.contributions.models import Contribution, ContributionStatus
from datacon.editions.models import PUBLIC_EDITION_STATUSES, Edition


def edition_is_fictional(edition: Edition) -> bool:
    return edition.is_demo


def edition_accepts_contributions(edition: Edition, *, today: dt.date | None = None) -> bool:
    """A public, past, real edition: its record can be corrected and completed."""
    if edition.status not in PUBLIC_EDITION_STATUSES or edition_is_fictional(edition):
        return False
    today = today or timezone.localdate()
    if edition.end_date is not None:
        return edition.end_date < today
    return edition.year < today.year


def edition_for_contributions(slug: str) -> Edition:
    """The edition of the public form, or 404 when it does not accept contributions."""
    edition = Edition.objects.filter(slug=slug).first()
    if edition is None or not edition_accepts_contributions(edition):
        raise Http404("Esta edición no recibe aportaciones")
    return edition


@dataclass
class PublicContributions:
    accepted: list[Contribution] = field(default_factory=list)
    rejected: list[Contribution] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.accepted or self.rejected)


def contributions_public(edition: Edition) -> PublicContributions:
    """Accepted contributions in full and the public log of rejections (no names)."""
    decided = list(
        Contribution.objects.filter(edition=edition)
        .exclude(status=ContributionStatus.PENDING)
        .select_related("session")
        .order_by("-reviewed_at", "-id")
    )
    return PublicContributions(
        accepted=[c for c in decided if c.status == ContributionStatus.ACCEPTED],
        rejected=[c for c in decided if c.status == ContributionStatus.REJECTED],
    )


def contributions_of(user: User) -> QuerySet[Contribution]:
    """What an account proposed, with each decision and its reason."""
    if not user.is_authenticated:
        return Contribution.objects.none()
    return (
        Contribution.objects.filter(created_by=user)
        .select_related("edition", "session")
        .order_by("-created_at", "-id")
    )


def review_queue(edition: Edition) -> tuple[list[Contribution], list[Contribution]]:
    """An edition's contributions for its organisers: (pending oldest first, decided)."""
    rows = list(
        Contribution.objects.filter(edition=edition).select_related(
            "session", "created_by", "reviewed_by"
        )
    )
    pending = sorted(
        (c for c in rows if c.status == ContributionStatus.PENDING),
        key=lambda c: (c.created_at, c.pk),
    )
    decided = sorted(
        (c for c in rows if c.status != ContributionStatus.PENDING),
        key=lambda c: (c.reviewed_at or c.created_at, c.pk),
        reverse=True,
    )
    return pending, decided


def pending_counts(editions: QuerySet[Edition]) -> list[Edition]:
    """Editions with `pending` and `total` contribution counts, for the back office."""
    return list(
        editions.annotate(
            pending=Count("contributions", filter=Q(contributions__status="pending")),
            total=Count("contributions"),
        ).order_by("-year")
    )
