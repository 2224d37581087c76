"""Import access-to-information request exports (PNT / INFOMEX CSV files).

The exports are large (about a million requests a year), usually Latin-1
(Windows-1252), dated dd/mm/yyyy, and their headers change between years. The
importer:

1. reads the header line, recognises each column by its known aliases
   (`COLUMNS`), and **stops before writing anything** when a required column is
   missing, naming the missing columns and the headers it found;
2. streams the rows in chunks (`chunk_size`), never holding the file in memory,
   and commits each chunk on its own;
3. skips and reports every malformed row with its line number and the reason
   (wrong number of columns, empty folio, bad date, no institution, no text, a
   folio repeated in the file) — nothing is dropped silently;
4. is idempotent: a request is identified by (source, folio); a row whose
   content hash equals the stored one is left alone, a changed row is updated
   and reported, a new one is inserted. Importing the same file twice changes
   nothing the second time.

Every run is recorded as an `ImportRun`, with the skipped lines, for the back
office. Personal data: the raw text is stored for the analysis only; the text
that is ever shown goes through `scrub()` here, once.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from datacon.common import csvout
from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.write import unit_of_work
from datacon.demand.csv_reading import (
    ENCODING_LABELS,
    LineDecoder,
    binary_problem,
    csv_error_reason,
    detect_encoding,
    sniff_delimiter,
)
from datacon.demand.import_columns import COLUMNS, normalise_header
from datacon.demand.import_writes import ChunkWriter, ImportReport, Row
from datacon.demand.models import (
    DemandAction,
    ImportRun,
    ImportStatus,
    InformationRequest,
)
from datacon.demand.text import name_key, state_code, tidy_name

csv.field_size_limit(10 * 1024 * 1024)

# Rows per transaction. Large enough for few round trips, small enough that a
# chunk's objects stay a few megabytes.
DEFAULT_CHUNK_SIZE = 5000
EARLIEST_DATE = dt.date(2000, 1, 1)


class ImportRefused(Exception):
    """The file cannot be imported at all (missing columns, unreadable header). Nothing was written."""

    def __init__(self, message: str, *, missing: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.missing = missing or []


@dataclass
class HeaderMap:
    indexes: dict[str, int]
    headers: list[str]
    ignored: list[str]


def header_map(headers: list[str]) -> HeaderMap:
    """Which column holds which field; raises ImportRefused naming the missing required ones."""
    normalised = [normalise_header(h) for h in headers]
    indexes: dict[str, int] = {}
    for spec in COLUMNS:
        for position, header in enumerate(normalised):
            if header in spec.aliases and position not in indexes.values():
                indexes[spec.name] = position
                break
    missing = [spec for spec in COLUMNS if spec.required and spec.name not in indexes]
    if missing:
        described = "; ".join(
            f"{spec.label} (se acepta: {', '.join(spec.aliases[:4])}…)" for spec in missing
        )
        found = ", ".join(h for h in headers if h.strip()) or _("ninguno")
        raise ImportRefused(
            _(
                "Faltan columnas obligatorias: %(missing)s. Encabezados encontrados: %(found)s. "
                "No se escribió nada."
            )
            % {"missing": described, "found": found},
            missing=[spec.label for spec in missing],
        )
    used = set(indexes.values())
    ignored = [h for position, h in enumerate(headers) if position not in used and h.strip()]
    return HeaderMap(indexes=indexes, headers=headers, ignored=ignored)


# --- reading: see csv_reading --------------------------------------------------------------------


_DATE_FORMATS = (
    re.compile(r"^(?P<d>\d{1,2})[/-](?P<m>\d{1,2})[/-](?P<y>\d{4})(?:[ T].*)?$"),
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[ T].*)?$"),
    re.compile(r"^(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{2})(?:\s.*)?$"),
)


def parse_date(value: str) -> dt.date | None:
    """dd/mm/yyyy (with or without time), yyyy-mm-dd, dd-mm-yyyy or dd/mm/yy; None if invalid."""
    value = value.strip()
    if len(value) == 10 and value[2] == "/" and value[5] == "/":
        try:
            return dt.date(int(value[6:]), int(value[3:5]), int(value[:2]))
        except ValueError:
            return None
    for pattern in _DATE_FORMATS:
        match = pattern.match(value)
        if match:
            year = int(match["y"])
            if year < 100:
                year += 2000
            try:
                return dt.date(year, int(match["m"]), int(match["d"]))
            except ValueError:
                return None
    return None


_FOLIO = re.compile(r"^[\w./-]{1,40}$")


def clean_folio(value: str) -> str:
    # Spreadsheets keep leading zeros with a leading apostrophe or extra quotes.
    return value.strip().strip("'\"").strip()


ProgressCallback = Callable[[int, int, int], None]  # bytes read, total bytes, rows read


def _row_hash(*parts: str) -> int:
    digest = hashlib.blake2b("\x1f".join(parts).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class _Importer(ChunkWriter):
    def __init__(
        self,
        *,
        source: str,
        dry_run: bool,
        report: ImportReport,
        rejects: Any,
        columns: HeaderMap,
        check_existing: bool,
        actor: Actor,
    ) -> None:
        super().__init__(
            source=source,
            dry_run=dry_run,
            report=report,
            check_existing=check_existing,
            actor=actor,
        )
        self.rejects = rejects
        self.columns = columns
        self.width = len(columns.headers)
        # folio -> (line, row hash) of its first appearance in this file
        self.seen: dict[str, tuple[int, int]] = {}
        self.state_cache: dict[str, str | None] = {}
        self.date_cache: dict[str, dt.date | str] = {}  # raw value -> date or the reason it is bad
        self.institution_cache: dict[str, tuple[str, str]] = {}  # raw -> (key, tidy name)
        self.today = timezone.localdate()

    # -- one row -------------------------------------------------------------------------------------

    def parse(self, line: int, row: list[str]) -> Row | None:
        if len(row) != self.width:
            self.reject(
                line,
                _("la fila tiene %(n)s columnas; el encabezado tiene %(m)s")
                % {"n": len(row), "m": self.width},
                row,
            )
            return None
        index = self.columns.indexes
        folio = clean_folio(row[index["folio"]])
        if not folio:
            self.reject(line, _("folio vacío"), row)
            return None
        if not _FOLIO.match(folio):
            self.reject(line, _("folio inválido «%(folio)s»") % {"folio": folio[:60]}, row)
            return None
        raw_date = row[index["filed_on"]]
        try:
            filed_on = self.date_cache[raw_date]
        except KeyError:
            filed_on = self.date_cache[raw_date] = self.date_or_reason(raw_date)
        if isinstance(filed_on, str):
            self.reject(line, filed_on, row, folio)
            return None
        raw_institution = row[index["institution"]]
        cached = self.institution_cache.get(raw_institution)
        if cached is None:
            cached = (name_key(raw_institution), tidy_name(raw_institution)[:300])
            self.institution_cache[raw_institution] = cached
        institution_key, institution_name = cached
        if not institution_key:
            self.reject(line, _("sin institución"), row, folio)
            return None
        text = row[index["text"]].strip()
        if not text:
            self.reject(line, _("sin texto de la solicitud"), row, folio)
            return None
        state = ""
        if "state" in index:
            raw_state = row[index["state"]]
            try:
                code = self.state_cache[raw_state]
            except KeyError:
                code = self.state_cache[raw_state] = state_code(raw_state)
            if code is None:
                self.report.warnings[
                    _("estado no reconocido: «%(value)s»") % {"value": raw_state.strip()[:40]}
                ] += 1
                code = ""
            state = code
        status = " ".join(row[index["status"]].split())[:80] if "status" in index else ""
        response = " ".join(row[index["response"]].split())[:200] if "response" in index else ""
        row_hash = _row_hash(filed_on.isoformat(), institution_key, state, status, response, text)
        first = self.seen.get(folio)
        if first is not None:
            first_line, first_hash = first
            if first_hash == row_hash:
                reason = _("fila duplicada: idéntica a la línea %(line)s") % {"line": first_line}
            else:
                reason = _(
                    "folio repetido en el archivo con otro contenido (se conserva la línea %(line)s)"
                ) % {"line": first_line}
            self.reject(line, reason, row, folio)
            return None
        self.seen[folio] = (line, row_hash)
        return (
            line,
            folio,
            filed_on,
            institution_key,
            institution_name,
            state,
            status,
            response,
            text,
            row_hash,
        )

    def date_or_reason(self, value: str) -> dt.date | str:
        filed_on = parse_date(value)
        if filed_on is None:
            return _("fecha inválida «%(value)s» (se espera dd/mm/aaaa)") % {"value": value[:30]}
        if not EARLIEST_DATE <= filed_on <= self.today:
            return _("fecha fuera de rango «%(value)s»") % {"value": value[:30]}
        return filed_on

    def reject_binary(self, line: int, row: list[str]) -> bool:
        """Skip a row with a NUL byte (the database cannot store one), naming its column."""
        for position, value in enumerate(row):
            if "\x00" in value:
                header = self.columns.headers[position] if position < self.width else ""
                self.reject(
                    line,
                    _("contenido binario (un byte nulo) en la columna «%(column)s»")
                    % {"column": header.strip()[:60] or position + 1},
                    [value.replace("\x00", "") for value in row],
                )
                return True
        return False

    def reject(self, line: int, reason: str, row: list[str], folio: str = "") -> None:
        self.report.skip(line, reason, folio)
        if self.rejects is not None:
            self.rejects.writerow([line, reason, *row])


def requests_import(
    *,
    path: Path,
    source: str = "pnt",
    encoding: str = "auto",
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    dry_run: bool = False,
    actor: Actor,
    progress: ProgressCallback | None = None,
    rejects_path: Path | None = None,
    display_name: str = "",
) -> ImportReport:
    """Import one export file; see the module docstring. Raises ImportRefused before writing."""
    require(actor, "demand.import")
    started = time.monotonic()
    report = ImportReport(file_name=display_name or path.name, dry_run=dry_run)
    total = path.stat().st_size
    with path.open("rb") as stream:
        sample = stream.read(1024 * 1024)
        stream.seek(0)
        chosen = detect_encoding(sample) if encoding == "auto" else encoding
        report.encoding = chosen
        # A binary file (a workbook, an archive…) is refused before its first line is parsed.
        problem = binary_problem(sample)
        decoder = LineDecoder(stream, chosen)
        lines = iter(decoder)
        header_line = "" if problem else next(lines, "")
        report.delimiter = sniff_delimiter(header_line)
        headers: list[str] = []
        if problem is None:
            try:
                headers = next(csv.reader([header_line], delimiter=report.delimiter), [])
            except csv.Error as error:
                problem = _("El encabezado (línea 1): %(reason)s. No se escribió nada.") % {
                    "reason": csv_error_reason(error)
                }
        run = ImportRun(
            source=source,
            file_name=report.file_name[:300],
            file_size=total,
            encoding=ENCODING_LABELS.get(chosen, chosen),
            dry_run=dry_run,
            actor=actor.account,
        )
        try:
            if problem is not None:
                raise ImportRefused(problem)
            columns = header_map(headers)
        except ImportRefused as refused:
            run.status = ImportStatus.REFUSED
            run.message = refused.message
            run.finished_at = timezone.now()
            _run_save(run, actor)
            report.run_id = run.pk
            raise
        report.columns = {name: headers[position] for name, position in columns.indexes.items()}
        report.ignored_columns = columns.ignored
        run.columns = report.columns
        run.ignored_columns = columns.ignored
        _run_save(run, actor)
        report.run_id = run.pk
        rejects_file = (
            rejects_path.open("w", encoding=csvout.ENCODING, newline="") if rejects_path else None
        )
        # The organiser opens this file in a spreadsheet: the one writer neutralises formulas.
        rejects = csvout.Writer(rejects_file) if rejects_file else None
        if rejects is not None:
            rejects.writerow(["linea", "motivo", *headers])
        importer = _Importer(
            source=source,
            dry_run=dry_run,
            report=report,
            rejects=rejects,
            columns=columns,
            # A first import of a source has nothing to compare with: skip the lookups.
            check_existing=InformationRequest.objects.filter(source=source).exists(),
            actor=actor,
        )
        reader = csv.reader(lines, delimiter=report.delimiter)
        chunk: list[Row] = []
        failure: Exception | None = None
        try:
            with _source_lock(source):
                consumed = 0  # data lines the reader has taken (the header was read apart)
                while True:
                    start_line = consumed + 2  # physical line where this record starts
                    try:
                        row = next(reader)
                    except StopIteration:
                        break
                    except csv.Error as error:  # the reader starts afresh on the next line
                        consumed = reader.line_num
                        report.rows_read += 1
                        importer.reject(start_line, csv_error_reason(error), [])
                        continue
                    consumed = reader.line_num
                    if not row or (len(row) == 1 and not row[0].strip()):
                        report.warnings[_("líneas vacías")] += 1
                        continue
                    report.rows_read += 1
                    if decoder.nul_seen and importer.reject_binary(start_line, row):
                        continue
                    parsed = importer.parse(start_line, row)
                    if parsed is not None:
                        chunk.append(parsed)
                    if len(chunk) >= chunk_size:
                        importer.write(chunk)
                        chunk = []
                        if progress:
                            progress(decoder.bytes_read, total, report.rows_read)
                importer.write(chunk)
            if progress:
                progress(total, total, report.rows_read)
        except Exception as error:  # recorded, the figures refreshed, then raised again
            failure = error
        finally:
            if rejects_file is not None:
                rejects_file.close()
        if decoder.mixed_lines:
            report.warnings[_("líneas con otra codificación")] += decoder.mixed_lines
        run.file_sha256 = decoder.sha256.hexdigest() if failure is None else ""
        run.status = ImportStatus.DONE if failure is None else ImportStatus.FAILED
        run.message = "" if failure is None else str(failure)[:2000]
        report.seconds = time.monotonic() - started
        _finish(run, report, actor)
        report.seconds = time.monotonic() - started
    if failure is not None:
        raise failure
    return report


@contextmanager
def _source_lock(source: str) -> Iterator[None]:
    """One import per source at a time (PostgreSQL advisory lock; SQLite serialises writers)."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(hashtext(%s))", [f"demand-import:{source}"])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(hashtext(%s))", [f"demand-import:{source}"])


def _run_save(run: ImportRun, actor: Actor) -> None:
    with unit_of_work(actor) as work:
        work.save(run)


def _finish(run: ImportRun, report: ImportReport, actor: Actor) -> None:
    """Record what the import did; its run's public scopes say whether the pages change."""
    with unit_of_work(actor) as work:
        _run_close(run, report)
        work.save(run)
        # Chunks are committed as they go: even after a failure, what was
        # written is counted in the figures (re-importing completes it).
        if report.changed and not report.dry_run:
            from datacon.demand.figures import monthly_demand_refresh

            monthly_demand_refresh(actor=actor)
            if connection.vendor == "postgresql":
                # Fresh statistics keep the next import's folio lookups on the index
                # (with stale ones the planner scans every folio of the source).
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE demand_informationrequest")
            work.record(
                DemandAction.REQUESTS_IMPORT,
                run,
                changes={
                    "created": report.created,
                    "updated": report.updated,
                    "skipped": report.skipped_count,
                },
            )


def _run_close(run: ImportRun, report: ImportReport) -> None:
    run.rows_read = report.rows_read
    run.created = report.created
    run.updated = report.updated
    run.unchanged = report.unchanged
    run.skipped = report.skipped_count
    run.skipped_rows = [[s.line, s.reason, s.folio] for s in report.skipped]
    run.updated_rows = [list(item) for item in report.updated_rows]
    run.warnings = dict(report.warnings.most_common(50))
    run.finished_at = timezone.now()
