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
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from datacon.common import csvout
from datacon.common.audit import audit_record
from datacon.common.slugs import unique_slug_for
from datacon.common.text import search_normalise
from datacon.common.versions import DEMAND, public_version_bump
from datacon.demand.csv_reading import (
    ENCODING_LABELS,
    LineDecoder,
    binary_problem,
    csv_error_reason,
    detect_encoding,
    sniff_delimiter,
)
from datacon.demand.models import (
    ImportRun,
    ImportStatus,
    InformationRequest,
    Institution,
    InstitutionAlias,
)
from datacon.demand.scrub import scrub
from datacon.demand.text import fold, name_key, state_code, tidy_name

csv.field_size_limit(10 * 1024 * 1024)

# Rows per transaction. Large enough for few round trips, small enough that a
# chunk's objects stay a few megabytes.
DEFAULT_CHUNK_SIZE = 5000
# Skipped rows kept in the ImportRun record (all of them go to --rechazos).
MAX_STORED_SKIPS = 10_000
MAX_STORED_UPDATES = 1_000
EARLIEST_DATE = dt.date(2000, 1, 1)


@dataclass(frozen=True)
class ColumnSpec:
    name: str  # our field
    label: str  # how we name it to people, in Spanish
    required: bool
    aliases: tuple[str, ...]  # normalised header spellings seen across years


def normalise_header(value: str) -> str:
    """ "Fecha de Solicitud" / "FECHA_SOLICITUD" / "fechaSolicitud " → "FECHA DE SOLICITUD" style keys."""
    value = value.replace("\ufeff", "").strip().strip('"').strip("'")
    return re.sub(r"[\s_.]+", " ", fold(value)).strip().upper()


COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec(
        "folio",
        "folio",
        True,
        ("FOLIO", "FOLIO SOLICITUD", "FOLIO DE LA SOLICITUD", "NUMERO DE FOLIO", "NO FOLIO"),
    ),
    ColumnSpec(
        "filed_on",
        "fecha de solicitud",
        True,
        (
            "FECHASOLICITUD",
            "FECHA SOLICITUD",
            "FECHA DE SOLICITUD",
            "FECHA DE PRESENTACION",
            "FECHAINGRESO",
            "FECHA DE INGRESO",
            "FECHA DE RECEPCION",
        ),
    ),
    ColumnSpec(
        "institution",
        "institución (dependencia o sujeto obligado)",
        True,
        (
            "DEPENDENCIA",
            "SUJETO OBLIGADO",
            "SUJETOOBLIGADO",
            "NOMBRE DEL SUJETO OBLIGADO",
            "NOMBRE SUJETO OBLIGADO",
            "INSTITUCION",
            "ORGANO GARANTE SUJETO OBLIGADO",
        ),
    ),
    ColumnSpec(
        "text",
        "descripción de la solicitud",
        True,
        (
            "DESCRIPCIONSOLICITUD",
            "DESCRIPCION SOLICITUD",
            "DESCRIPCION DE LA SOLICITUD",
            "DESCRIPCION",
            "SOLICITUD",
            "TEXTO SOLICITUD",
            "TEXTO DE LA SOLICITUD",
        ),
    ),
    ColumnSpec(
        "status",
        "estatus",
        False,
        ("ESTATUS", "ESTATUS SOLICITUD", "ESTATUS DE LA SOLICITUD", "ESTADO DE LA SOLICITUD"),
    ),
    ColumnSpec(
        "response",
        "respuesta",
        False,
        (
            "RESPUESTA",
            "TIPO DE RESPUESTA",
            "TIPORESPUESTA",
            "TIPO RESPUESTA",
            "RESPUESTA SOLICITUD",
        ),
    ),
    ColumnSpec(
        "state",
        "estado (entidad federativa)",
        False,
        ("ESTADO", "ENTIDAD FEDERATIVA", "ENTIDAD", "ESTADO SOLICITANTE", "ESTADO DEL SOLICITANTE"),
    ),
)
COLUMNS_BY_NAME = {spec.name: spec for spec in COLUMNS}

# Responses that mean the request has not been answered yet.
UNANSWERED = frozenset({"", "sin respuesta", "pendiente", "en proceso", "en tramite", "n a", "na"})


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


ProgressCallback = Callable[[int, int, int], None]  # bytes read, total bytes, rows read


