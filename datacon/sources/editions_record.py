"""Facts about the real DATACON editions, taken from the seed documents: the records
are in data/editions.yaml (organisations, editions, sessions, the 2024 abstracts);
this module reads them in the shapes the loader (datacon/sources/record.py) uses.

Sources (kept in the repository's history as ../shared/seeds/):
* INAI press release INAI/138/21 (27 April 2021): first edition, 11-12 May, virtual,
  convened by INAI and Codeando México.
* DATACON 2021 memoria: the 17 sessions with codes, start times and types,
  70 panelists, 30 co-convening organisations, more than 2,500 attendees.
* DATACON concept note (2022 summary): three venues (Nuevo León, Jalisco,
  Quintana Roo), 25 convening organisations, 25 moderators, 12 panels,
  3 workshops, 4 conferences.
* DATACON 2024 concept note: title, dates (17-18 October 2024), venue (INAI,
  Av. Insurgentes Sur 3211) and the two-day program without times.

Nothing here is invented. Where the sources are silent (people's names, end
times, 2022-2023 dates, the 2023 venues, the 2024 times) the loader leaves the
field empty, except session end times in 2021, which the memoria does not give:
each session is assumed to last until the next slot starts, at most one hour
(ESTIMATED_END_RULE), and the edition summary says so. Nor does the memoria say
which stream carried each 2021 session: the loader puts each in the first free
channel, "Transmisión 1", "2", "3" in code order, rooms flagged as the
platform's own numbering, and the summary and the program page say so.
"""

from __future__ import annotations

from typing import Any

from datacon.sources.loader import data_file

ESTIMATED_END_RULE_MINUTES = 60

_DATA = data_file("editions.yaml")

ORGANISATIONS: list[dict[str, str]] = _DATA["organisations"]

# Each edition's roles are (organisation slug, role) pairs.
EDITIONS: list[dict[str, Any]] = [
    {**edition, "roles": [tuple(role) for role in edition["roles"]]}
    for edition in _DATA["editions"]
]

# (code, day 1-based, start "HH:MM" or None, type slug, title exactly as in the source)
SESSIONS: dict[int, list[tuple[str, int, str | None, str, str]]] = {
    int(year): [(row["code"], row["day"], row["start"], row["type"], row["title"]) for row in rows]
    for year, rows in _DATA["sessions"].items()
}

# Short descriptions the 2024 concept note gives for each activity.
ABSTRACTS_2024: dict[str, str] = _DATA["abstracts_2024"]
