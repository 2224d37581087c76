"""The one CSV writer for every CSV that leaves the platform.

Open-data downloads, the consultation report, data needs, policy expenses,
attendee lists, back-office figures, the personal-data download and the
importer's file of rejected lines all go through here (a test fails on
`csv.writer(` anywhere else in `datacon/`), so they share one set of rules:

* **Encoding**: UTF-8 starting with a byte-order mark, declared as
  `utf-8-sig` in every data package (`ENCODING`). The mark is what makes
  Excel (still the most common tool among Mexican data users) open the file
  as UTF-8 on a double click instead of showing "SesiÃ³n"; declaring it lets
  readers that honour the declaration (frictionless, pandas
  `encoding="utf-8-sig"`, Python's `open(..., encoding="utf-8-sig")`) drop the
  mark instead of reading the first header as "\\ufeffedicion". Readers that
  do not know the name read it as UTF-8: the bytes after the mark are plain
  UTF-8. See docs/opendata.md, "CSV".
* **Dialect**: comma, `"` quoting only where needed, CRLF line ends, a header
  row (RFC 4180).
* **Values**: empty cell = no value; booleans `true`/`false`; dates and
  datetimes ISO 8601 (datetimes keep the offset they were given, normally the
  edition's); numbers as plain digits with a `.` decimal point, never in
  scientific notation (floats with the shortest digits that read back the
  same, decimals with their own places); lists and dicts as JSON.
* **Formulas** (OWASP "CSV injection"): a text cell that starts with `=`,
  `+`, `-`, `@`, a tab or a carriage return is prefixed with a single quote,
  so a spreadsheet shows it as text instead of running it. Numbers are never
  touched, and neither is a text cell that is just a plain number such as
  `-12.5` (a spreadsheet reads it as the number it is; it cannot run
  anything). Readers that are not spreadsheets (frictionless, pandas) see the
  added quote in those text cells; numeric columns read as numbers. The JSON
  files and the API carry every text unchanged.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Protocol

from django.core.serializers.json import DjangoJSONEncoder

ENCODING = "utf-8-sig"  # what data packages declare for every CSV written here
BOM = "\ufeff"
CONTENT_TYPE = "text/csv; charset=utf-8; header=present"
LINE_END = "\r\n"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")


def neutralise(text: str) -> str:
    """`text` as a spreadsheet will show it, never run it (OWASP's leading quote)."""
    if text.startswith(FORMULA_TRIGGERS) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def _number(value: int | float | decimal.Decimal) -> str:
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return ""  # NaN and infinities are no value CSV readers agree on
        text = repr(value)  # the shortest digits that read back as the same float
        return text if "e" not in text else format(decimal.Decimal(text), "f")
    return format(value, "f")  # a Decimal keeps its own places ("1500.50")


def cell(value: Any) -> str:
    """One value as the text of a CSV cell (see the module's rules)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | decimal.Decimal):
        return _number(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list | tuple | dict):
        text = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    else:
        text = str(value)
    return neutralise(text)


class TextSink(Protocol):
    def write(self, text: str, /) -> object: ...


class Writer:
    """Rows of plain values written to a text stream with the platform's rules.

    The stream gets no byte-order mark from here: `csv_bytes`/`csv_lines` add
    it, and a file opened with `encoding=ENCODING` writes it by itself.
    """

    def __init__(self, stream: TextSink) -> None:
        self._writer = csv.writer(stream, lineterminator=LINE_END)

    def writerow(self, values: Iterable[Any]) -> None:
        self._writer.writerow([cell(value) for value in values])


class _Line:
    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> int:
        self.text = text
        return len(text)


def csv_lines(header: Sequence[str], rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """The CSV one line at a time (for streamed responses); the first carries the BOM."""
    line = _Line()
    writer = Writer(line)
    writer.writerow(header)
    yield BOM + line.text
    for row in rows:
        writer.writerow(row)
        yield line.text


def csv_text(header: Sequence[str], rows: Iterable[Iterable[Any]]) -> str:
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = Writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
    return buffer.getvalue()


def csv_bytes(header: Sequence[str], rows: Iterable[Iterable[Any]]) -> bytes:
    """The whole CSV as bytes in the declared encoding (UTF-8 with its BOM)."""
    return csv_text(header, rows).encode("utf-8")


def records(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> Iterator[list[Any]]:
    """Dict rows as value lists in column order (missing keys are empty cells)."""
    for row in rows:
        yield [row.get(name) for name in columns]


def dict_csv_bytes(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> bytes:
    return csv_bytes(columns, records(columns, rows))


def dict_csv_lines(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> Iterator[str]:
    return csv_lines(columns, records(columns, rows))
