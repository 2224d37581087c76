"""The conference's open datasets: editions, venues, sessions, public participations,
organisations, materials' metadata and aggregate figures.

Every `rows` function reads through the public selectors' rules (published or
archived editions, public sessions, people only through a public
participation), never touches a private field (e-mail, gender, account), and
runs a fixed number of queries whatever the number of rows.
"""

from __future__ import annotations

from datacon.opendata.conference_datasets.editions import (
    EDITIONS,
    FIGURES,
    ROOMS,
    SESSION_TYPES,
    VENUES,
)
from datacon.opendata.conference_datasets.people import (
    EDITION_ORGANISATIONS,
    ORGANISATIONS,
    PEOPLE,
)
from datacon.opendata.conference_datasets.program import MATERIALS, PARTICIPATIONS, SESSIONS
from datacon.opendata.registry import dataset_register

__all__ = [
    "EDITIONS",
    "EDITION_ORGANISATIONS",
    "FIGURES",
    "MATERIALS",
    "ORGANISATIONS",
    "PARTICIPATIONS",
    "PEOPLE",
    "ROOMS",
    "SESSIONS",
    "SESSION_TYPES",
    "VENUES",
]


for _dataset in (
    EDITIONS,
    VENUES,
    ROOMS,
    SESSION_TYPES,
    SESSIONS,
    PARTICIPATIONS,
    PEOPLE,
    ORGANISATIONS,
    EDITION_ORGANISATIONS,
    MATERIALS,
    FIGURES,
):
    dataset_register(_dataset)
