"""What the schedule builder shows around the grid after each move, read from its state.

`schedule.builder_state` holds the work-in-progress placements and their
conflicts; this module adds the two readings the drag-and-drop builder shows
live: where a session stands (so a move can be taken back) and the parity of
one day as it is being built (the panels of that day without a woman or
without a man on stage, and the day's figures). Nothing here writes.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from datacon.program.conflicts import Conflict
from datacon.program.models import Participation, SessionPlacement
from datacon.program.parity import ON_STAGE, REASON_TEXT, panel_flags
from datacon.program.schedule import BuilderState, session_label


@dataclass(frozen=True)
class Position:
    """Where a session stands in the builder, in the terms of the placement form."""

    day: str  # ISO date in the edition's time zone
    start: str  # HH:MM
    duration: int  # minutes
    place: str  # "r<room pk>" or "v<venue pk>"

    def as_form(self) -> dict[str, str]:
        return {
            "dia": self.day,
            "hora": self.start,
            "duracion": str(self.duration),
            "lugar": self.place,
        }


def placement_position(placement: SessionPlacement | None, tz: dt.tzinfo) -> Position | None:
    """None when the session is not on the grid."""
    if placement is None or not placement.is_placed:
        return None
    assert placement.starts_at is not None and placement.ends_at is not None
    local = placement.starts_at.astimezone(tz)
    if placement.room_id:
        place = f"r{placement.room_id}"
    elif placement.venue_id:
        place = f"v{placement.venue_id}"
    else:
        return None  # placed with no venue (an import): the form cannot express it
    return Position(
        day=local.date().isoformat(),
        start=local.strftime("%H:%M"),
        duration=int((placement.ends_at - placement.starts_at).total_seconds() // 60),
        place=place,
    )


@dataclass(frozen=True)
class PanelFlag:
    session_id: int
    label: str
    reason: str


@dataclass
class DayParity:
    """On-stage people of the sessions placed on one day (each person counted once)."""

    day: dt.date
    women: int = 0
    men: int = 0
    others: int = 0  # non-binary, other or undeclared
    flags: list[PanelFlag] = field(default_factory=list)

    @property
    def people(self) -> int:
        return self.women + self.men + self.others

    @property
    def women_share(self) -> int | None:
        """Percentage of women among those who declared woman or man."""
        declared = self.women + self.men
        return round(100 * self.women / declared) if declared else None


def day_parity(state: BuilderState, day: dt.date) -> DayParity:
    """The day's parity as placed in the builder (published or not), in one query."""
    tz = state.edition.tz
    on_day = {
        p.session_id: p
        for p in state.placed()
        if p.starts_at is not None and p.starts_at.astimezone(tz).date() == day
    }
    result = DayParity(day=day)
    if not on_day:
        return result
    genders: dict[int, dict[int, str]] = defaultdict(dict)
    for session_id, person_id, gender in Participation.objects.filter(
        session_id__in=on_day, role__in=ON_STAGE
    ).values_list("session_id", "person_id", "person__gender"):
        genders[session_id][person_id] = gender
    everyone: dict[int, str] = {}
    for people in genders.values():
        everyone.update(people)
    for gender in everyone.values():
        if gender == "woman":
            result.women += 1
        elif gender == "man":
            result.men += 1
        else:
            result.others += 1
    for session_id, placement in sorted(
        on_day.items(), key=lambda item: (item[1].starts_at, item[0])
    ):
        reasons = panel_flags(list(genders.get(session_id, {}).values()))
        if reasons:
            result.flags.append(
                PanelFlag(
                    session_id=session_id,
                    label=session_label(placement.session),
                    reason=", ".join(str(REASON_TEXT[r]()) for r in reasons),
                )
            )
    return result


def conflict_data(conflict: Conflict) -> dict[str, object]:
    return {
        "kind": conflict.kind,
        "severity": conflict.severity,
        "message": conflict.message,
        "sessions": list(conflict.sessions),
    }
