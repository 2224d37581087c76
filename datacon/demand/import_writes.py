"""The write side of the request importer: its report, and each chunk of parsed rows.

Each chunk is its own unit of work (datacon.common.write): institutions named
for the first time are created, new requests are inserted (one statement per
5,000 rows on PostgreSQL), changed ones updated, unchanged ones left alone.
The import's own record (`ImportRun`) declares the public pages it changes.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import connection

from datacon.common.actor import Actor
from datacon.common.slugs import unique_slug_for
from datacon.common.text import search_normalise
from datacon.common.write import Work, unit_of_work
from datacon.demand.models import DemandAction, InformationRequest, Institution, InstitutionAlias
from datacon.demand.scrub import scrub
from datacon.demand.text import name_key

# Skipped rows kept in the ImportRun record (all of them go to --rechazos).
MAX_STORED_SKIPS = 10_000
MAX_STORED_UPDATES = 1_000

# Responses that mean the request has not been answered yet.
UNANSWERED = frozenset({"", "sin respuesta", "pendiente", "en proceso", "en tramite", "n a", "na"})


# --- the report ------------------------------------------------------------------------------------


@dataclass
class SkippedRow:
    line: int
    reason: str
    folio: str = ""


@dataclass
class ImportReport:
    run_id: int | None = None
    file_name: str = ""
    encoding: str = ""
    delimiter: str = ","
    columns: dict[str, str] = field(default_factory=dict)
    ignored_columns: list[str] = field(default_factory=list)
    rows_read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[SkippedRow] = field(default_factory=list)
    skipped_count: int = 0
    updated_rows: list[tuple[int, str]] = field(default_factory=list)
    warnings: Counter[str] = field(default_factory=Counter)
    institutions_created: int = 0
    dry_run: bool = False
    seconds: float = 0.0

    @property
    def loaded(self) -> int:
        return self.created + self.updated

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def skip(self, line: int, reason: str, folio: str = "") -> None:
        self.skipped_count += 1
        if len(self.skipped) < MAX_STORED_SKIPS:
            self.skipped.append(SkippedRow(line, reason, folio))


# A parsed row: (line, folio, date, institution key, institution name, state,
# status, response, text, row hash). Tuples, not objects: a million of them
# pass through here.
Row = tuple[int, str, dt.date, str, str, str, str, str, str, int]

# Constant SQL (no user input): the insert of new requests.
_INSERT_COLUMNS = (
    "source, folio, filed_on, institution_id, state, status, response, answered, "
    "text, display_text, topic_number, row_hash"
)
_INSERT_UNNEST = (
    f"INSERT INTO demand_informationrequest ({_INSERT_COLUMNS}) "  # noqa: S608
    "SELECT * FROM unnest(%b::varchar[], %b::varchar[], %b::date[], %b::bigint[], "
    "%b::varchar[], %b::varchar[], %b::varchar[], %b::boolean[], %b::text[], "
    "%b::text[], %b::smallint[], %b::bigint[])"
)
_INSERT_VALUES = (
    f"INSERT INTO demand_informationrequest ({_INSERT_COLUMNS}) "  # noqa: S608
    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
)
_UPDATED_FIELDS = [
    "filed_on",
    "institution",
    "state",
    "status",
    "response",
    "answered",
    "text",
    "display_text",
    "row_hash",
]


class ChunkWriter:
    """Writes the parsed rows of one import, a chunk at a time (see the module docstring)."""

    def __init__(
        self,
        *,
        source: str,
        dry_run: bool,
        report: ImportReport,
        check_existing: bool,
        actor: Actor,
    ) -> None:
        self.source = source
        self.dry_run = dry_run
        self.report = report
        self.check_existing = check_existing
        self.actor = actor
        self.institutions: dict[str, int] = {}  # normalised name -> id
        self.answered_cache: dict[str, bool] = {}

    def resolve_institutions(self, work: Work, rows: list[Row]) -> None:
        wanted = {row[3]: row[4] for row in rows}
        unknown = [key for key in wanted if key not in self.institutions]
        if not unknown:
            return
        for alias_key, institution_id in InstitutionAlias.objects.filter(
            key__in=unknown
        ).values_list("key", "institution_id"):
            self.institutions[alias_key] = institution_id
        for key, institution_id in Institution.objects.filter(key__in=unknown).values_list(
            "key", "id"
        ):
            self.institutions.setdefault(key, institution_id)
        for key in unknown:
            if key in self.institutions:
                continue
            self.report.institutions_created += 1
            if self.dry_run:
                self.institutions[key] = -1
                continue
            institution = Institution(name=wanted[key], key=key)
            institution.slug = unique_slug_for(institution, wanted[key])
            institution.search_document = search_normalise(wanted[key])
            work.save(institution)
            self.institutions[key] = institution.pk

    def existing(self, folios: list[str]) -> dict[str, tuple[int, int]]:
        """Stored (id, row hash) of the folios already imported from this source."""
        if not self.check_existing:
            return {}
        found: dict[str, tuple[int, int]] = {}
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT folio, id, row_hash FROM demand_informationrequest "
                    "WHERE source = %s AND folio = ANY(%s)",
                    [self.source, folios],
                )
                for folio, pk, row_hash in cursor.fetchall():
                    found[folio] = (pk, row_hash)
            return found
        for start in range(0, len(folios), 900):
            for folio, pk, row_hash in InformationRequest.objects.filter(
                source=self.source, folio__in=folios[start : start + 900]
            ).values_list("folio", "id", "row_hash"):
                found[folio] = (pk, row_hash)
        return found

    def write(self, rows: list[Row]) -> None:
        if not rows:
            return
        report = self.report
        with unit_of_work(self.actor) as work:
            if connection.vendor == "postgresql":
                # Each chunk is its own transaction; not waiting for the disk on each
                # commit is safe (a crash loses at most the last chunks, never corrupts,
                # and re-importing completes them).
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL synchronous_commit TO OFF")
            self.resolve_institutions(work, rows)
            existing = self.existing([row[1] for row in rows])
            new: list[tuple[Any, ...]] = []
            changed: list[InformationRequest] = []
            institutions = self.institutions
            for line, folio, filed_on, key, _name, state, status, response, text, row_hash in rows:
                stored = existing.get(folio)
                if stored is not None and stored[1] == row_hash:
                    report.unchanged += 1
                    continue
                display = scrub(text)
                # The original is kept only when it differs from the scrubbed text.
                original = text if display != text else ""
                try:
                    answered = self.answered_cache[response]
                except KeyError:
                    answered = self.answered_cache[response] = name_key(response) not in UNANSWERED
                if stored is None:
                    new.append(
                        (
                            self.source,
                            folio,
                            filed_on,
                            institutions[key],
                            state,
                            status,
                            response,
                            answered,
                            original,
                            display,
                            None,
                            row_hash,
                        )
                    )
                else:
                    changed.append(
                        InformationRequest(
                            pk=stored[0],
                            filed_on=filed_on,
                            institution_id=institutions[key],
                            state=state,
                            status=status,
                            response=response,
                            answered=answered,
                            text=original,
                            display_text=display,
                            row_hash=row_hash,
                        )
                    )
                    if len(report.updated_rows) < MAX_STORED_UPDATES:
                        report.updated_rows.append((line, folio))
            report.created += len(new)
            report.updated += len(changed)
            if self.dry_run:
                return
            _insert(new)
            work.update_many(
                changed, _UPDATED_FIELDS, action=DemandAction.REQUESTS_IMPORT_CHUNK, batch_size=500
            )


def _insert(rows: list[tuple[Any, ...]]) -> None:
    """Insert new requests: one statement per 5,000 rows on PostgreSQL (arrays, no COPY)."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        import psycopg

        connection.ensure_connection()
        # A server-side-binding cursor on Django's own connection (same transaction):
        # twelve arrays travel as parameters instead of 60,000 quoted values.
        with psycopg.Cursor(connection.connection) as cursor:
            for start in range(0, len(rows), 5000):
                columns = [list(values) for values in zip(*rows[start : start + 5000], strict=True)]
                cursor.execute(_INSERT_UNNEST, columns)
        return
    with connection.cursor() as cursor:
        cursor.executemany(_INSERT_VALUES, rows)
