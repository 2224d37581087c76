import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from datacon.common.models import PublicVersion
from datacon.demand.importer import (
    ImportRefused,
    detect_encoding,
    header_map,
    parse_date,
    requests_import,
)
from datacon.demand.models import (
    ImportRun,
    ImportStatus,
    InformationRequest,
    Institution,
    MonthlyDemand,
)
from datacon.demo.synthetic_requests import SAMPLE_PATH
from tests import factories
from tests.demand.conftest import SAMPLE_SKIPPED, sample_rows
from tests.demand.factories import write_export

pytestmark = pytest.mark.django_db


def _table_fingerprint() -> str:
    rows = InformationRequest.objects.order_by("source", "folio").values_list(
        "source", "folio", "filed_on", "institution__key", "state", "status", "response",
        "answered", "text", "display_text", "row_hash",
    )  # fmt: skip
    return hashlib.sha256(repr(list(rows)).encode()).hexdigest()


def test_import_sample_reports_rows_read_skipped_and_loaded(sample_report):
    assert sample_report.encoding == "cp1252"
    assert sample_report.rows_read == 247
    assert sample_report.created == 243
    assert sample_report.updated == 0
    assert sample_report.skipped_count == 4
    assert [(s.line, s.reason) for s in sample_report.skipped] == SAMPLE_SKIPPED
    assert InformationRequest.objects.count() == len(sample_rows()) == 243
    assert sample_report.columns == {
        "folio": "FOLIO",
        "filed_on": "FECHASOLICITUD",
        "institution": "DEPENDENCIA",
        "text": "DESCRIPCIONSOLICITUD",
        "status": "ESTATUS",
        "response": "RESPUESTA",
        "state": "ESTADO",
    }
    assert sample_report.ignored_columns == ["MEDIOENTRADA", "OTROSDATOS", "FECHARESPUESTA"]
    assert dict(sample_report.warnings) == {"estado no reconocido: «Jalsco»": 1}


def test_import_sample_keeps_quirky_rows(sample_report):
    quoted = InformationRequest.objects.get(folio="0001200000001")
    assert quoted.text == "" and quoted.display_text.startswith("Solicito los indicadores")
    multiline = InformationRequest.objects.get(folio="0001200000004")
    assert multiline.display_text == (
        "Solicito el calendario de mantenimiento de los pozos de agua potable.\n"
        "Favor de incluir el costo de cada mantenimiento."
    )
    typo = InformationRequest.objects.get(folio="0001200000005")
    assert typo.state == ""
    assert "[correo]" in typo.display_text and "@" not in typo.display_text
    assert "@ejemplo.com" in typo.text  # the original is kept, privately
    assert Institution.objects.filter(name="Secretaría de Salud de Muestra").exists()


def test_import_records_the_run_with_every_skipped_line(sample_report):
    run = ImportRun.objects.get(pk=sample_report.run_id)
    assert run.status == ImportStatus.DONE
    assert (run.rows_read, run.created, run.skipped) == (247, 243, 4)
    assert [(line, reason) for line, reason, _folio in run.skipped_rows] == SAMPLE_SKIPPED
    assert run.file_sha256 == hashlib.sha256(SAMPLE_PATH.read_bytes()).hexdigest()


def test_reimporting_the_same_file_changes_nothing(sample_report):
    before = _table_fingerprint()
    versions = dict(PublicVersion.objects.values_list("scope", "version"))
    cells = list(MonthlyDemand.objects.order_by("pk").values_list("pk", "requests"))
    again = requests_import(path=SAMPLE_PATH, source="sintetica", actor=factories.SYSTEM)
    assert (again.created, again.updated, again.unchanged, again.skipped_count) == (0, 0, 243, 4)
    assert _table_fingerprint() == before
    assert dict(PublicVersion.objects.values_list("scope", "version")) == versions
    assert list(MonthlyDemand.objects.order_by("pk").values_list("pk", "requests")) == cells


def test_reimport_with_a_changed_row_updates_it_and_reports_it(sample_report, sample_copy):
    raw = sample_copy.read_bytes().decode("cp1252")
    line = raw.splitlines()[9]  # data line 10 of the file
    folio = line.split(",")[0]
    changed = (
        line.replace("Terminada", "En revisión", 1)
        if "Terminada" in line
        else line.replace("En proceso", "Terminada", 1)
    )
    sample_copy.write_bytes(raw.replace(line, changed).encode("cp1252"))
    report = requests_import(path=sample_copy, source="sintetica", actor=factories.SYSTEM)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 242)
    assert report.updated_rows == [(10, folio)]
    assert InformationRequest.objects.get(folio=folio).status in {"En revisión", "Terminada"}


