"""Reads for the memoria: everything one edition's memoria shows, in a fixed number of queries.

Visibility: only public editions and public sessions (through the program
selectors); narrative sections and reported figures only once the memoria is
published, unless an organiser asks for the preview. Parity appears only as
aggregates, and a group smaller than DATACON_PARITY_MIN_GROUP people is not
broken down, so nobody's self-declared gender can be inferred from a chart.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from datacon.common.choices import Licence
from datacon.editions.models import Edition, EditionOrganisation, OrganisationRole
from datacon.memoria import charts
from datacon.memoria.blocks import FigureBlock, memoria_blocks
from datacon.memoria.models import (
    FigureKey,
    Memoria,
    MemoriaSection,
    ReportedFigure,
    SectionKind,
)
from datacon.program.models import (
    SESSION_CODE_PATTERN,
    Material,
    MaterialKind,
    Participation,
    ParticipationRole,
)
from datacon.program.selectors import (
    EditionFigures,
    ParityFigures,
    ParityRow,
    edition_figures,
    parity_figures,
    program_sessions,
)

BEFORE_FIGURES = (
    SectionKind.BACKGROUND,
    SectionKind.GOALS,
    SectionKind.CRITERIA,
    SectionKind.DEVELOPMENT,
)
PARITY_COLORS = {"women": "#a4155c", "men": "#0b5563", "other": "#6b3fa0", "undeclared": "#5b6770"}


def parity_min_group() -> int:
    return int(getattr(settings, "DATACON_PARITY_MIN_GROUP", 5))


@dataclass(frozen=True)
class ComparedFigure:
    """One indicator: what the platform's data says next to what a document reported."""

    key: str
    label: str
    computed: int | None
    reported: ReportedFigure | None


@dataclass(frozen=True)
class Headline:
    label: str
    value: str
    reported: ReportedFigure | None  # None: computed from the platform's records


# The memoria lists every session with its materials and every person taking part:
# 1,000 sessions, 1,200 materials and 3,000 people at national scale. They are read
# as plain rows (values_list) into these small records instead of model instances.


@dataclass(slots=True)
class MemoriaSession:
    pk: int
    code: str
    title: str
    status: str
    day: dt.date | None
    starts_at: dt.datetime | None
    type_name: str
    url: str  # the session page's path

    def get_absolute_url(self) -> str:
        return self.url


@dataclass(slots=True)
class MemoriaMaterial:
    pk: int
    kind: str
    title: str
    body: str
    url: str
    file_url: str  # "" without a file
    licence: str

    def get_kind_display(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))

    def get_licence_display(self) -> str:
        return str(LICENCE_LABELS.get(self.licence, self.licence))


@dataclass(slots=True)
class MemoriaPerson:
    pk: int
    public_name: str
    slug: str
    organisation_short_name: str | None  # None without an organisation


@dataclass(slots=True)
class MemoriaOrganisation:
    name: str
    slug: str
    acronym: str


KIND_LABELS: dict[str, Any] = dict(MaterialKind.choices)
LICENCE_LABELS: dict[str, Any] = dict(Licence.choices)
ROLE_LABELS: dict[str, Any] = dict(ParticipationRole.choices)


@dataclass
class SessionEntry:
    session: MemoriaSession
    reports: list[MemoriaMaterial]
    videos: list[MemoriaMaterial]
    others: list[MemoriaMaterial]


@dataclass
class MemoriaDay:
    day: dt.date | None
    number: int | None
    entries: list[SessionEntry] = field(default_factory=list)


