"""Reading an uploaded export: its encoding, its delimiter, whether it is text at all.

Split from `importer` (which turns the rows into records); see its docstring.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterator
from typing import IO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ENCODING_LABELS = {"utf-8": "UTF-8", "cp1252": "Latin-1 (Windows-1252)", "latin-1": "Latin-1"}


def detect_encoding(sample: bytes) -> str:
    """UTF-8 when the first megabyte decodes as UTF-8, else Windows-1252, else Latin-1."""
    for encoding in ("utf-8", "cp1252"):
        try:
            sample.decode(encoding)
        except UnicodeDecodeError as error:
            # A multi-byte character cut at the end of the sample is still UTF-8.
            if encoding == "utf-8" and error.reason == "unexpected end of data":
                return encoding
            continue
        return encoding
    return "latin-1"


# Leading bytes of files people upload by mistake instead of a CSV export.
_KNOWN_BINARY = (
    (b"PK\x03\x04", gettext_lazy("un libro de Excel (.xlsx) o un archivo comprimido (.zip)")),
    (b"\xd0\xcf\x11\xe0", gettext_lazy("un libro de Excel antiguo (.xls)")),
    (b"%PDF", gettext_lazy("un PDF")),
    (b"\x89PNG", gettext_lazy("una imagen PNG")),
    (b"\xff\xd8\xff", gettext_lazy("una imagen JPEG")),
    (b"GIF8", gettext_lazy("una imagen GIF")),
    (b"\x1f\x8b", gettext_lazy("un archivo comprimido con gzip")),
)
# Control bytes never found in a text export (tab, line feed, form feed, carriage return and
# the old DOS end-of-file mark are).
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x19\x1b-\x1f]")


def binary_problem(sample: bytes) -> str | None:
    """Why these first bytes are not a text CSV (naming the line and the position), or None.

    The leading bytes of a spreadsheet, an archive, a PDF or an image, or control
    bytes (NUL among them) in more than 1 of 200 bytes, mean a binary file. A
    text export has none, or a stray one, which the importer then skips with its line.
    """
    found = list(_BINARY_BYTES.finditer(sample))
    kind = next((str(label) for magic, label in _KNOWN_BINARY if sample.startswith(magic)), "")
    if not kind and len(found) * 200 <= len(sample):
        return None
    offset = found[0].start() if found else 0
    line = sample.count(b"\n", 0, offset) + 1
    column = offset - (sample.rfind(b"\n", 0, offset) + 1) + 1
    return _(
        "El archivo no es un CSV de texto: la línea %(line)s tiene contenido binario (el byte "
        "0x%(byte)02X en la posición %(column)s).%(kind)s Ábralo en su hoja de cálculo, guárdelo "
        "como «CSV (delimitado por comas)» y súbalo otra vez. No se escribió nada."
    ) % {
        "line": line,
        "byte": sample[offset],
        "column": column,
        "kind": (" " + _("Parece %(kind)s.") % {"kind": kind}) if kind else "",
    }


_CSV_ERRORS = (
    (
        "new-line character",
        gettext_lazy("un salto de línea suelto dentro de un campo sin comillas"),
    ),
    ("field larger than field limit", gettext_lazy("un campo más largo que el máximo permitido")),
    ("NUL", gettext_lazy("un byte nulo")),
)


def csv_error_reason(error: csv.Error) -> str:
    text = str(error)
    what = next((str(label) for needle, label in _CSV_ERRORS if needle in text), "")
    if what:
        return _("la línea no se puede leer como CSV: tiene %(what)s") % {"what": what}
    return _("la línea no se puede leer como CSV")


class LineDecoder:
    """Decode byte lines with the file's encoding, falling back line by line.

    Exports are sometimes stitched together from files with different
    encodings; a line that does not decode with the main encoding is decoded
    with the other one and counted, instead of stopping the import.
    """

    def __init__(self, stream: IO[bytes], encoding: str) -> None:
        self.stream = stream
        self.encoding = encoding
        self.fallback = "cp1252" if encoding == "utf-8" else "utf-8"
        self.bytes_read = 0
        self.mixed_lines = 0
        self.first = True
        self.nul_seen = False  # a NUL byte came after the sample: rows are then checked for it
        self.sha256 = hashlib.sha256()

    def __iter__(self) -> Iterator[str]:
        for raw in self.stream:
            self.bytes_read += len(raw)
            self.sha256.update(raw)
            if self.first:
                self.first = False
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            if b"\x00" in raw:
                self.nul_seen = True
            try:
                yield raw.decode(self.encoding)
            except UnicodeDecodeError:
                self.mixed_lines += 1
                try:
                    yield raw.decode(self.fallback)
                except UnicodeDecodeError:
                    yield raw.decode("latin-1")


def sniff_delimiter(header_line: str) -> str:
    counts = {delimiter: header_line.count(delimiter) for delimiter in (",", ";", "|", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
