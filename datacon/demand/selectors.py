"""Reads of the demand capability: what the public may see, prefetched in fixed query counts.

Visibility: a need is public unless moderation hid it; a reuse project when it
is published; request figures always (they are aggregates, and texts are
only ever the scrubbed ones); topics, repeated questions and candidates only
from the current analysis run.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from datacon.common.actor import Actor
from datacon.common.text import search_normalise
from datacon.demand.figures import DemandSeries, data_months, demand_series
from datacon.demand.mentions import MentionTarget, mention_kind
from datacon.demand.models import (
    ACTIVE_STATUSES,
    PUBLIC_EVENT_KINDS,
    AnalysisRun,
    DatasetCandidate,
    DataStandard,
    DemandDimension,
    InformationNeed,
    InformationRequest,
    Institution,
    NeedEvent,
    NeedMention,
    NeedStatus,
    NeedSupport,
    RepeatedQuestion,
    RequestTopic,
    ReuseDataset,
    ReuseLink,
    ReuseProject,
)
from datacon.demand.models_requests import SYNTHETIC_SOURCE

# --- needs -----------------------------------------------------------------------------------

NEED_ORDERS = {
    "apoyos": ("-support_count", "-created_at", "-id"),
    "recientes": ("-created_at", "-id"),
    "estado": ("-status_changed_at", "-id"),
    "titulo": ("title", "id"),
}


def needs_public() -> QuerySet[InformationNeed]:
    return InformationNeed.objects.filter(is_hidden=False)


def needs_list(
    *,
    status: str = "",
    sector: str = "",
    level: str = "",
    institution: str = "",
    query: str = "",
    order: str = "apoyos",
    include_closed: bool = True,
) -> QuerySet[InformationNeed]:
    needs = (
        needs_public()
        .annotate(support_count=Count("supports", distinct=True))
        .select_related("standard", "duplicate_of")
        .prefetch_related(Prefetch("holders", queryset=Institution.objects.order_by("name")))
    )
    if status:
        needs = needs.filter(status=status)
    elif not include_closed:
        needs = needs.filter(status__in=ACTIVE_STATUSES)
    if sector:
        needs = needs.filter(sector=sector)
    if level:
        needs = needs.filter(level=level)
    if institution:
        needs = needs.filter(holders__slug=institution)
    if query:
        for word in search_normalise(query).split()[:8]:
            needs = needs.filter(search_document__contains=word)
    return needs.order_by(*NEED_ORDERS.get(order, NEED_ORDERS["apoyos"]))


def need_status_counts() -> dict[str, int]:
    counts = dict(
        needs_public().values("status").annotate(total=Count("id")).values_list("status", "total")
    )
    return {status: counts.get(status, 0) for status in NeedStatus.values}


@dataclass
class MentionGroup:
    label: str
    targets: list[tuple[MentionTarget, str]]  # (target, note)


def mentions_resolved(mentions: list[NeedMention]) -> list[MentionGroup]:
    """Public targets of mentions, one query per kind of record (not per mention)."""
    by_type: dict[int, list[NeedMention]] = defaultdict(list)
    for mention in mentions:
        by_type[mention.content_type_id].append(mention)
    groups = []
    for content_type_id, items in by_type.items():
        content_type = ContentType.objects.get_for_id(content_type_id)
        kind = mention_kind(f"{content_type.app_label}.{content_type.model}")
        if kind is None:
            continue
        targets = kind.public_targets([m.object_id for m in items])
        shown = [(targets[m.object_id], m.note) for m in items if m.object_id in targets]
        if shown:
            groups.append(MentionGroup(label=str(kind.label), targets=shown))
    return groups


@dataclass
class NeedPage:
    need: InformationNeed
    support_count: int
    events: list[NeedEvent]
    mentions: list[MentionGroup]
    reuses: list[ReuseDataset]
    duplicates: list[InformationNeed]
    candidates: list[DatasetCandidate]


def need_get_public(*, slug: str) -> NeedPage:
    need = (
        needs_public()
        .filter(slug=slug)
        .annotate(support_count=Count("supports", distinct=True))
        .select_related("standard", "duplicate_of")
        .prefetch_related(
            Prefetch("holders", queryset=Institution.objects.order_by("name")),
            Prefetch(
                "events",
                queryset=NeedEvent.objects.filter(kind__in=PUBLIC_EVENT_KINDS).order_by("at", "id"),
            ),
            Prefetch("mentions", queryset=NeedMention.objects.order_by("created_at", "id")),
            Prefetch(
                "reuses",
                queryset=ReuseDataset.objects.filter(project__is_published=True).select_related(
                    "project"
                ),
            ),
            Prefetch(
                "duplicates",
                queryset=InformationNeed.objects.filter(is_hidden=False).order_by("title"),
            ),
            Prefetch(
                "candidates",
                queryset=DatasetCandidate.objects.filter(run__is_current=True).select_related(
                    "institution"
                ),
            ),
        )
        .first()
    )
    if need is None:
        raise Http404("Necesidad no encontrada")
    return NeedPage(
        need=need,
        support_count=need.support_count,
        events=list(need.events.all()),
        mentions=mentions_resolved(list(need.mentions.all())),
        reuses=list(need.reuses.all()),
        duplicates=list(need.duplicates.all()),
        candidates=list(need.candidates.all()),
    )


def need_supported_by(*, need: InformationNeed, user: User | AnonymousUser | None) -> bool:
    account = Actor.of(user).account
    if account is None:
        return False
    return NeedSupport.objects.filter(need=need, user=account).exists()


def needs_for_target(*, target: Any) -> list[InformationNeed]:
    """Public needs linked to a session, edition, meeting or paragraph (one query)."""
    content_type = ContentType.objects.get_for_model(target)
    return list(
        needs_public()
        .filter(mentions__content_type=content_type, mentions__object_id=target.pk)
        .order_by("title")
        .distinct()
    )


def needs_of_user(*, user: User | AnonymousUser | None) -> dict[str, list[Any]]:
    """The signed-in person's proposals (hidden ones included: they are theirs) and supports."""
    account = Actor.of(user).account
    if account is None:
        return {"proposed": [], "supported": []}
    proposed = list(
        InformationNeed.objects.filter(proposer=account)
        .annotate(support_count=Count("supports", distinct=True))
        .order_by("-created_at")
    )
    supported = list(
        needs_public()
        .filter(supports__user=account)
        .exclude(proposer=account)
        .annotate(support_count=Count("supports", distinct=True))
        .order_by("title")
    )
    return {"proposed": proposed, "supported": supported}