@dataclass
class MemoriaData:
    edition: Edition
    memoria: Memoria | None
    published: bool
    sections: list[MemoriaSection]
    figures: EditionFigures
    compared: list[ComparedFigure]
    reported: list[ReportedFigure]
    parity: ParityFigures
    parity_rows: list[ParityRow]
    parity_hidden: int
    organiser_roles: list[tuple[str, list[Any]]]
    co_conveners: list[Any]
    people: list[tuple[str, list[MemoriaPerson]]]
    days: list[MemoriaDay]
    blocks: list[FigureBlock]
    charts: dict[str, Any]

    @property
    def headline(self) -> list[Headline]:
        """The figures at the top of the memoria: the platform's count when it has one,
        else the reported figure (marked as such), never a misleading zero."""
        rows: list[Headline] = []
        used: set[str] = set()
        fallbacks = {FigureKey.SPEAKERS: (FigureKey.SPEAKERS, FigureKey.PANELISTS)}
        by_key = {figure.key: figure for figure in self.reported}
        for row in self.compared:
            if row.computed is None:
                continue
            candidates = fallbacks.get(row.key, (row.key,))  # type: ignore[call-overload]
            reported = next((by_key[k] for k in candidates if k in by_key), None)
            if row.computed:
                rows.append(Headline(row.label, f"{row.computed:,}", None))
            elif reported is not None:
                rows.append(
                    Headline(str(reported.get_key_display()), reported.display_value, reported)
                )
            used.update(candidates)
        for figure in self.reported:
            if figure.key not in used:
                rows.append(Headline(str(figure.get_key_display()), figure.display_value, figure))
        return rows

    @property
    def parity_min(self) -> int:
        return parity_min_group()

    @property
    def session_count(self) -> int:
        return sum(len(day.entries) for day in self.days)

    @property
    def has_narrative(self) -> bool:
        return bool(self.sections)

    @property
    def sections_before(self) -> list[MemoriaSection]:
        """Background to development: the figures follow them (the 2021 memoria's order)."""
        return [s for s in self.sections if s.kind in BEFORE_FIGURES]

    @property
    def sections_after(self) -> list[MemoriaSection]:
        return [s for s in self.sections if s.kind not in BEFORE_FIGURES]

    @property
    def reports(self) -> list[tuple[MemoriaSession, MemoriaMaterial]]:
        """Every relatoría with text, in program order, for the PDF's annex."""
        return [
            (entry.session, report)
            for day in self.days
            for entry in day.entries
            for report in entry.reports
            if report.body
        ]


def memoria_of(edition: Edition) -> Memoria | None:
    return Memoria.objects.filter(edition=edition).first()


def memoria_data(*, edition: Edition, preview: bool = False) -> MemoriaData:
    memoria = (
        Memoria.objects.filter(edition=edition)
        .prefetch_related(
            Prefetch("sections", queryset=MemoriaSection.objects.all()),
            Prefetch("figures", queryset=ReportedFigure.objects.all()),
        )
        .first()
    )
    published = bool(memoria and memoria.is_published)
    show_text = published or preview
    sections = (
        sorted(memoria.sections.all(), key=lambda s: s.position) if memoria and show_text else []
    )
    reported = (
        sorted(memoria.figures.all(), key=lambda f: f.position) if memoria and show_text else []
    )
    figures = edition_figures(edition=edition)
    parity = parity_figures(edition=edition)
    minimum = parity_min_group()
    all_rows = [
        _labelled(parity.speakers, _("Ponentes, panelistas y talleristas")),
        _labelled(parity.moderators, _("Moderación")),
        *parity.by_session_type,
    ]
    parity_rows = [row for row in all_rows if row.total >= minimum]
    parity_hidden = len([row for row in all_rows if 0 < row.total < minimum])
    grouped: dict[str, list[Any]] = {}
    for role, name, slug, acronym in (
        EditionOrganisation.objects.filter(edition=edition)
        .order_by("order", "organisation__name")
        .values_list("role", "organisation__name", "organisation__slug", "organisation__acronym")
    ):
        grouped.setdefault(role, []).append(
            MemoriaOrganisation(name=name, slug=slug, acronym=acronym)
        )
    organiser_roles = [
        (str(label), grouped[value])
        for value, label in OrganisationRole.choices
        if value in grouped and value != OrganisationRole.CO_CONVENER
    ]
    co_conveners = grouped.get(OrganisationRole.CO_CONVENER, [])
    sessions = program_sessions(edition=edition).prefetch_related(None)
    days, program_order = _days(edition, sessions)
    people = _people(sessions, program_order)
    compared = _compared(figures, len(co_conveners), reported)
    blocks = memoria_blocks(edition=edition)
    return MemoriaData(
        edition=edition,
        memoria=memoria,
        published=published,
        sections=sections,
        figures=figures,
        compared=compared,
        reported=reported,
        parity=parity,
        parity_rows=parity_rows,
        parity_hidden=parity_hidden,
        organiser_roles=organiser_roles,
        co_conveners=co_conveners,
        people=people,
        days=days,
        blocks=blocks,
        charts=_charts(edition, figures, parity_rows, blocks),
    )


def _labelled(row: ParityRow, label: str) -> ParityRow:
    return ParityRow(
        label=label, women=row.women, men=row.men, other=row.other, undeclared=row.undeclared
    )


def _path_maker(name: str, fixed: dict[str, str], key: str) -> Any:
    """A function giving reverse(name, fixed + {key: value}) that reverses once: values
    of the session-code form (letters, digits, hyphens) need no quoting; anything else
    is reversed."""
    marker = "S0000"
    head, tail = reverse(name, kwargs={**fixed, key: marker}).rsplit(marker, 1)

    def path(value: str) -> str:
        if SESSION_CODE_PATTERN.match(value) or SLUG_SAFE.match(value):
            return f"{head}{value}{tail}"
        return reverse(name, kwargs={**fixed, key: value})

    return path


SLUG_SAFE = re.compile(r"^[-a-zA-Z0-9_]+$")


def person_path_maker() -> Any:
    """reverse("public:person", slug=...) in the active language, reversing once."""
    return _path_maker("public:person", {}, "slug")


def organisation_path_maker() -> Any:
    """reverse("public:organisation", slug=...) in the active language, reversing once."""
    return _path_maker("public:organisation", {}, "slug")


def _days(edition: Edition, sessions: QuerySet[Any]) -> tuple[list[MemoriaDay], list[int]]:
    """The public sessions by day, in program order, with their materials (two queries);
    and the sessions' ids in the order the query gave them."""
    session_path = _path_maker("public:session", {"edition": edition.slug}, "code")
    storage = Material._meta.get_field("file").storage
    materials: dict[int, list[MemoriaMaterial]] = {}
    for session_id, pk, kind, title, body, url, file, licence in (
        Material.objects.filter(session__in=sessions.values("id"))
        .order_by("session_id", "order", "id")
        .values_list("session_id", "id", "kind", "title", "body", "url", "file", "licence")
    ):
        materials.setdefault(session_id, []).append(
            MemoriaMaterial(
                pk=pk,
                kind=kind,
                title=title,
                body=body,
                url=url,
                file_url=storage.url(file) if file else "",
                licence=licence,
            )
        )
    days: dict[dt.date | None, MemoriaDay] = {}
    program_order: list[int] = []
    for pk, code, title, status, day, starts_at, type_name in sessions.values_list(
        "id", "code", "title", "status", "day", "starts_at", "session_type__name"
    ):
        session = MemoriaSession(
            pk=pk,
            code=code,
            title=title,
            status=status,
            day=day,
            starts_at=starts_at,
            type_name=type_name,
            url=session_path(code),
        )
        program_order.append(pk)
        own = materials.get(pk, [])
        entry = SessionEntry(
            session=session,
            reports=[m for m in own if m.kind == MaterialKind.REPORT],
            videos=[m for m in own if m.kind == MaterialKind.VIDEO],
            others=[m for m in own if m.kind not in (MaterialKind.REPORT, MaterialKind.VIDEO)],
        )
        if day not in days:
            days[day] = MemoriaDay(day=day, number=edition.day_number(day) if day else None)
        days[day].entries.append(entry)
    dated = sorted(d for d in days if d is not None)
    ordered = [days[d] for d in dated]
    if None in days:
        ordered.append(days[None])
    return ordered, program_order


