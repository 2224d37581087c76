"""The memorias compared: one summary per public edition, and the comparison charts.

Aggregates only; parity is shown as the share of women among speakers, and
only for groups of at least DATACON_PARITY_MIN_GROUP people.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from datacon.editions.models import Edition, EditionOrganisation
from datacon.editions.selectors import editions_public
from datacon.memoria import charts
from datacon.memoria.models import FigureKey, FigureQualifier, Memoria, ReportedFigure
from datacon.memoria.selectors import parity_min_group
from datacon.program.models import Participation
from datacon.program.selectors import SPEAKING_ROLES


@dataclass(frozen=True)
class EditionSummary:
    edition: Edition
    sessions: int
    speakers: int
    moderators: int
    organisations: int
    co_conveners: int
    venues: int
    women_share: float | None  # among speakers, None when the group is too small to show
    reported: dict[str, ReportedFigure]
    memoria_published: bool

    @property
    def reported_list(self) -> list[ReportedFigure]:
        """The figures its documents report, each with what it counts and its source."""
        return sorted(self.reported.values(), key=lambda figure: figure.position)

    def reported_value(self, key: str) -> int | None:
        figure = self.reported.get(key)
        return figure.value if figure else None


def editions_compared() -> list[EditionSummary]:
    """One summary per public real edition, oldest first, in a fixed number of queries per edition
    type of figure (not per session)."""
    from django.db.models import Count

    from datacon.program.models import public_session_filter

    # Real editions only: a fictional demonstration edition is never compared with them.
    editions: QuerySet[Edition] = editions_public().filter(is_demo=False).order_by("year")
    session_q = public_session_filter("sessions__")
    annotated = list(
        editions.annotate(
            public_sessions=Count("sessions", filter=session_q, distinct=True),
            public_venues=Count("venues", distinct=True),
        )
    )
    participations = list(
        Participation.objects.public()
        .filter(session__edition__in=[e.pk for e in annotated])
        .values_list("session__edition_id", "person_id", "person__gender", "role")
    )
    org_links = list(
        EditionOrganisation.objects.filter(edition__in=[e.pk for e in annotated]).values_list(
            "edition_id", "organisation_id", "role"
        )
    )
    memorias = {
        m.edition_id: m
        for m in Memoria.objects.filter(edition__in=[e.pk for e in annotated]).prefetch_related(
            "figures"
        )
    }
    minimum = parity_min_group()
    summaries = []
    for edition in annotated:
        rows = [r for r in participations if r[0] == edition.pk]
        speakers = {pid: gender for _e, pid, gender, role in rows if role in SPEAKING_ROLES}
        moderators = {pid for _e, pid, _g, role in rows if role == "moderator"}
        links = [link for link in org_links if link[0] == edition.pk]
        women = sum(1 for gender in speakers.values() if gender == "woman")
        memoria = memorias.get(edition.pk)
        published = bool(memoria and memoria.is_published)
        summaries.append(
            EditionSummary(
                edition=edition,
                sessions=edition.public_sessions,
                speakers=len(speakers),
                moderators=len(moderators),
                organisations=len({org for _e, org, _r in links}),
                co_conveners=len({org for _e, org, role in links if role == "co_convener"}),
                venues=edition.public_venues,
                women_share=round(100 * women / len(speakers), 1)
                if len(speakers) >= minimum
                else None,
                reported={f.key: f for f in memoria.figures.all()} if published and memoria else {},
                memoria_published=published,
            )
        )
    return summaries


@dataclass(frozen=True)
class Measure:
    """One row of the comparison: one measure with one meaning, counted the same way in every
    edition (a platform count, or one reported figure), never a mix of the two or of two figures."""

    key: str
    label: str
    reported: bool
    values: list[int | None]  # per edition, None: no data
    cells: list[str]  # as shown ("más de 2,500", "—")

    @property
    def editions_with_data(self) -> int:
        return sum(1 for value in self.values if value is not None)


# The platform's own counts, in the order of the table.
PLATFORM_MEASURES: tuple[tuple[str, Any], ...] = (
    ("sessions", gettext_lazy("Sesiones en la plataforma")),
    ("speakers", gettext_lazy("Ponentes en la plataforma")),
    ("moderators", gettext_lazy("Moderadores en la plataforma")),
    ("organisations", gettext_lazy("Organizaciones en la plataforma")),
    ("co_conveners", gettext_lazy("Organizaciones co-convocantes en la plataforma")),
    ("venues", gettext_lazy("Sedes en la plataforma")),
)

# Each reported figure is its own row: 2021's "70 personas panelistas" is never in the row
# (or chart) of 2022's "25 personas moderadoras", nor online attendees in the row of attendees.
REPORTED_LABELS: dict[str, Any] = {
    FigureKey.SESSIONS: gettext_lazy("Sesiones reportadas"),
    FigureKey.PANELISTS: gettext_lazy("Personas panelistas reportadas"),
    FigureKey.SPEAKERS: gettext_lazy("Personas ponentes reportadas"),
    FigureKey.MODERATORS: gettext_lazy("Personas moderadoras reportadas"),
    FigureKey.CO_CONVENERS: gettext_lazy("Organizaciones co-convocantes reportadas"),
    FigureKey.ATTENDEES: gettext_lazy("Personas asistentes reportadas"),
    FigureKey.ATTENDEES_ONLINE: gettext_lazy("Personas asistentes en línea reportadas"),
    FigureKey.ATTENDEES_IN_PERSON: gettext_lazy("Personas asistentes presenciales reportadas"),
    FigureKey.REGISTERED: gettext_lazy("Personas registradas reportadas"),
    FigureKey.VENUES: gettext_lazy("Sedes reportadas"),
    FigureKey.PANELS: gettext_lazy("Paneles reportados"),
    FigureKey.WORKSHOPS: gettext_lazy("Talleres reportados"),
    FigureKey.CONFERENCES: gettext_lazy("Conferencias reportadas"),
    FigureKey.PROPOSALS: gettext_lazy("Propuestas recibidas reportadas"),
}

NO_DATA = "—"


def comparison_measures(summaries: list[EditionSummary]) -> list[Measure]:
    """The rows of the comparison: the platform's counts (a count of zero is "no data": the
    platform does not keep every edition's program), then each figure some edition reports."""
    measures = []
    for key, label in PLATFORM_MEASURES:
        values = [getattr(summary, key) or None for summary in summaries]
        measures.append(
            Measure(
                key=key,
                label=str(label),
                reported=False,
                values=values,
                cells=[NO_DATA if value is None else f"{value:,}" for value in values],
            )
        )
    for key in FigureKey.values:
        figures = [summary.reported.get(key) for summary in summaries]
        if not any(figures):
            continue
        measures.append(
            Measure(
                key=key,
                label=str(REPORTED_LABELS.get(key, FigureKey(key).label)),
                reported=True,
                values=[figure.value if figure else None for figure in figures],
                cells=[figure.display_value if figure else NO_DATA for figure in figures],
            )
        )
    return measures