def standards_public() -> QuerySet[DataStandard]:
    return DataStandard.objects.annotate(
        need_count=Count("needs", filter=Q(needs__is_hidden=False), distinct=True)
    ).order_by("name")


def standard_get_public(*, slug: str) -> DataStandard:
    standard = (
        DataStandard.objects.filter(slug=slug)
        .prefetch_related(
            Prefetch("needs", queryset=needs_public().order_by("title"), to_attr="public_needs")
        )
        .first()
    )
    if standard is None:
        raise Http404("Estándar no encontrado")
    return standard


# --- requests: figures, topics, repeated questions, candidates -----------------------------------


def current_run() -> AnalysisRun | None:
    return AnalysisRun.objects.filter(is_current=True).order_by("-started_at").first()


def requests_are_synthetic() -> bool:
    return InformationRequest.objects.filter(source=SYNTHETIC_SOURCE).exists()


@dataclass
class DemandOverview:
    months: list[dt.date]
    total: DemandSeries
    institutions: DemandSeries
    states: DemandSeries
    topics: DemandSeries
    topic_labels: dict[int, RequestTopic]
    institution_names: dict[int, Institution]
    run: AnalysisRun | None

    @property
    def total_requests(self) -> int:
        return self.total.total

    @property
    def answered(self) -> int:
        return sum(row.answered for row in self.total.rows)


def demand_overview() -> DemandOverview:
    """Every figure of the demand page, from the monthly table (a handful of queries)."""
    months = data_months()
    institutions = demand_series(dimension=DemandDimension.INSTITUTION, months=months)
    names = Institution.objects.in_bulk([int(r.key) for r in institutions.rows if r.key.isdigit()])
    for row in institutions.rows:
        row.obj = names.get(int(row.key)) if row.key.isdigit() else None
        row.label = row.obj.name if row.obj else ""
    states = demand_series(dimension=DemandDimension.STATE, months=months)
    from datacon.common.choices import MexicanState

    state_names = dict(MexicanState.choices)
    for row in states.rows:
        row.label = str(state_names.get(row.key, "")) or "—"
    topics = demand_series(dimension=DemandDimension.TOPIC, months=months)
    run = current_run()
    labels = {t.number: t for t in RequestTopic.objects.filter(run=run)} if run else {}
    for row in topics.rows:
        topic = labels.get(int(row.key)) if row.key.lstrip("-").isdigit() else None
        row.obj = topic
        row.label = topic.label if topic else ""
    return DemandOverview(
        months=months,
        total=demand_series(dimension=DemandDimension.TOTAL, months=months),
        institutions=institutions,
        states=states,
        topics=topics,
        topic_labels=labels,
        institution_names=names,
        run=run,
    )


@dataclass
class InstitutionRow:
    institution: Institution
    requests: int
    answered_pct: float
    trend: Any
    counts: list[int]
    needs: int
    candidates: int


