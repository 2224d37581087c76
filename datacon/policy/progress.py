"""Reads of the policy's commitments: progress, states, year reports and an edition's year.

Progress roll-up (documented in docs/policy.md):
    ratio(commitment, date) = clamp((value - baseline) / (target - baseline), 0, 1)
    where value is the last progress report on or before the date (no report:
    ratio 0). Works for indicators that must go down (target < baseline).
    A commitment is active in year Y when starts_year <= Y <= due year (no due
    date: every year from its start) and it is not cancelled.
    rollup(process, Y) = the mean of the ratios, at the end of Y (or today for
    the current year), of the commitments active in Y, weighted equally.
    Fictional demonstration commitments (is_demo, or born from a fictional
    edition: Commitment.is_fictional) get their own mean and are never averaged
    with the real ones; an edition's year counts only the commitments as real
    (or as fictional) as the edition.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from datacon.policy.models import (
    PUBLIC_PROCESS_STATUSES,
    Commitment,
    Milestone,
    Process,
    ProgressReport,
    YearAssessment,
)

ZERO = Decimal("0")
ONE = Decimal("1")


# --- commitments and progress ---------------------------------------------------------------------------


def progress_ratio(*, baseline: Decimal, target: Decimal, value: Decimal | None) -> Decimal:
    """Share of the way from baseline to target, capped to [0, 1]; no report counts as 0."""
    if value is None or target == baseline:
        return ZERO
    ratio = (value - baseline) / (target - baseline)
    return min(max(ratio, ZERO), ONE)


def commitment_active_in(
    commitment: Commitment, year: int, achieved_on: dt.date | None = None
) -> bool:
    """Active from its start year to its deadline's year; without a deadline, until the
    year it reaches its target (so a met commitment does not pad later years)."""
    if commitment.is_cancelled or commitment.starts_year > year:
        return False
    if commitment.due_on is not None:
        return commitment.due_on.year >= year
    return achieved_on is None or achieved_on.year >= year


def _achieved_on(commitment: Commitment, reports: list[ProgressReport]) -> dt.date | None:
    for report in reports:
        ratio = progress_ratio(
            baseline=commitment.baseline, target=commitment.target, value=report.value
        )
        if ratio >= ONE:
            return report.reported_on
    return None


class CommitmentState:
    CANCELLED = "cancelled"
    ACHIEVED = "achieved"
    OVERDUE = "overdue"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"


def commitment_state_label(state: str) -> str:
    labels = {
        CommitmentState.CANCELLED: _("Cancelado"),
        CommitmentState.ACHIEVED: _("Cumplido"),
        CommitmentState.OVERDUE: _("Vencido"),
        CommitmentState.IN_PROGRESS: _("En proceso"),
        CommitmentState.NOT_STARTED: _("Sin avance"),
    }
    return labels[state]


@dataclass
class CommitmentProgress:
    commitment: Commitment
    reports: list[ProgressReport]  # up to the cut-off date, oldest first
    value: Decimal | None
    ratio: Decimal
    state: str

    @property
    def percent(self) -> int:
        return int((self.ratio * 100).quantize(ONE, rounding=ROUND_HALF_UP))

    @property
    def state_label(self) -> str:
        return commitment_state_label(self.state)

    @property
    def last_report(self) -> ProgressReport | None:
        return self.reports[-1] if self.reports else None


@dataclass
class ProgressSummary:
    year: int | None
    cutoff: dt.date
    items: list[CommitmentProgress]
    rollup: Decimal | None  # None when nothing is active; real commitments only
    # Fictional demonstration commitments (`is_demo`) are shown apart and never
    # averaged with the real ones.
    demo_rollup: Decimal | None = None

    @property
    def real_items(self) -> list[CommitmentProgress]:
        return [item for item in self.items if not item.commitment.is_fictional]

    @property
    def demo_items(self) -> list[CommitmentProgress]:
        return [item for item in self.items if item.commitment.is_fictional]

    @property
    def demo_achieved(self) -> int:
        return sum(1 for item in self.demo_items if item.state == CommitmentState.ACHIEVED)

    @property
    def percent(self) -> int | None:
        if self.rollup is None:
            return None
        return int((self.rollup * 100).quantize(ONE, rounding=ROUND_HALF_UP))

    def count(self, state: str) -> int:
        """Real commitments in that state (demonstration ones are counted apart)."""
        return sum(1 for item in self.real_items if item.state == state)

    @property
    def achieved(self) -> int:
        return self.count(CommitmentState.ACHIEVED)


def _state(commitment: Commitment, ratio: Decimal, cutoff: dt.date, has_reports: bool) -> str:
    if commitment.is_cancelled:
        return CommitmentState.CANCELLED
    if ratio >= ONE:
        return CommitmentState.ACHIEVED
    if commitment.due_on and commitment.due_on < cutoff:
        return CommitmentState.OVERDUE
    if ratio > ZERO or has_reports:
        return CommitmentState.IN_PROGRESS
    return CommitmentState.NOT_STARTED


def commitments_progress(
    *, process: Process, year: int | None = None, today: dt.date | None = None
) -> ProgressSummary:
    """Every commitment (or those active in `year`) with its progress at the cut-off date.

    Two queries whatever the number of commitments and reports.
    """
    today = today or process.today()
    cutoff = min(dt.date(year, 12, 31), today) if year else today
    commitments = list(
        Commitment.objects.filter(process=process)
        .select_related("edition", "owner_organisation", "agreement__meeting")
        .order_by("starts_year", "code")
    )
    every: dict[int, list[ProgressReport]] = defaultdict(list)
    for report in ProgressReport.objects.filter(commitment__process=process).order_by(
        "reported_on", "id"
    ):
        every[report.commitment_id].append(report)
    if year is not None:
        commitments = [
            c
            for c in commitments
            if commitment_active_in(c, year, _achieved_on(c, every.get(c.pk, [])))
        ]
    items = []
    for commitment in commitments:
        own = [r for r in every.get(commitment.pk, []) if r.reported_on <= cutoff]
        value = own[-1].value if own else None
        ratio = progress_ratio(baseline=commitment.baseline, target=commitment.target, value=value)
        items.append(
            CommitmentProgress(
                commitment=commitment,
                reports=own,
                value=value,
                ratio=ratio,
                state=_state(commitment, ratio, cutoff, bool(own)),
            )
        )
    return ProgressSummary(
        year=year,
        cutoff=cutoff,
        items=items,
        rollup=_mean(items, demo=False),
        demo_rollup=_mean(items, demo=True),
    )


def _mean(items: list[CommitmentProgress], *, demo: bool) -> Decimal | None:
    """The mean progress of the non-cancelled real (or demonstration) commitments."""
    counted = [
        item.ratio
        for item in items
        if not item.commitment.is_cancelled and item.commitment.is_fictional == demo
    ]
    return (sum(counted, ZERO) / len(counted)) if counted else None


def commitment_get_public(*, process: Process, code: str) -> CommitmentProgress:
    commitment = (
        Commitment.objects.filter(process=process, code=code)
        .select_related("edition", "owner_organisation", "agreement__meeting")
        .first()
    )
    if commitment is None:
        raise Http404("Compromiso no encontrado")
    today = process.today()
    reports = list(
        commitment.progress_reports.filter(reported_on__lte=today).order_by("reported_on", "id")
    )
    value = reports[-1].value if reports else None
    ratio = progress_ratio(baseline=commitment.baseline, target=commitment.target, value=value)
    return CommitmentProgress(
        commitment=commitment,
        reports=reports,
        value=value,
        ratio=ratio,
        state=_state(commitment, ratio, today, bool(reports)),
    )


def assessment_years(*, process: Process) -> list[int]:
    """Years with at least one active commitment, newest first (up to this year)."""
    today = process.today()
    reports: dict[int, list[ProgressReport]] = defaultdict(list)
    for report in ProgressReport.objects.filter(commitment__process=process).order_by(
        "reported_on", "id"
    ):
        reports[report.commitment_id].append(report)
    years: set[int] = set()
    for commitment in Commitment.objects.filter(process=process, is_cancelled=False):
        achieved = _achieved_on(commitment, reports.get(commitment.pk, []))
        if commitment.due_on is not None:
            last = commitment.due_on.year
        else:
            last = achieved.year if achieved else today.year
        years.update(range(commitment.starts_year, min(last, today.year) + 1))
    return sorted(years, reverse=True)


@dataclass
class YearReport:
    year: int
    summary: ProgressSummary
    assessment: YearAssessment | None
    is_current_year: bool
    by_source: list[tuple[str, int, int]] = field(default_factory=list)


def year_report(*, process: Process, year: int) -> YearReport:
    today = process.today()
    if year > today.year:
        raise Http404("Año futuro")
    summary = commitments_progress(process=process, year=year, today=today)
    assessment = process.assessments.filter(year=year, published=True).first()
    sources: dict[str, list[Decimal]] = defaultdict(list)
    for item in summary.items:
        label = item.commitment.get_source_display()
        if item.commitment.is_fictional:
            label = _("%(source)s (demostración, ficticios)") % {"source": label}
        sources[label].append(item.ratio)
    by_source = [
        (label, len(ratios), int((sum(ratios, ZERO) / len(ratios) * 100).quantize(ONE)))
        for label, ratios in sorted(sources.items())
    ]
    return YearReport(
        year=year,
        summary=summary,
        assessment=assessment,
        is_current_year=year == today.year,
        by_source=by_source,
    )


# --- an edition's year, for its memoria -----------------------------------------------------------------


@dataclass
class ProcessYear:
    process: Process
    milestones: list[Milestone]  # reached in the year (dated in it, not in the future)
    active: int  # commitments active in the year
    achieved: int  # commitments that reached their target during the year
    from_edition: int  # commitments born from this edition's conclusions


def edition_policy_year(*, edition: Any, today: dt.date | None = None) -> list[ProcessYear]:
    """What the public policy processes linked to an edition reached during its year.

    A process is linked when the edition fed it (`ProcessEdition`) or when one of
    its commitments comes from the edition's conclusions. Four queries whatever the
    number of processes, milestones, commitments and reports.
    """
    today = today or timezone.localdate()
    year = edition.year
    processes = list(
        Process.objects.filter(status__in=PUBLIC_PROCESS_STATUSES)
        .filter(Q(edition_links__edition=edition) | Q(commitments__edition=edition))
        .distinct()
        .order_by("title", "id")
    )
    if not processes:
        return []
    ids = [process.pk for process in processes]
    milestones: dict[int, list[Milestone]] = defaultdict(list)
    for milestone in Milestone.objects.filter(
        process_id__in=ids, date__year=year, date__lte=today
    ).order_by("date", "id"):
        milestones[milestone.process_id].append(milestone)
    # Only commitments as real (or as fictional) as the edition: a real edition's memoria never
    # counts a fictional commitment, nor a fictional edition's a real one.
    commitments = [
        commitment
        for commitment in Commitment.objects.filter(process_id__in=ids)
        .select_related("edition")
        .order_by("code", "id")
        if commitment.is_fictional == edition.is_demo
    ]
    reports: dict[int, list[ProgressReport]] = defaultdict(list)
    for report in ProgressReport.objects.filter(commitment__process_id__in=ids).order_by(
        "reported_on", "id"
    ):
        reports[report.commitment_id].append(report)
    result = []
    for process in processes:
        own = [c for c in commitments if c.process_id == process.pk]
        achieved_on = {c.pk: _achieved_on(c, reports.get(c.pk, [])) for c in own}
        met_in_year = [
            c
            for c in own
            if not c.is_cancelled and (day := achieved_on[c.pk]) is not None and day.year == year
        ]
        result.append(
            ProcessYear(
                process=process,
                milestones=milestones.get(process.pk, []),
                active=sum(1 for c in own if commitment_active_in(c, year, achieved_on[c.pk])),
                achieved=len(met_in_year),
                from_edition=sum(1 for c in own if c.edition_id == edition.pk),
            )
        )
    return result
