import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from datacon.demand.importer import requests_import
from datacon.demand.models import AnalysisRun, InformationRequest
from datacon.demo.synthetic_requests import SAMPLE_PATH, generate_rows
from tests import factories

pytestmark = pytest.mark.django_db


def test_generator_is_deterministic_and_uses_the_real_layout(tmp_path):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    call_command("generate_pnt_sample", "500", str(first), "--semilla", "4", stdout=StringIO())
    call_command("generate_pnt_sample", "500", str(second), "--semilla", "4", stdout=StringIO())
    assert first.read_bytes() == second.read_bytes()
    text = first.read_bytes().decode("cp1252")
    assert (
        text.splitlines()[0]
        == "FOLIO,FECHASOLICITUD,DEPENDENCIA,ESTATUS,MEDIOENTRADA,DESCRIPCIONSOLICITUD,OTROSDATOS,RESPUESTA,FECHARESPUESTA,ESTADO"
    )
    report = requests_import(path=first, actor=factories.SYSTEM)
    assert (report.rows_read, report.created, report.skipped_count) == (500, 500, 0)


def test_generator_2022_layout(tmp_path):
    path = tmp_path / "c.csv"
    call_command("generate_pnt_sample", "50", str(path), "--formato", "2022", stdout=StringIO())
    assert path.read_bytes().decode("cp1252").startswith("Folio,Fecha de solicitud,Sujeto obligado")
    assert requests_import(path=path, actor=factories.SYSTEM).created == 50


def test_bundled_sample_is_what_the_generator_writes(tmp_path):
    path = tmp_path / "muestra.csv"
    call_command("generate_pnt_sample", "0", str(path), "--muestra", stdout=StringIO())
    assert (
        hashlib.sha256(path.read_bytes()).hexdigest()
        == hashlib.sha256(SAMPLE_PATH.read_bytes()).hexdigest()
    )


def test_sample_quirks_are_there():
    raw = SAMPLE_PATH.read_bytes()
    raw.decode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # Latin-1, as the platform's downloads
    text = raw.decode("cp1252")
    assert '"""0001200000001"""' in text  # a quoted folio
    assert ",31/02/2020," in text  # a bad date


def test_generated_requests_hold_synthetic_personal_data_only():
    rows = list(generate_rows(400, seed=3, pii_share=0.5))
    with_pii = [row for row in rows if "@ejemplo.com" in row.text]
    assert len(with_pii) > 100
    assert all(
        ("muestra" in row.institution.lower()) or ("ejemplo" in row.institution.lower())
        for row in rows
    )


def test_analyse_command_prints_the_figures(sample_report):
    out = StringIO()
    call_command("analyse_pnt_requests", "--temas", "8", stdout=out)
    text = out.getvalue()
    assert "Solicitudes analizadas: 243" in text
    assert "Temas: 8" in text
    assert AnalysisRun.objects.get(is_current=True).parameters["n_topics"] == 8


def test_analyse_command_rejects_bad_parameters(db):
    with pytest.raises(CommandError, match="umbral"):
        call_command("analyse_pnt_requests", "--umbral", "1.5", stdout=StringIO())


def test_import_command_with_analysis(tmp_path):
    out = StringIO()
    call_command("import_pnt_requests", str(SAMPLE_PATH), "--analizar", stdout=out)
    assert InformationRequest.objects.count() == 243
    assert "Grupos de preguntas repetidas" in out.getvalue()


def test_import_command_missing_file(tmp_path):
    with pytest.raises(CommandError, match="No existe el archivo"):
        call_command("import_pnt_requests", str(tmp_path / "nada.csv"), stdout=StringIO())


class _Terminal(StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_draws_only_on_a_terminal():
    from datacon.demand.management.commands.import_pnt_requests import ProgressBar

    terminal = _Terminal()
    bar = ProgressBar(terminal)
    bar(50, 100, 5000)
    bar.close()
    drawn = terminal.getvalue()
    assert drawn.startswith("\r[###############...............]  50.0%  5 000 filas")
    assert drawn.endswith("\n")
    pipe = StringIO()
    silent = ProgressBar(pipe)
    silent(50, 100, 5000)
    silent.close()
    assert pipe.getvalue() == ""