def _people(
    sessions: QuerySet[Any], program_order: list[int]
) -> list[tuple[str, list[MemoriaPerson]]]:
    """Distinct people by role (public profile only), in the order they first appear
    in the program, then by public name (one query)."""
    order_of = {pk: index for index, pk in enumerate(program_order)}
    rows = sorted(
        Participation.objects.public()
        .filter(session__in=sessions.values("id"))
        .order_by("session_id", "order", "id")
        .values_list(
            "session_id",
            "role",
            "person_id",
            "person__public_name",
            "person__slug",
            "person__organisation_id",
            "person__organisation__acronym",
            "person__organisation__name",
        ),
        key=lambda row: order_of[row[0]],  # stable: keeps (order, id) within a session
    )
    by_role: dict[str, dict[int, MemoriaPerson]] = {}
    for _session, role, pk, name, slug, organisation_id, acronym, organisation in rows:
        people = by_role.setdefault(role, {})
        if pk not in people:
            people[pk] = MemoriaPerson(
                pk=pk,
                public_name=name,
                slug=slug,
                organisation_short_name=(acronym or organisation)
                if organisation_id is not None
                else None,
            )
    order = [value for value, _label in Participation._meta.get_field("role").choices]  # type: ignore[union-attr]
    return [
        (
            str(ROLE_LABELS.get(role, role)),
            sorted(by_role[role].values(), key=lambda p: p.public_name),
        )
        for role in order
        if role in by_role
    ]


def _compared(
    figures: EditionFigures, co_conveners: int, reported: list[ReportedFigure]
) -> list[ComparedFigure]:
    by_key = {figure.key: figure for figure in reported}
    computed: list[tuple[str, int | None]] = [
        (FigureKey.SESSIONS, figures.sessions),
        (FigureKey.SPEAKERS, figures.speakers),
        (FigureKey.MODERATORS, figures.moderators),
        (FigureKey.CO_CONVENERS, co_conveners),
        (FigureKey.VENUES, figures.venues),
    ]
    rows = [
        ComparedFigure(
            key=key, label=str(FigureKey(key).label), computed=value, reported=by_key.pop(key, None)
        )
        for key, value in computed
    ]
    rows += [
        ComparedFigure(key=f.key, label=str(f.get_key_display()), computed=None, reported=f)
        for f in reported
        if f.key in by_key
    ]
    return rows


def _charts(
    edition: Edition,
    figures: EditionFigures,
    parity_rows: list[ParityRow],
    blocks: list[FigureBlock],
) -> dict[str, Any]:
    result: dict[str, Any] = {}
    if figures.sessions_by_type:
        result["sessions_by_type"] = charts.bar_chart(
            chart_id=f"grafica-sesiones-{edition.slug}",
            title=_("Sesiones por tipo, %(edition)s") % {"edition": edition.title},
            items=[(name, total) for name, total in figures.sessions_by_type],
            unit=_("sesiones"),
        )
    if parity_rows:
        result["parity"] = charts.stacked_bar_chart(
            chart_id=f"grafica-paridad-{edition.slug}",
            title=_("Paridad de género por papel y tipo de sesión, %(edition)s")
            % {"edition": edition.title},
            rows=[(row.label, _parity_segments(row)) for row in parity_rows],
        )
    result["blocks"] = {}
    for index, block in enumerate(blocks):
        if not block.chart_columns:
            continue
        series = [
            (block.columns[column], [row[column] for row in block.rows])
            for column in block.chart_columns
        ]
        result["blocks"][block.key or str(index)] = charts.grouped_bar_chart(
            chart_id=f"grafica-{block.key or index}-{edition.slug}",
            title=block.title,
            categories=[str(row[0]) for row in block.rows],
            series=series,  # type: ignore[arg-type]
        )
    return result


def _parity_segments(row: ParityRow) -> list[charts.Segment]:
    return [
        charts.Segment(_("Mujeres"), row.women, PARITY_COLORS["women"]),
        charts.Segment(_("Hombres"), row.men, PARITY_COLORS["men"]),
        charts.Segment(_("No binarias u otras"), row.other, PARITY_COLORS["other"]),
        charts.Segment(_("No declarado"), row.undeclared, PARITY_COLORS["undeclared"]),
    ]
