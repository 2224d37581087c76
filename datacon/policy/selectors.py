"""Reads for the policy process: visibility, timelines, groups, meetings and totals.

A process is public when it is active or closed; everything under it follows.
Every function here runs a fixed number of queries whatever the number of rows.

Documents and their versions are read in `documents.py`; commitments and their
progress roll-up (documented in docs/policy.md) in `progress.py`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Prefetch, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from datacon.common.ical import CalendarEvent, uid_for
from datacon.common.urls import absolute_url
from datacon.editions.models import PUBLIC_EDITION_STATUSES
from datacon.policy.models import (
    PUBLIC_PROCESS_STATUSES,
    Agreement,
    AgreementStatus,
    Attendance,
    Expense,
    ExpenseConcept,
    Goal,
    Group,
    Meeting,
    MeetingAttachment,
    MeetingStatus,
    Membership,
    Milestone,
    Process,
    ProcessEdition,
    Stage,
    StageState,
)
from datacon.policy.models_accountability import Contact
from datacon.policy.progress import commitments_progress

ZERO = Decimal("0")

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
    goals: list[Goal]
    timeline: Timeline
    groups: list[Any]  # Group annotated with member_total
    upcoming_meetings: list[Meeting]
    recent_meetings: list[Meeting]
    documents: list[Any]  # Document annotated with latest_number, version_total
    edition_links: list[ProcessEdition]
    contacts: list[Contact]
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
        commitment_count=len(progress.real_items),  # fictional ones are counted apart
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


def _memberships_prefetch() -> Prefetch[str, QuerySet[Membership]]:
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
