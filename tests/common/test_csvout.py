"""The one CSV writer: its rules, the guard that keeps it the only one, and every CSV
that leaves the platform fed a formula (issue 13.5: CSV injection)."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import re
import zoneinfo
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from datacon.backoffice.roles import ORGANISERS, roles_ensure
from datacon.common import csvout
from datacon.demand.importer import requests_import
from datacon.registration.models import Registration
from tests import factories
from tests.consultation.factories import ConsultationFactory, comment, participant
from tests.demand.factories import NeedFactory, write_export
from tests.policy.factories import ExpenseFactory
from tests.registration.factories import register, registration_edition

DATACON = Path(__file__).resolve().parents[2] / "datacon"
FORMULA = '=HYPERLINK("http://x","y")'
NEUTRALISED = "'" + FORMULA


# --- the rules ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        (True, "true"),
        (False, "false"),
        (0, "0"),
        (-12, "-12"),
        (1500.5, "1500.5"),
        (-0.25, "-0.25"),
        (1e-05, "0.00001"),
        (2.5e20, "250000000000000000000"),
        (float("nan"), ""),
        (decimal.Decimal("1500.50"), "1500.50"),
        (decimal.Decimal("-3"), "-3"),
        (dt.date(2021, 5, 11), "2021-05-11"),
        (
            dt.datetime(2021, 5, 11, 10, 30, tzinfo=zoneinfo.ZoneInfo("America/Mexico_City")),
            "2021-05-11T10:30:00-05:00",
        ),
        (["a", 1], '["a", 1]'),
        ("Sesión", "Sesión"),
        ("-12.5", "-12.5"),  # a plain number written as text stays a number
        ("-5", "-5"),
        ("=1+1", "'=1+1"),
        ("+52 55 1234 5678", "'+52 55 1234 5678"),
        ("-1+2", "'-1+2"),
        ("- una lista", "'- una lista"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        (FORMULA, NEUTRALISED),
        ("a=b", "a=b"),
    ],
)
def test_cell(value, expected):  # type: ignore[no-untyped-def]
    assert csvout.cell(value) == expected


def test_bytes_are_utf8_with_bom_crlf_and_minimal_quoting():
    content = csvout.csv_bytes(["a", "b"], [["x,y", 'say "hi"'], [1, None]])
    assert content == b'\xef\xbb\xbfa,b\r\n"x,y","say ""hi"""\r\n1,\r\n'
    assert content.decode(csvout.ENCODING).startswith("a,b")
    assert "".join(csvout.csv_lines(["a", "b"], [["x,y", 'say "hi"'], [1, None]])).encode(
        "utf-8"
    ) == (content)


def test_no_csv_writer_outside_csvout():
    """Every CSV leaves through datacon.common.csvout (issue 12.3)."""
    pattern = re.compile(
        r"\bcsv\s*\.\s*(writer|DictWriter)\s*\(|from\s+csv\s+import\s+[^\n]*\b(writer|DictWriter)\b"
    )
    offenders = [
        f"{path.relative_to(DATACON.parent)}:{number}"
        for path in sorted(DATACON.rglob("*.py"))
        if path.name != "csvout.py" or path.parent.name != "common"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.search(line)
    ]
    assert offenders == []


def test_the_guard_sees_a_planted_writer():
    pattern = re.compile(r"\bcsv\s*\.\s*(writer|DictWriter)\s*\(")
    assert pattern.search("    writer = csv.writer(buffer)")
    assert pattern.search("csv.DictWriter(stream, fieldnames=names)")


# --- every CSV that leaves the platform, fed a formula -------------------------------------------


def _rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode(csvout.ENCODING))))


def _cells(content: bytes) -> set[str]:
    return {cell for row in _rows(content) for cell in row}


def _body(response) -> bytes:  # type: ignore[no-untyped-def]
    assert response.status_code == 200
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _staff(*groups: str) -> Client:
    roles_ensure()
    user = factories.UserFactory(is_staff=True)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_consultation_report_csv_neutralises_a_comment(client):
    consultation = ConsultationFactory()
    user = participant(consultation).user
    comment(consultation, user, body=FORMULA + " y un texto lo bastante largo para publicarse.")
    cells = _cells(_body(client.get(f"/consultas/{consultation.slug}/informe.csv")))
    assert NEUTRALISED + " y un texto lo bastante largo para publicarse." in cells


@pytest.mark.django_db
def test_open_data_csv_neutralises_a_session_title(client):
    edition = factories.EditionFactory(status="published")
    factories.SessionFactory(edition=edition, title=FORMULA)
    content = _body(client.get(f"/ediciones/{edition.slug}/datos/conferencia/sesiones.csv"))
    assert NEUTRALISED in _cells(content)
    assert FORMULA not in _cells(content)


@pytest.mark.django_db
def test_data_needs_csv_neutralises_a_title(client):
    NeedFactory(title=FORMULA)
    cells = _cells(_body(client.get("/demanda/datos/necesidades-de-informacion.csv")))
    assert NEUTRALISED in cells
    assert FORMULA not in cells


@pytest.mark.django_db
def test_policy_expenses_csv_neutralises_a_description(client):
    expense = ExpenseFactory(description=FORMULA, amount=decimal.Decimal("250.00"))
    rows = _rows(_body(client.get(f"/politica/{expense.process.slug}/gastos.csv")))
    assert NEUTRALISED in rows[1]
    assert "250.0" in rows[1]  # numbers are never touched


@pytest.mark.django_db
def test_attendee_list_neutralises_a_name():
    edition, _venues = registration_edition()
    register(edition, name=FORMULA)
    holder = _staff(ORGANISERS, "Responsables de datos de asistentes")
    content = _body(
        holder.get(f"/gestion/registro/{edition.slug}/asistentes.csv?datos_personales=1")
    )
    assert NEUTRALISED in _cells(content)
    assert FORMULA not in _cells(content)


@pytest.mark.django_db
def test_attendance_figures_csv_goes_through_the_writer():
    edition, _venues = registration_edition()
    register(edition, sector="academia")
    content = _body(_staff(ORGANISERS).get(f"/gestion/registro/{edition.slug}/cifras/?formato=csv"))
    assert content.startswith(b"\xef\xbb\xbfdimension,")
    assert _rows(content)[1] == ["total", "", "", "1", "0", "1", "0", ""]


@pytest.mark.django_db
def test_personal_data_download_neutralises_the_own_name():
    edition, _venues = registration_edition()
    registration = register(edition, name=FORMULA)
    user = Registration.objects.get(pk=registration.pk).user
    client = Client()
    client.force_login(user)
    cells = _cells(_body(client.get("/cuenta/mis-datos/descargar.csv")))
    assert NEUTRALISED in cells
    assert FORMULA not in cells


@pytest.mark.django_db
def test_importer_rejects_file_neutralises_the_rejected_line(tmp_path):
    source = tmp_path / "pnt.csv"
    write_export(
        source,
        [
            {
                "folio": "",  # no folio: the line is rejected and copied to the rejects file
                "text": FORMULA + " solicito los contratos de obra pública.",
            }
        ],
    )
    rejects = tmp_path / "rechazos.csv"
    requests_import(path=source, rejects_path=rejects, actor=factories.SYSTEM)
    cells = _cells(rejects.read_bytes())
    assert NEUTRALISED + " solicito los contratos de obra pública." in cells