# A parsed row: (line, folio, date, institution key, institution name, state,
# status, response, text, row hash). Tuples, not objects: a million of them
# pass through here.
_Row = tuple[int, str, dt.date, str, str, str, str, str, str, int]

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


def _row_hash(*parts: str) -> int:
    digest = hashlib.blake2b("\x1f".join(parts).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class _Importer:
    def __init__(
        self,
        *,
        source: str,
        dry_run: bool,
        report: ImportReport,
        rejects: Any,
        columns: HeaderMap,
        check_existing: bool,
    ) -> None:
        self.source = source
        self.dry_run = dry_run
        self.report = report
        self.rejects = rejects
        self.columns = columns
        self.width = len(columns.headers)
        self.check_existing = check_existing
        # folio -> (line, row hash) of its first appearance in this file
        self.seen: dict[str, tuple[int, int]] = {}
        self.institutions: dict[str, int] = {}  # normalised name -> id
        self.state_cache: dict[str, str | None] = {}
        self.date_cache: dict[str, dt.date | str] = {}  # raw value -> date or the reason it is bad
        self.institution_cache: dict[str, tuple[str, str]] = {}  # raw -> (key, tidy name)
        self.today = timezone.localdate()
        self.answered_cache: dict[str, bool] = {}

    # -- one row -------------------------------------------------------------------------------------

    def parse(self, line: int, row: list[str]) -> _Row | None:
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

    # -- one chunk -------------------------------------------------------------------------------------

    def resolve_institutions(self, rows: list[_Row]) -> None:
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
            institution.save()
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

    def write(self, rows: list[_Row]) -> None:
        if not rows:
            return
        report = self.report
        with transaction.atomic():
            if connection.vendor == "postgresql":
                # Each chunk is its own transaction; not waiting for the disk on each
                # commit is safe (a crash loses at most the last chunks, never corrupts,
                # and re-importing completes them).
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL synchronous_commit TO OFF")
            self.resolve_institutions(rows)
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
            if changed:
                InformationRequest.objects.bulk_update(changed, _UPDATED_FIELDS, batch_size=500)


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


def requests_import(
    *,
    path: Path,
    source: str = "pnt",
    encoding: str = "auto",
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    dry_run: bool = False,
    actor: Any = None,
    progress: ProgressCallback | None = None,
    rejects_path: Path | None = None,
    display_name: str = "",
) -> ImportReport:
    """Import one export file; see the module docstring. Raises ImportRefused before writing."""
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
            actor=actor if getattr(actor, "is_authenticated", False) else None,
        )
        try:
            if problem is not None:
                raise ImportRefused(problem)
            columns = header_map(headers)
        except ImportRefused as refused:
            run.status = ImportStatus.REFUSED
            run.message = refused.message
            run.finished_at = timezone.now()
            run.save()
            report.run_id = run.pk
            raise
        report.columns = {name: headers[position] for name, position in columns.indexes.items()}
        report.ignored_columns = columns.ignored
        run.columns = report.columns
        run.ignored_columns = columns.ignored
        run.save()
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
        )
        reader = csv.reader(lines, delimiter=report.delimiter)
        chunk: list[_Row] = []
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
        with transaction.atomic():
            _finish(run, report)
            # Chunks are committed as they go: even after a failure, what was
            # written is counted in the figures (re-importing completes it).
            if report.changed and not dry_run:
                from datacon.demand.figures import monthly_demand_refresh

                monthly_demand_refresh()
                if connection.vendor == "postgresql":
                    # Fresh statistics keep the next import's folio lookups on the index
                    # (with stale ones the planner scans every folio of the source).
                    with connection.cursor() as cursor:
                        cursor.execute("ANALYZE demand_informationrequest")
                audit_record(
                    actor=actor,
                    action="informationrequest.import",
                    instance=run,
                    changes={
                        "created": report.created,
                        "updated": report.updated,
                        "skipped": report.skipped_count,
                    },
                )
                public_version_bump(DEMAND)
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


def _finish(run: ImportRun, report: ImportReport) -> None:
    run.rows_read = report.rows_read
    run.created = report.created
    run.updated = report.updated
    run.unchanged = report.unchanged
    run.skipped = report.skipped_count
    run.skipped_rows = [[s.line, s.reason, s.folio] for s in report.skipped]
    run.updated_rows = [list(item) for item in report.updated_rows]
    run.warnings = dict(report.warnings.most_common(50))
    run.finished_at = timezone.now()
    run.save()
