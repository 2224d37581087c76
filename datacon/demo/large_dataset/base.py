"""The shape of the large data set: its scale, what the conference part hands to
the capabilities' steps (`Context`), the steps themselves, and bulk helpers."""

from __future__ import annotations

import importlib
import importlib.util
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from django.db import models

from datacon.common.text import search_normalise
from datacon.editions.models import Edition
from datacon.people.models import Organisation, Person
from datacon.program.models import Session

BATCH_SIZE = 500
SLUG_PREFIX = "carga-"  # every generated person and organisation; --replace removes them
EDITION_SLUG = "2030-carga"
EDITION_YEAR = 2030
EDITION_NUMBER = 90
TIMEZONE = "America/Mexico_City"

ModelT = TypeVar("ModelT", bound=models.Model)
ItemT = TypeVar("ItemT")


@dataclass(frozen=True)
class Scale:
    """How much to generate; `Scale.full()` is the size the issue asks for."""

    sessions: int = 1000
    days: int = 3
    venues: int = 10
    rooms: int = 60
    people: int = 3000
    organisations: int = 800
    registrations: int = 20000
    comments: int = 50000

    @classmethod
    def full(cls) -> Scale:
        return cls()

    def scaled(self, factor: float) -> Scale:
        """A smaller (or larger) data set of the same shape, for tests."""

        def part(value: int, minimum: int = 1) -> int:
            return max(minimum, round(value * factor))

        venues = part(self.venues)
        return replace(
            self,
            sessions=part(self.sessions),
            venues=venues,
            rooms=max(venues, part(self.rooms)),
            people=part(self.people, 2),
            organisations=part(self.organisations, 2),
            registrations=part(self.registrations, 0),
            comments=part(self.comments, 0),
        )


@dataclass
class Context:
    """What the conference part created; capability steps build on it."""

    seed: int
    scale: Scale
    edition: Edition
    organisations: list[Organisation] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def rng(self, step: str) -> random.Random:
        # One generator per step: adding or skipping a step never changes another's data.
        return random.Random(f"{self.seed}:{step}")  # noqa: S311 - test data, not secrets


@dataclass(frozen=True)
class Step:
    """A capability's part of the data set.

    The step runs when `datacon.demo.large_dataset.<app>` exists and defines
    `generate(*, context: Context, count: int, rng: random.Random) -> int`
    (returning how many records it created). It may also define
    `remove(*, edition: Edition) -> None`, called by --replace before the
    edition is deleted, and `fingerprint_rows(*, edition: Edition)` yielding
    the rows (natural keys, no ids) that `dataset_fingerprint()` digests.
    Until then the step is skipped with a message.
    """

    name: str
    app: str
    count: Callable[[Scale], int]
    description: str

    @property
    def module_name(self) -> str:
        return f"datacon.demo.large_dataset.{self.app}"

    def module(self) -> Any | None:
        try:
            found = importlib.util.find_spec(self.module_name)
        except ModuleNotFoundError:  # not there
            return None
        return importlib.import_module(self.module_name) if found else None


STEPS: list[Step] = [
    Step(
        name="registrations",
        app="registration",
        count=lambda scale: scale.registrations,
        description="inscripciones a la edición",
    ),
    Step(
        name="consultation",
        app="consultation",
        count=lambda scale: scale.comments,
        description="una consulta pública con sus comentarios",
    ),
]


def _bulk(model: type[ModelT], objects: list[ModelT]) -> list[ModelT]:
    """bulk_create in batches; ids come back on PostgreSQL and on SQLite >= 3.35."""
    created: list[ModelT] = []
    for start in range(0, len(objects), BATCH_SIZE):
        created.extend(model._default_manager.bulk_create(objects[start : start + BATCH_SIZE]))
    return created


def _search_document(*parts: str) -> str:
    return search_normalise(" ".join(part for part in parts if part))


def _cycle(items: Sequence[ItemT], rng: random.Random) -> Iterator[ItemT]:
    """Every item once in a shuffled order, then again in another, forever."""
    while True:
        order = list(items)
        rng.shuffle(order)
        yield from order