def test_unknown_headers_name_the_missing_columns_and_write_nothing(tmp_path):
    path = tmp_path / "otra-cosa.csv"
    path.write_text("NOMBRE,CORREO,EDAD\nAna,a@b.mx,30\n", encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        requests_import(path=path, actor=factories.SYSTEM)
    assert refused.value.missing == [
        "folio",
        "fecha de solicitud",
        "institución (dependencia o sujeto obligado)",
        "descripción de la solicitud",
    ]
    assert "Faltan columnas obligatorias: folio (se acepta: FOLIO" in refused.value.message
    assert "Encabezados encontrados: NOMBRE, CORREO, EDAD" in refused.value.message
    assert InformationRequest.objects.count() == 0
    assert Institution.objects.count() == 0
    assert MonthlyDemand.objects.count() == 0
    assert ImportRun.objects.get().status == ImportStatus.REFUSED


def test_one_missing_required_column_is_named(tmp_path):
    path = tmp_path / "sin-texto.csv"
    path.write_text("FOLIO,FECHASOLICITUD,DEPENDENCIA\n1,01/01/2021,X\n", encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        requests_import(path=path, actor=factories.SYSTEM)
    assert refused.value.missing == ["descripción de la solicitud"]
    assert InformationRequest.objects.count() == 0


def test_import_2022_layout_utf8_with_bom_and_semicolons(tmp_path):
    path = write_export(
        tmp_path / "pnt-2022.csv",
        [
            {
                "folio": "330026422000001",
                "date": "2022-03-15",
                "institution": "SECRETARÍA DE SALUD",
                "text": "Padrón de médicos.",
            },
            {
                "folio": "330026422000002",
                "date": "16/03/2022 10:45",
                "institution": "Secretaria de Salud",
                "text": "Camas por hospital.",
                "state": "CDMX",
            },
        ],
        layout="2022",
        encoding="utf-8-sig",
        delimiter=";",
    )
    report = requests_import(path=path, actor=factories.SYSTEM)
    assert (report.encoding, report.delimiter, report.created) == ("utf-8", ";", 2)
    assert report.columns["institution"] == "Sujeto obligado"
    # Two spellings of one name become one institution.
    assert Institution.objects.count() == 1
    assert sorted(InformationRequest.objects.values_list("state", flat=True)) == ["09", "14"]


def test_dry_run_reports_without_writing(tmp_path):
    path = write_export(tmp_path / "a.csv", [{"folio": "1"}, {"folio": "2", "date": "99/99/2021"}])
    report = requests_import(path=path, dry_run=True, actor=factories.SYSTEM)
    assert (report.rows_read, report.created, report.skipped_count) == (2, 1, 1)
    assert InformationRequest.objects.count() == 0
    assert Institution.objects.count() == 0


def test_same_folio_with_other_content_keeps_the_first_and_reports_the_second(tmp_path):
    path = write_export(
        tmp_path / "a.csv",
        [{"folio": "7", "text": "Primera versión."}, {"folio": "7", "text": "Segunda versión."}],
    )
    report = requests_import(path=path, actor=factories.SYSTEM)
    assert [(s.line, s.reason) for s in report.skipped] == [
        (3, "folio repetido en el archivo con otro contenido (se conserva la línea 2)")
    ]
    assert InformationRequest.objects.get(folio="7").display_text == "Primera versión."


def test_rejects_file_holds_every_skipped_row(tmp_path, sample_copy):
    rejects = tmp_path / "rechazos.csv"
    requests_import(path=sample_copy, rejects_path=rejects, actor=factories.SYSTEM)
    lines = rejects.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("linea,motivo,FOLIO,")
    assert [line.split(",")[0] for line in lines[1:]] == ["243", "244", "245", "246"]


def test_import_command_prints_the_report(sample_copy):
    out = StringIO()
    call_command("import_pnt_requests", str(sample_copy), "--fuente", "sintetica", stdout=out)
    text = out.getvalue()
    assert "Filas leídas:        247" in text
    assert "Cargadas (nuevas):   243" in text
    assert "Omitidas:            4" in text
    assert (
        "línea 243: fecha inválida «31/02/2020» (se espera dd/mm/aaaa) [folio 0001200000002]"
        in text
    )
    assert "línea 245: la fila tiene 9 columnas; el encabezado tiene 10" in text


def test_import_command_with_unknown_headers_fails_with_the_message(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("A,B\n1,2\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Faltan columnas obligatorias"):
        call_command("import_pnt_requests", str(path), stdout=StringIO())
    assert InformationRequest.objects.count() == 0


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("11/05/2021", (2021, 5, 11)),
        ("1/5/2021", (2021, 5, 1)),
        ("11-05-2021", (2021, 5, 11)),
        ("2021-05-11", (2021, 5, 11)),
        ("11/05/2021 13:45:00", (2021, 5, 11)),
        ("11/05/21", (2021, 5, 11)),
        ("31/02/2020", None),
        ("mayo 2021", None),
        ("", None),
    ],
)
def test_parse_date_accepts_the_export_formats(value, expected):
    parsed = parse_date(value)
    assert ((parsed.year, parsed.month, parsed.day) if parsed else None) == expected


def test_detect_encoding_tells_utf8_from_latin1():
    assert detect_encoding("Secretaría".encode()) == "utf-8"
    assert detect_encoding("Secretaría".encode("cp1252")) == "cp1252"


def test_header_aliases_of_every_year_are_recognised():
    mapping = header_map(
        [
            "Folio",
            "Fecha de Solicitud",
            "NOMBRE DEL SUJETO OBLIGADO",
            "Descripción de la solicitud",
            "Estado de la solicitud",
            "Entidad Federativa",
        ]
    )
    assert mapping.indexes == {
        "folio": 0,
        "filed_on": 1,
        "institution": 2,
        "text": 3,
        "status": 4,
        "state": 5,
    }