def comparison_charts(
    summaries: list[EditionSummary], measures: list[Measure] | None = None
) -> dict[str, Any]:
    """One chart per measure that at least two editions have: the bars of a chart always count
    the same thing, from the same source, so they can be compared. The editions without the
    measure are left out of its chart (the table shows the dash)."""
    if measures is None:
        measures = comparison_measures(summaries)
    result: dict[str, Any] = {}
    for measure in measures:
        if measure.editions_with_data < 2:
            continue
        title = _("%(measure)s, por edición") % {"measure": measure.label}
        items = [
            (_year_label(summary, measure), value)
            for summary, value in zip(summaries, measure.values, strict=True)
            if value is not None
        ]
        result[title] = charts.bar_chart(
            chart_id=f"grafica-comparativo-{measure.key.replace('_', '-')}"
            + ("-reportado" if measure.reported else ""),
            title=title,
            items=items,
        )
    return result


def _year_label(summary: EditionSummary, measure: Measure) -> str:
    year = str(summary.edition.year)
    figure = summary.reported.get(measure.key) if measure.reported else None
    if figure is not None and figure.qualifier != FigureQualifier.EXACT:
        # "más de 2,500": the bar is drawn at 2,500 and says so.
        return f"{year} ({figure.get_qualifier_display()})"
    return year