def institutions_directory() -> tuple[list[Any], list[InstitutionRow]]:
    """Institutions with requests or named as holders of a need, busiest first (four queries)."""
    months = data_months()
    series = demand_series(dimension=DemandDimension.INSTITUTION, months=months)
    by_id = {int(row.key): row for row in series.rows if row.key.isdigit()}
    need_counts: dict[int, int] = {}
    for institution_id in InformationNeed.holders.through.objects.filter(
        informationneed__is_hidden=False
    ).values_list("institution_id", flat=True):
        need_counts[institution_id] = need_counts.get(institution_id, 0) + 1
    candidate_counts = dict(
        DatasetCandidate.objects.filter(run__is_current=True)
        .values("institution_id")
        .annotate(total=Count("id"))
        .values_list("institution_id", "total")
    )
    wanted = set(by_id) | set(need_counts)
    rows = []
    for institution in Institution.objects.filter(pk__in=wanted):
        series_row = by_id.get(institution.pk)
        rows.append(
            InstitutionRow(
                institution=institution,
                requests=series_row.total if series_row else 0,
                answered_pct=series_row.answered_pct if series_row else 0.0,
                trend=series_row.trend if series_row else None,
                counts=series_row.counts if series_row else [0] * len(months),
                needs=need_counts.get(institution.pk, 0),
                candidates=candidate_counts.get(institution.pk, 0),
            )
        )
    rows.sort(key=lambda r: (-r.requests, -r.needs, r.institution.name))
    return months, rows


def institution_get_public(*, slug: str) -> Institution:
    institution = Institution.objects.filter(slug=slug).first()
    if institution is None:
        raise Http404("Institución no encontrada")
    return institution


def topics_current() -> list[RequestTopic]:
    run = current_run()
    return list(RequestTopic.objects.filter(run=run).order_by("number")) if run else []


def topic_get(*, number: int) -> RequestTopic:
    topic = RequestTopic.objects.filter(run__is_current=True, number=number).first()
    if topic is None:
        raise Http404("Tema no encontrado")
    return topic


def repeated_questions(
    *, institution: Institution | None = None, topic: int | None = None
) -> QuerySet[RepeatedQuestion]:
    questions = RepeatedQuestion.objects.filter(run__is_current=True).select_related(
        "institution", "candidate__promoted_need"
    )
    if institution is not None:
        questions = questions.filter(institution=institution)
    if topic is not None:
        questions = questions.filter(topic_number=topic)
    return questions.order_by("-size", "id")


def candidates_ranked(*, institution: Institution | None = None) -> QuerySet[DatasetCandidate]:
    candidates = DatasetCandidate.objects.filter(run__is_current=True).select_related(
        "institution", "promoted_need", "repeated_question"
    )
    if institution is not None:
        return candidates.filter(institution=institution).order_by("rank", "id")
    return candidates.order_by("-score", "institution__name", "rank")


def candidate_get(*, pk: int) -> DatasetCandidate:
    candidate = (
        DatasetCandidate.objects.filter(pk=pk, run__is_current=True)
        .select_related("institution", "promoted_need")
        .first()
    )
    if candidate is None:
        raise Http404("Candidato no encontrado")
    return candidate


def institution_topics(*, institution: Institution) -> list[tuple[RequestTopic | None, int]]:
    """Requests of one institution per topic of the current run (one grouped query)."""
    run = current_run()
    labels = {t.number: t for t in RequestTopic.objects.filter(run=run)} if run else {}
    rows = (
        InformationRequest.objects.filter(institution=institution)
        .values("topic_number")
        .annotate(total=Count("id"))
        .order_by("-total", "topic_number")
    )
    return [
        (labels.get(row["topic_number"]) if row["topic_number"] is not None else None, row["total"])
        for row in rows
    ]


# --- reuse showcase ----------------------------------------------------------------------------------


def _project_prefetches() -> list[Prefetch[str]]:
    return [
        Prefetch("links", queryset=ReuseLink.objects.order_by("order", "id")),
        Prefetch(
            "datasets",
            queryset=ReuseDataset.objects.filter(Q(need__isnull=True) | Q(need__is_hidden=False))
            .select_related("need")
            .order_by("order", "id"),
        ),
        Prefetch("organisations"),
    ]


def projects_public(
    *, kind: str = "", edition: str = "", sector: str = "", need: InformationNeed | None = None
) -> QuerySet[ReuseProject]:
    projects = (
        ReuseProject.objects.filter(is_published=True)
        .select_related("edition", "session__edition")
        .prefetch_related(*_project_prefetches())
    )
    if kind:
        projects = projects.filter(kind=kind)
    if edition:
        projects = projects.filter(edition__slug=edition)
    if sector:
        projects = projects.filter(sector=sector)
    if need is not None:
        projects = projects.filter(datasets__need=need).distinct()
    return projects.order_by("-edition__year", "title")


def project_get_public(*, slug: str) -> ReuseProject:
    project = projects_public().filter(slug=slug).first()
    if project is None:
        raise Http404("Proyecto no encontrado")
    return project


def projects_for_edition(*, edition: Any) -> list[ReuseProject]:
    return list(
        ReuseProject.objects.filter(is_published=True, edition=edition)
        .select_related("session")
        .order_by("title")
    )
