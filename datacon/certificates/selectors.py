"""Who is eligible for a constancia, and the lists and counts of constancias.

Evidence, never a claim:

* attendance: a confirmed registration with a check-in at a venue
  (`Registration.checked_in_at`, set by the check-in staff's scan) or a recorded
  online connection (`Registration.joined_online_at`, set by
  `registration.services.online_join_record` when the person opens their
  personal streaming link `/registro/transmision/<code>/` during the event),
  plus, if the rule asks for it, check-ins at N sessions with seats;
* participation: a `Participation` the person confirmed (pending or declined
  ones give nothing), one constancia per person and role;
* review: a review assignment with its review submitted.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from datacon.certificates.models import (
    Certificate,
    CertificateKind,
    CertificateRole,
    CertificateRule,
    CertificateStatus,
)
from datacon.editions.models import Edition
from datacon.program.models import ParticipationStatus, SessionStatus


@dataclass(frozen=True)
class Candidate:
    kind: str
    role: str
    holder_key: str
    user_id: int | None
    name: str
    email: str
    hours: int | None = None


def rule_for(*, edition: Edition) -> CertificateRule:
    """The edition's rule, or the defaults (unsaved) when the organiser set none."""
    rule = CertificateRule.objects.filter(edition=edition).first()
    return rule if rule is not None else CertificateRule(edition=edition)


def _account_name(first: str | None, last: str | None) -> str:
    return " ".join(part for part in (first or "", last or "") if part).strip()


def attendance_candidates(*, edition: Edition, rule: CertificateRule) -> Iterator[Candidate]:
    from datacon.registration.models import Registration, RegistrationStatus

    if not rule.attendance_enabled:
        return
    rows = (
        Registration.objects.filter(
            edition=edition, status=RegistrationStatus.CONFIRMED, anonymised_at__isnull=True
        )
        .filter(Q(checked_in_at__isnull=False) | Q(joined_online_at__isnull=False))
        .order_by("pk")
    )
    if rule.min_sessions:
        rows = rows.annotate(
            sessions_attended=Count("signups", filter=Q(signups__checked_in_at__isnull=False))
        ).filter(sessions_attended__gte=rule.min_sessions)
    for row in rows.values("pk", "user_id", "name", "email", "user__first_name", "user__last_name"):
        name = row["name"] or _account_name(row["user__first_name"], row["user__last_name"])
        if not name:
            continue
        yield Candidate(
            kind=CertificateKind.ATTENDANCE,
            role=CertificateRole.ATTENDEE,
            holder_key=f"r:{row['pk']}",
            user_id=row["user_id"],
            name=name,
            email=row["email"],
            hours=rule.attendance_hours,
        )


def participation_candidates(*, edition: Edition, rule: CertificateRule) -> Iterator[Candidate]:
    from datacon.program.models import Participation
    from datacon.proposals.models import ReviewAssignment

    if rule.participation_enabled:
        seen: set[tuple[int, str]] = set()
        rows = (
            Participation.objects.filter(
                session__edition=edition, status=ParticipationStatus.CONFIRMED
            )
            .exclude(session__status=SessionStatus.CANCELLED)
            .order_by("person_id", "role", "pk")
            .values("person_id", "role", "person__public_name", "person__email", "person__user_id")
        )
        for row in rows:
            key = (row["person_id"], row["role"])
            if key in seen:
                continue
            seen.add(key)
            yield Candidate(
                kind=CertificateKind.PARTICIPATION,
                role=row["role"],
                holder_key=f"p:{row['person_id']}",
                user_id=row["person__user_id"],
                name=row["person__public_name"],
                email=row["person__email"],
            )
    if rule.reviewers_enabled:
        reviewers = (
            ReviewAssignment.objects.filter(proposal__edition=edition, review__isnull=False)
            .order_by("reviewer_id")
            .values(
                "reviewer_id",
                "reviewer__email",
                "reviewer__first_name",
                "reviewer__last_name",
                "reviewer__person__public_name",
                "reviewer__username",
            )
            .distinct()
        )
        for reviewer in reviewers:
            name = (
                reviewer["reviewer__person__public_name"]
                or _account_name(reviewer["reviewer__first_name"], reviewer["reviewer__last_name"])
                or reviewer["reviewer__username"]
            )
            yield Candidate(
                kind=CertificateKind.PARTICIPATION,
                role=CertificateRole.REVIEWER,
                holder_key=f"u:{reviewer['reviewer_id']}",
                user_id=reviewer["reviewer_id"],
                name=name,
                email=reviewer["reviewer__email"],
            )


def candidates(*, edition: Edition, rule: CertificateRule | None = None) -> Iterator[Candidate]:
    rule = rule or rule_for(edition=edition)
    yield from attendance_candidates(edition=edition, rule=rule)
    yield from participation_candidates(edition=edition, rule=rule)


def existing_keys(*, edition: Edition) -> set[tuple[str, str, str]]:
    return set(
        Certificate.objects.filter(edition=edition).values_list("kind", "role", "holder_key")
    )


@dataclass(frozen=True)
class Preview:
    eligible_new: dict[str, int]
    by_status: dict[str, int]

    @property
    def new_total(self) -> int:
        return sum(self.eligible_new.values())


def preview(*, edition: Edition) -> Preview:
    """What "prepare" would add, by kind, and what exists, by status (a fixed few queries)."""
    keys = existing_keys(edition=edition)
    eligible: dict[str, int] = {kind: 0 for kind in CertificateKind.values}
    for candidate in candidates(edition=edition):
        if (candidate.kind, candidate.role, candidate.holder_key) not in keys:
            eligible[candidate.kind] += 1
    by_status = {status: 0 for status in CertificateStatus.values}
    for status, count in (
        Certificate.objects.filter(edition=edition)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        by_status[status] = count
    return Preview(eligible_new=eligible, by_status=by_status)


def certificates_of_edition(*, edition: Edition) -> QuerySet[Certificate]:
    return Certificate.objects.filter(edition=edition).order_by("kind", "number")


def certificates_of_user(*, user: Any) -> QuerySet[Certificate]:
    return (
        Certificate.objects.filter(user=user)
        .exclude(status=CertificateStatus.REVOKED)
        .select_related("edition")
        .order_by("-edition__year", "kind", "number")
    )


def certificate_public(*, folio: str) -> Certificate | None:
    """An issued or revoked constancia (a prepared one does not exist yet in public)."""
    return (
        Certificate.objects.filter(folio=folio.strip().upper())
        .exclude(status=CertificateStatus.PREPARED)
        .select_related("edition")
        .first()
    )


def counts(*, edition: Edition) -> list[tuple[str, str, int, int]]:
    """(kind, role, issued and valid, revoked) per kind and role: aggregates only."""
    rows: dict[tuple[str, str], list[int]] = {}
    for kind, role, status, count in (
        Certificate.objects.filter(edition=edition)
        .exclude(status=CertificateStatus.PREPARED)
        .values_list("kind", "role", "status")
        .annotate(n=Count("pk"))
        .order_by("kind", "role", "status")
    ):
        cell = rows.setdefault((kind, role), [0, 0])
        cell[0 if status == CertificateStatus.ISSUED else 1] += count
    return [(kind, role, valid, revoked) for (kind, role), (valid, revoked) in rows.items()]
