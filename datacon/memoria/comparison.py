"""The memorias compared: one summary per public edition, and the comparison charts.

Aggregates only; parity is shown as the share of women among speakers, and
only for groups of at least DATACON_PARITY_MIN_GROUP people.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from datacon.editions.models import Edition, EditionOrganisation
from datacon.editions.selectors import editions_public
from datacon.memoria import charts
from datacon.memoria.models import FigureKey, Memoria, ReportedFigure
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

    from datacon.program.selectors import public_session_filter

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
                sessions=edition.public_sessions,  # type: ignore[attr-defined]
                speakers=len(speakers),
                moderators=len(moderators),
                organisations=len({org for _e, org, _r in links}),
                co_conveners=len({org for _e, org, role in links if role == "co_convener"}),
                venues=edition.public_venues,  # type: ignore[attr-defined]
                women_share=round(100 * women / len(speakers), 1)
                if len(speakers) >= minimum
                else None,
                reported={f.key: f for f in memoria.figures.all()} if published and memoria else {},
                memoria_published=published,
            )
        )
    return summaries


def comparison_charts(summaries: list[EditionSummary]) -> dict[str, Any]:
    categories = [str(s.edition.year) for s in summaries]
    if not summaries:
        return {}

    def best(summary: EditionSummary, key: str, computed: int) -> int | None:
        reported = summary.reported_value(key)
        if reported is not None and reported > computed:
            return reported
        return computed or None

    program_title = _("Sesiones, ponentes y moderación por edición")
    organisations_title = _("Organizaciones co-convocantes y sedes por edición")
    return {
        program_title: charts.grouped_bar_chart(
            chart_id="grafica-comparativo-programa",
            title=program_title,
            categories=categories,
            series=[
                (_("Sesiones"), [best(s, FigureKey.SESSIONS, s.sessions) for s in summaries]),
                (
                    _("Personas panelistas o ponentes"),
                    [
                        max(
                            filter(
                                None,
                                [
                                    s.speakers,
                                    s.reported_value(FigureKey.PANELISTS),
                                    s.reported_value(FigureKey.SPEAKERS),
                                ],
                            ),
                            default=None,
                        )
                        for s in summaries
                    ],
                ),
                (
                    _("Personas moderadoras"),
                    [best(s, FigureKey.MODERATORS, s.moderators) for s in summaries],
                ),
            ],
        ),
        organisations_title: charts.grouped_bar_chart(
            chart_id="grafica-comparativo-organizaciones",
            title=organisations_title,
            categories=categories,
            series=[
                (
                    _("Organizaciones co-convocantes"),
                    [best(s, FigureKey.CO_CONVENERS, s.co_conveners) for s in summaries],
                ),
                (_("Sedes"), [best(s, FigureKey.VENUES, s.venues) for s in summaries]),
            ],
        ),
    }
