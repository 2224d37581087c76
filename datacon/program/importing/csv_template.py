"""The CSV template of docs/import.md: one session per line, times in the edition's zone."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zoneinfo

from django.utils.translation import gettext as _

from datacon.common import csvout
from datacon.program.importing.common import role_of, text_of
from datacon.program.importing.rows import ImportRefused, ParsedFile, PersonRow, Problem, SessionRow

COLUMNS = (
    "codigo",
    "titulo",
    "tipo",
    "fecha",
    "inicio",
    "fin",
    "sede",
    "sala",
    "idioma",
    "resumen",
    "personas",
)
REQUIRED = ("codigo", "titulo")
EXAMPLE = (
    (
        "S0101",
        "Inauguración",
        "Ceremonia",
        "2027-09-22",
        "09:00",
        "09:30",
        "Sede principal",
        "Auditorio",
        "es",
        "Bienvenida y presentación del programa.",
        "Ana López Ejemplo (moderadora); Juan Pérez Ejemplo",
    ),
    (
        "S0102",
        "Datos abiertos y rendición de cuentas",
        "Panel",
        "2027-09-22",
        "10:00",
        "11:00",
        "Sede principal",
        "Sala 2",
        "es",
        "",
        "María Hernández Ejemplo (panelista); Luis Gómez Ejemplo (panelista)",
    ),
)
PERSON = re.compile(r"^(?P<name>[^()]+?)\s*(?:\((?P<role>[^()]*)\))?$")


def template_bytes() -> bytes:
    """The template with its header and two example lines, through the platform's CSV writer."""
    return csvout.csv_bytes(COLUMNS, EXAMPLE)


def _time(value: str) -> dt.time | None:
    try:
        return dt.time.fromisoformat(value.strip())
    except ValueError:
        return None


def parse_csv(content: bytes, zone: zoneinfo.ZoneInfo) -> ParsedFile:
    text = text_of(content, what=_("archivo CSV"))
    reader = csv.reader(io.StringIO(text, newline=""))
    parsed = ParsedFile(format="csv")
    try:
        header = [name.strip().lower() for name in next(reader)]
    except (StopIteration, csv.Error):
        raise ImportRefused([Problem(1, "encabezado", _("El CSV está vacío."))]) from None
    missing = [name for name in REQUIRED if name not in header]
    unknown = [name for name in header if name and name not in COLUMNS]
    if missing or unknown:
        problems = [
            Problem(1, name, _("Falta la columna obligatoria «%(c)s».") % {"c": name})
            for name in missing
        ] + [
            Problem(1, name, _("Columna desconocida «%(c)s» (vea la plantilla).") % {"c": name})
            for name in unknown
        ]
        raise ImportRefused(problems)
    line = 1
    try:
        for cells in reader:
            first, line = line + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            values = {
                name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header)
            }
            parsed.rows.append(_row(values, first, zone))
    except csv.Error as error:
        raise ImportRefused(
            [Problem(line + 1, "CSV", _("CSV mal formado: %(e)s") % {"e": error})]
        ) from None
    return parsed


def _row(values: dict[str, str], line: int, zone: zoneinfo.ZoneInfo) -> SessionRow:
    # Text cells starting with "=", "+", "-" or "@" come back from the platform's own
    # CSV with a protective quote (datacon.common.csvout); it is not part of the value.
    def value(name: str) -> str:
        cell = values.get(name, "")
        return cell[1:] if cell.startswith("'") and cell[1:2] in ("=", "+", "-", "@") else cell

    row = SessionRow(
        line=line,
        code=value("codigo").upper(),
        title=value("titulo"),
        type_name=value("tipo"),
        venue=value("sede"),
        room=value("sala"),
        language=value("idioma"),
        abstract=value("resumen"),
    )
    date_text, start_text, end_text = value("fecha"), value("inicio"), value("fin")
    if date_text:
        try:
            row.day = dt.date.fromisoformat(date_text)
        except ValueError:
            row.problems.append(
                Problem(
                    line,
                    "fecha",
                    _("Fecha inválida: «%(v)s» (use AAAA-MM-DD).") % {"v": date_text},
                )
            )
    for name, text in (("inicio", start_text), ("fin", end_text)):
        if text and _time(text) is None:
            row.problems.append(
                Problem(line, name, _("Hora inválida: «%(v)s» (use HH:MM).") % {"v": text})
            )
    start, end = _time(start_text), _time(end_text)
    if (start_text or end_text) and not date_text:
        row.problems.append(Problem(line, "fecha", _("Indique la fecha de la hora dada.")))
    elif row.day and start and end:
        row.starts_at = dt.datetime.combine(row.day, start, tzinfo=zone)
        row.ends_at = dt.datetime.combine(row.day, end, tzinfo=zone)
    elif row.day and (start_text or end_text) and not (start_text and end_text):
        row.problems.append(
            Problem(line, "fin" if start_text else "inicio", _("Indique inicio y fin, o ninguno."))
        )
    for part in value("personas").split(";"):
        if not part.strip():
            continue
        match = PERSON.match(part.strip())
        role = role_of(match.group("role") or "") if match else None
        if match is None or role is None:
            row.problems.append(
                Problem(
                    line,
                    "personas",
                    _("No se entiende «%(v)s»: escriba «Nombre (papel)».") % {"v": part.strip()},
                )
            )
            continue
        row.persons.append(
            PersonRow(
                name=match.group("name").strip(), role=role, role_given=bool(match.group("role"))
            )
        )
    return row
