"""A binary file uploaded as CSV is refused with the line and the position, nothing imported;
an unreadable or binary line inside a text export is skipped and reported, never a 500
(issue 13.9)."""

from __future__ import annotations

import io
import random
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from datacon.demand.importer import ImportRefused, requests_import
from datacon.demand.models import ImportRun, ImportStatus, InformationRequest
from tests import factories
from tests.demand.factories import write_export

pytestmark = pytest.mark.django_db
UPLOAD = "/gestion/demanda/importaciones/subir/"
CONTROL_BYTES = set(range(0, 9)) | {11} | set(range(14, 26)) | set(range(27, 32))


def _upload(client, name: str, content: bytes):  # type: ignore[no-untyped-def]
    return client.post(
        UPLOAD,
        {"file": SimpleUploadedFile(name, content), "source": "pnt", "encoding": "auto"},
    )


def _random_bytes(size: int) -> bytes:
    generator = random.Random(13)
    return bytes(generator.randrange(256) for _ in range(size))


def test_random_bytes_are_refused_naming_the_line_and_position(organiser_client):
    content = b"FOLIO,FECHA\n0001\n" + _random_bytes(50_000)
    binary = content.index(b"\n0001\n") + 6
    first = next(i for i in range(binary, len(content)) if content[i] in CONTROL_BYTES)
    response = _upload(organiser_client, "solicitudes.csv", content)
    html = response.content.decode()
    assert response.status_code == 400
    assert "El archivo no es un CSV de texto: la línea 3 tiene contenido binario" in html
    line_start = content.rfind(b"\n", 0, first) + 1
    assert f"(el byte 0x{content[first]:02X} en la posición {first - line_start + 1})" in html
    assert "No se escribió nada." in html
    assert InformationRequest.objects.count() == 0
    run = ImportRun.objects.get()
    assert (run.status, run.created) == (ImportStatus.REFUSED, 0)


def test_a_spreadsheet_is_recognised(organiser_client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as book:
        book.writestr("xl/workbook.xml", "<workbook/>" * 100)
    # A workbook renamed to .csv (the form only takes .csv names).
    response = _upload(organiser_client, "solicitudes.csv", buffer.getvalue())
    html = response.content.decode()
    assert response.status_code == 400
    assert "Parece un libro de Excel (.xlsx) o un archivo comprimido (.zip)." in html
    assert "guárdelo como «CSV (delimitado por comas)»" in html
    assert InformationRequest.objects.count() == 0


def test_unreadable_and_binary_lines_inside_a_text_export_are_skipped_and_reported(tmp_path):
    path = write_export(
        tmp_path / "solicitudes.csv",
        [{"folio": f"00012000000{n:02d}", "text": f"Solicito el dato {n}."} for n in range(1, 4)],
    )
    content = path.read_bytes()
    lines = content.split(b"\r\n")
    # line 3: a bare carriage return inside an unquoted field (csv.Error before);
    # line 4: a NUL byte in the text, which the database cannot store.
    lines[2] = lines[2].replace(b"Solicito", b"Soli\rcito", 1)
    lines[3] = lines[3].replace(b"Solicito", b"Soli\x00cito", 1)
    path.write_bytes(b"\r\n".join(lines))
    report = requests_import(path=path, source="pnt", actor=factories.SYSTEM)
    reasons = {skipped.line: skipped.reason for skipped in report.skipped}
    assert reasons[3] == (
        "la línea no se puede leer como CSV: tiene un salto de línea suelto dentro de un campo sin comillas"
    )
    assert reasons[4].startswith("contenido binario (un byte nulo) en la columna «")
    assert InformationRequest.objects.filter(source="pnt").count() == report.created
    assert report.created >= 1


def test_an_unreadable_header_is_refused_with_its_line(tmp_path):
    path = tmp_path / "solicitudes.csv"
    path.write_bytes(b"FOLIO,FECHA\rSOLICITUD,DEPENDENCIA\nA,B,C\n")
    with pytest.raises(ImportRefused) as refused:
        requests_import(path=path, source="pnt", actor=factories.SYSTEM)
    assert refused.value.message == (
        "El encabezado (línea 1): la línea no se puede leer como CSV: tiene un salto de línea "
        "suelto dentro de un campo sin comillas. No se escribió nada."
    )
    assert InformationRequest.objects.count() == 0
