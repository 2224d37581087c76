"""Reads for the policy process: visibility, timelines, totals and progress roll-ups.

A process is public when it is active or closed; everything under it follows.
Every function here runs a fixed number of queries whatever the number of rows.

Progress roll-up (documented in docs/policy.md):
    ratio(commitment, date) = clamp((value - baseline) / (target - baseline), 0, 1)
    where value is the last progress report on or before the date (no report:
    ratio 0). Works for indicators that must go down (target < baseline).
    A commitment is active in year Y when starts_year <= Y <= due year (no due
    date: every year from its start) and it is not cancelled.
    rollup(process, Y) = the mean of the ratios, at the end of Y (or today for
    the current year), of the commitments active in Y, weighted equally.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Max, Prefetch, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from datacon.common.ical import CalendarEvent, uid_for
from datacon.common.urls import absolute_url
from datacon.editions.models import PUBLIC_EDITION_STATUSES
from datacon.policy import paragraphs as text
from datacon.policy.models import (
    PUBLIC_PROCESS_STATUSES,
    Agreement,
    AgreementStatus,
    Attendance,
    Commitment,
    Document,
    DocumentVersion,
    Expense,
    ExpenseConcept,
    Group,
    Meeting,
    MeetingAttachment,
    MeetingStatus,
    Membership,
    Milestone,
    Paragraph,
    Process,
    ProcessEdition,
    ProgressReport,
    Stage,
    StageState,
    YearAssessment,
)

ZERO = Decimal("0")
ONE = Decimal("1")

# --- processes -------------------------------------------------------------------------------------


def processes_public() -> QuerySet[Process]:
    return Process.objects.filter(status__in=PUBLIC_PROCESS_STATUSES)


def process_get_public(*, slug: str) -> Process:
    process = processes_public().filter(slug=slug).first()
    if process is None:
        raise Http404("Proceso no encontrado")
    return process


def process_list_public() -> list[Process]:
    return list(
        processes_public()
        .prefetch_related(Prefetch("stages", queryset=Stage.objects.order_by("order")))
        .annotate(group_total=Count("groups", distinct=True))
        .order_by("-created_at")
    )


@dataclass(frozen=True)
class TimelineEntry:
    stage: Stage
    state: str
    offset: float  # percentage of the timeline before the stage starts
    width: float  # percentage the stage spans
    milestones: list[Milestone]


@dataclass(frozen=True)
class Timeline:
    entries: list[TimelineEntry]
    current: Stage | None
    loose_milestones: list[Milestone]  # milestones outside every stage
    today: dt.date
    today_offset: float | None

    @property
    def milestones_before(self) -> list[Milestone]:
        first = self.entries[0].stage.starts_on if self.entries else None
        return [m for m in self.loose_milestones if first is not None and m.date < first]

    @property
    def milestones_after(self) -> list[Milestone]:
        before = set(id(m) for m in self.milestones_before)
        return [m for m in self.loose_milestones if id(m) not in before]


@dataclass
class ProcessAtAGlance:
    """A process as the home page summarises it: where it stands today."""

    process: Process
    current: Stage | None
    stages_total: int
    stages_done: int


def processes_current_stage(*, today: dt.date) -> list[ProcessAtAGlance]:
    """Public processes with the stage under way today (two queries, any number of stages)."""
    glances = []
    for process in process_list_public():
        stages = list(process.stages.all())
        states = [stage.state_on(today) for stage in stages]
        current = next(
            (
                stage
                for stage, state in zip(stages, states, strict=True)
                if state == StageState.CURRENT
            ),
            None,
        )
        glances.append(
            ProcessAtAGlance(
                process=process,
                current=current,
                stages_total=len(stages),
                stages_done=states.count(StageState.DONE),
            )
        )
    return glances


def timeline_build(*, stages: list[Stage], milestones: list[Milestone], today: dt.date) -> Timeline:
    """Stages in order with their state on `today` and their place on a proportional bar."""
    if not stages:
        return Timeline([], None, list(milestones), today, None)
    start = min(stage.starts_on for stage in stages)
    ends = [stage.ends_on or max(today, stage.starts_on) for stage in stages]
    end = max([*ends, *(m.date for m in milestones)])
    span = max((end - start).days, 1)
    by_stage: dict[int, list[Milestone]] = defaultdict(list)
    loose: list[Milestone] = []
    for milestone in milestones:
        if milestone.stage_id:
            by_stage[milestone.stage_id].append(milestone)
        else:
            loose.append(milestone)
    entries = []
    current = None
    for stage, stage_end in zip(stages, ends, strict=True):
        state = stage.state_on(today)
        if state == StageState.CURRENT:
            current = stage  # with overlaps, the later stage is the current one
        entries.append(
            TimelineEntry(
                stage=stage,
                state=state,
                offset=round(100 * (stage.starts_on - start).days / span, 2),
                width=max(round(100 * ((stage_end - stage.starts_on).days + 1) / span, 2), 1.0),
                milestones=by_stage.get(stage.pk, []),
            )
        )
    today_offset = round(100 * (today - start).days / span, 2) if start <= today <= end else None
    return Timeline(entries, current, loose, today, today_offset)


@dataclass
class ProcessOverview:
    process: Process
    goals: list
    timeline: Timeline
    groups: list[Any]  # Group annotated with member_total
    upcoming_meetings: list[Meeting]
    recent_meetings: list[Meeting]
    documents: list[Any]  # Document annotated with latest_number, version_total
    edition_links: list[ProcessEdition]
    contacts: list
    expense_total: Decimal
    expense_count: int
    open_agreements: int
    rollup_year: int
    rollup: Decimal | None
    commitment_count: int


def process_overview(*, process: Process, now: dt.datetime | None = None) -> ProcessOverview:
    now = now or timezone.now()
    today = now.astimezone(process.tz).date()
    stages = list(process.stages.order_by("order"))
    milestones = list(process.milestones.order_by("date", "id"))
    groups = list(
        process.groups.annotate(
            member_total=Count(
                "memberships",
                filter=Q(memberships__ends_on__isnull=True) | Q(memberships__ends_on__gte=today),
            )
        ).order_by("order", "name")
    )
    meetings = Meeting.objects.filter(process=process).select_related("group")
    upcoming = list(
        meetings.filter(ends_at__gte=now)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("starts_at")[:3]
    )
    recent = list(meetings.filter(ends_at__lt=now).order_by("-starts_at")[:3])
    documents = list(
        process.documents.annotate(
            latest_number=Max("versions__number"), version_total=Count("versions")
        ).order_by("order", "title")
    )
    links = list(
        process.edition_links.filter(edition__status__in=PUBLIC_EDITION_STATUSES)
        .select_related("edition")
        .order_by("edition__year")
    )
    totals = process.expenses.aggregate(total=Sum("amount"), count=Count("id"))
    open_agreements = Agreement.objects.filter(
        meeting__process=process,
        status__in=(AgreementStatus.PENDING, AgreementStatus.IN_PROGRESS),
    ).count()
    progress = commitments_progress(process=process, year=today.year, today=today)
    return ProcessOverview(
        process=process,
        goals=list(process.goals.order_by("number")),
        timeline=timeline_build(stages=stages, milestones=milestones, today=today),
        groups=groups,
        upcoming_meetings=upcoming,
        recent_meetings=recent,
        documents=documents,
        edition_links=links,
        contacts=list(process.contacts.select_related("organisation").order_by("order", "name")),
        expense_total=totals["total"] or ZERO,
        expense_count=totals["count"],
        open_agreements=open_agreements,
        rollup_year=today.year,
        rollup=progress.rollup,
        commitment_count=len(progress.items),
    )


def edition_policy_links(*, edition_id: int) -> list[ProcessEdition]:
    """For the edition page: the public processes this edition fed."""
    return list(
        ProcessEdition.objects.filter(
            edition_id=edition_id, process__status__in=PUBLIC_PROCESS_STATUSES
        )
        .select_related("process")
        .order_by("process__title")
    )


# --- groups ---------------------------------------------------------------------------------------------


def _memberships_prefetch() -> Prefetch:
    return Prefetch(
        "memberships",
        queryset=Membership.objects.select_related("person", "organisation").order_by(
            "role", "starts_on", "id"
        ),
    )


def groups_with_members(*, process: Process) -> list[Group]:
    return list(process.groups.prefetch_related(_memberships_prefetch()).order_by("order", "name"))


@dataclass
class GroupDetail:
    group: Group
    current_members: list[Membership]
    past_members: list[Membership]
    meetings: list[Meeting]


def group_get_public(*, process: Process, slug: str, today: dt.date) -> GroupDetail:
    group = process.groups.filter(slug=slug).prefetch_related(_memberships_prefetch()).first()
    if group is None:
        raise Http404("Grupo no encontrado")
    memberships = list(group.memberships.all())
    return GroupDetail(
        group=group,
        current_members=[m for m in memberships if m.is_current_on(today)],
        past_members=[m for m in memberships if not m.is_current_on(today)],
        meetings=list(
            group.meetings.annotate(agreement_total=Count("agreements")).order_by("-starts_at")
        ),
    )


# --- meetings and agreements -------------------------------------------------------------------------


def meetings_public(*, process: Process) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(process=process)
        .select_related("group", "stage")
        .annotate(agreement_total=Count("agreements"))
        .order_by("starts_at", "id")
    )


def meetings_split(*, process: Process, now: dt.datetime) -> tuple[list[Meeting], list[Meeting]]:
    """(upcoming in date order, past most recent first)."""
    meetings = list(meetings_public(process=process))
    upcoming = [m for m in meetings if m.ends_at >= now]
    past = [m for m in meetings if m.ends_at < now]
    past.reverse()
    return upcoming, past


def meeting_get_public(*, process: Process, pk: int) -> Meeting:
    meeting = (
        Meeting.objects.filter(process=process, pk=pk)
        .select_related("group", "stage", "process")
        .prefetch_related(
            Prefetch(
                "attendances",
                queryset=Attendance.objects.select_related("person", "organisation").order_by(
                    "status", "id"
                ),
            ),
            Prefetch(
                "agreements",
                queryset=Agreement.objects.select_related(
                    "owner_group", "owner_organisation", "owner_person"
                ).order_by("number"),
            ),
            Prefetch(
                "attachments",
                queryset=MeetingAttachment.objects.select_related("document").order_by(
                    "order", "id"
                ),
            ),
        )
        .first()
    )
    if meeting is None:
        raise Http404("Reunión no encontrada")
    return meeting


def agreements_public(*, process: Process, status: str = "") -> QuerySet[Agreement]:
    agreements = (
        Agreement.objects.filter(meeting__process=process)
        .select_related(
            "meeting", "meeting__group", "owner_group", "owner_organisation", "owner_person"
        )
        .order_by("-meeting__starts_at", "number")
    )
    if status in AgreementStatus.values:
        agreements = agreements.filter(status=status)
    return agreements


def agreement_counts(*, process: Process) -> dict[str, int]:
    rows = (
        Agreement.objects.filter(meeting__process=process)
        .values("status")
        .annotate(total=Count("id"))
        .values_list("status", "total")
    )
    return dict(rows)


def calendar_events(*, processes: QuerySet[Process] | list[Process]) -> list[CalendarEvent]:

    meetings = (
        Meeting.objects.filter(process__in=processes)
        .select_related("process", "group")
        .order_by("starts_at", "id")
    )
    events = []
    for meeting in meetings:
        description = meeting.agenda
        if meeting.date_is_approximate:
            description = _("Fecha aproximada.") + "\n\n" + description
        events.append(
            CalendarEvent(
                uid=uid_for("policy-meeting", meeting.pk),
                title=f"{meeting.process.short_title}: {meeting.title}",
                starts_at=meeting.starts_at,
                ends_at=meeting.ends_at,
                timezone=meeting.process.timezone,
                description=description,
                location=meeting.location or meeting.online_url,
                url=absolute_url(meeting.get_absolute_url()),
                categories=(meeting.group.name,) if meeting.group else (),
                status={
                    MeetingStatus.CANCELLED: "CANCELLED",
                    MeetingStatus.SCHEDULED: "TENTATIVE"
                    if meeting.date_is_approximate
                    else "CONFIRMED",
                }.get(meeting.status, "CONFIRMED"),  # type: ignore[call-overload]
                last_modified=meeting.updated_at,
                sequence=meeting.sequence,
            )
        )
    return events


# --- documents -------------------------------------------------------------------------------------------


def documents_public(*, process: Process) -> list[Document]:
    return list(
        process.documents.annotate(
            latest_number=Max("versions__number"),
            version_total=Count("versions"),
            latest_at=Max("versions__published_at"),
        ).order_by("order", "title")
    )


def document_get_public(*, process: Process, slug: str) -> Document:
    document = process.documents.filter(slug=slug).first()
    if document is None:
        raise Http404("Documento no encontrado")
    return document


def document_versions(*, document: Document) -> list[DocumentVersion]:
    return list(document.versions.annotate(paragraph_total=Count("paragraphs")).order_by("-number"))


def version_get(*, document: Document, number: int | None = None) -> DocumentVersion:
    versions = document.versions.order_by("-number")
    version = versions.filter(number=number).first() if number else versions.first()
    if version is None:
        raise Http404("Versión no encontrada")
    return version


def version_paragraphs(*, version: DocumentVersion) -> list[Paragraph]:
    return list(
        Paragraph.objects.filter(version=version).select_related("identity").order_by("position")
    )


def _diff_sides(version: DocumentVersion) -> list[text.DiffSide]:
    return [
        text.DiffSide(
            identity_id=identity_id,
            anchor=anchor,
            kind=kind,
            number=number,
            plain_text=plain_text,
            html=html,
        )
        for identity_id, anchor, kind, number, plain_text, html in Paragraph.objects.filter(
            version=version
        )
        .order_by("position")
        .values_list("identity_id", "identity__anchor", "kind", "number", "plain_text", "html")
    ]


@dataclass
class VersionComparison:
    old: DocumentVersion
    new: DocumentVersion
    rows: list[text.DiffRow]

    def total(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def added(self) -> int:
        return self.total("added")

    @property
    def removed(self) -> int:
        return self.total("removed")

    @property
    def changed(self) -> int:
        return self.total("changed")

    @property
    def unchanged(self) -> int:
        return self.total("unchanged")


def versions_compare(*, old: DocumentVersion, new: DocumentVersion) -> VersionComparison:
    return VersionComparison(
        old=old, new=new, rows=text.version_diff(_diff_sides(old), _diff_sides(new))
    )


# --- transparency --------------------------------------------------------------------------------------


def expenses_public(*, process: Process) -> QuerySet[Expense]:
    return process.expenses.select_related("stage").order_by("-spent_on", "-id")


@dataclass
class ExpenseTotals:
    total: Decimal
    count: int
    by_concept: list[tuple[str, str, Decimal, int]]  # (value, label, amount, count)
    by_stage: list[tuple[str, Decimal, int]]  # (stage name, amount, count)


def expense_totals(*, process: Process) -> ExpenseTotals:
    overall = process.expenses.aggregate(total=Sum("amount"), count=Count("id"))
    concepts = {
        row["concept"]: (row["amount"], row["count"])
        for row in process.expenses.values("concept").annotate(
            amount=Sum("amount"), count=Count("id")
        )
    }
    by_concept = [
        (value, str(label), *concepts[value])
        for value, label in ExpenseConcept.choices
        if value in concepts
    ]
    stage_rows = (
        process.expenses.values("stage__order", "stage__name")
        .annotate(amount=Sum("amount"), count=Count("id"))
        .order_by("stage__order")
    )
    by_stage = [
        (row["stage__name"] or _("Sin etapa"), row["amount"], row["count"]) for row in stage_rows
    ]
    return ExpenseTotals(
        total=overall["total"] or ZERO,
        count=overall["count"],
        by_concept=by_concept,
        by_stage=by_stage,
    )


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
    rollup: Decimal | None  # None when nothing is active

    @property
    def percent(self) -> int | None:
        if self.rollup is None:
            return None
        return int((self.rollup * 100).quantize(ONE, rounding=ROUND_HALF_UP))

    def count(self, state: str) -> int:
        return sum(1 for item in self.items if item.state == state)

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
    counted = [item.ratio for item in items if not item.commitment.is_cancelled]
    rollup = (sum(counted, ZERO) / len(counted)) if counted else None
    return ProgressSummary(year=year, cutoff=cutoff, items=items, rollup=rollup)


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
        sources[item.commitment.get_source_display()].append(item.ratio)
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
        processes_public()
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
    commitments = list(Commitment.objects.filter(process_id__in=ids).order_by("code", "id"))
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
