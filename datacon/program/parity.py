"""Parity checks on the program, beyond the figures of `program.selectors.parity_figures`.

The memoria asks for "participación paritaria entre mujeres y hombres". Before
a program is published, organisers see every panel (a session with two or more
people on stage) that has no woman, or no man, among those who declared their
gender. Only the session and the reason are reported, never who declared what.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from datacon.editions.models import Edition
from datacon.program.models import Participation, ParticipationRole, Session
from datacon.program.selectors import SPEAKING_ROLES

ON_STAGE = (*SPEAKING_ROLES, ParticipationRole.MODERATOR)


@dataclass(frozen=True)
class ParityFlag:
    session: Session
    people: int
    reason: str
    undeclared: int


def panel_flags(genders: list[str]) -> list[str]:
    """Reasons a panel with these self-declared genders is not mixed ("" = undeclared)."""
    if len(genders) < 2:
        return []
    reasons = []
    if "woman" not in genders:
        reasons.append("no_woman")
    if "man" not in genders:
        reasons.append("no_man")
    return reasons


REASON_TEXT = {
    "no_woman": lambda: _("sin mujeres"),
    "no_man": lambda: _("sin hombres"),
}


def sessions_parity_flags(
    *, edition: Edition, statuses: tuple[str, ...] = ("draft", "confirmed")
) -> list[ParityFlag]:
    """Panels of the edition with no woman or no man on stage, in two queries."""
    rows = Participation.objects.filter(
        session__edition=edition, session__status__in=statuses, role__in=ON_STAGE
    ).values_list("session_id", "person_id", "person__gender")
    genders: dict[int, dict[int, str]] = defaultdict(dict)
    for session_id, person_id, gender in rows:
        genders[session_id][person_id] = gender
    flagged = {
        session_id: (people, panel_flags(list(people.values())))
        for session_id, people in genders.items()
    }
    flagged = {key: value for key, value in flagged.items() if value[1]}
    if not flagged:
        return []
    sessions = (
        Session.objects.filter(pk__in=flagged)
        .select_related("session_type")
        .order_by("day", "starts_at", "code", "title")
    )
    return [
        ParityFlag(
            session=session,
            people=len(flagged[session.pk][0]),
            reason=", ".join(REASON_TEXT[r]() for r in flagged[session.pk][1]),
            undeclared=list(flagged[session.pk][0].values()).count(""),
        )
        for session in sessions
    ]
