"""The neutral rows every parser produces and the problems they report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# The generator name of this platform's own exports (datacon.opendata.schedule.GENERATOR).
OWN_GENERATOR = "Plataforma DATACON"
# Rooms this platform's exports name "DATACON" when a session has no venue.
NO_VENUE_ROOM = "DATACON"


@dataclass(frozen=True, slots=True)
class Problem:
    """An error of one line of the file: `field` names the column, element or JSON key."""

    line: int | None
    field: str
    message: str


@dataclass(slots=True)
class PersonRow:
    name: str
    source_id: str = ""  # the source's guid, code or id of the person ("" if none)
    role: str = "speaker"
    role_given: bool = False  # the file said the role (schedule formats usually do not)


@dataclass(slots=True)
class SessionRow:
    line: int
    code: str
    title: str
    type_name: str = ""
    day: dt.date | None = None
    starts_at: dt.datetime | None = None
    ends_at: dt.datetime | None = None
    venue: str = ""
    room: str = ""
    abstract: str = ""
    language: str = ""
    cancelled: bool = False
    persons: list[PersonRow] = field(default_factory=list)
    # Where each field was read (for errors found later): field -> line.
    lines: dict[str, int] = field(default_factory=dict)
    # What the parser could not read in this session (the planner adds its own).
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, name: str) -> int:
        return self.lines.get(name, self.line)


@dataclass(slots=True)
class ParsedFile:
    format: str  # "xml", "json" or "csv"
    generator: str = ""
    rows: list[SessionRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def own_export(self) -> bool:
        return self.generator == OWN_GENERATOR


class ImportRefused(Exception):
    """The file cannot be imported; `problems` say where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems
