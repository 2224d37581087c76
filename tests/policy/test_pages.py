"""Public pages of the policy process, the calendar feed and the expenses download."""

import csv
import datetime as dt
import io
from decimal import Decimal

import icalendar
import pytest
from django.core.cache import cache
from django.test import Client

from datacon.policy import services
from datacon.policy.datasets import EXPENSES_DATASET
from datacon.policy.models import Agreement, Membership, ProcessEdition
from tests import factories
from tests.policy.factories import (
    CommitmentFactory,
    DocumentFactory,
    ExpenseFactory,
    GroupFactory,
    MeetingFactory,
    ProcessFactory,
    ProgressReportFactory,
    StageFactory,
    publish,
)

pytestmark = pytest.mark.django_db


def _process_with_everything(size: int = 1):  # type: ignore[no-untyped-def]
    process = ProcessFactory(slug="abramos")
    _grow(process, size)
    return process


def _grow(process, size):  # type: ignore[no-untyped-def]
    stage = StageFactory(
        process=process,
        order=process.stages.count() + 1,
        starts_on=dt.date(2022, 1, 1),
        ends_on=dt.date(2022, 12, 31),
    )
    for _ in range(size):
        group = GroupFactory(process=process)
        Membership.objects.create(
            group=group, person=factories.PersonFactory(), role="technical_liaison"
        )
        meeting = MeetingFactory(process=process, group=group, stage=stage)
        services.agreement_save(
            agreement=Agreement(meeting=meeting, text="Acordar algo.", owner_group=group),
            actor=factories.SYSTEM,
        )
        ExpenseFactory(process=process, stage=stage)
        commitment = CommitmentFactory(process=process)
        ProgressReportFactory(commitment=commitment)
    document = DocumentFactory(process=process)
    publish(document)
    return process


def test_process_page_shows_goals_current_stage_groups_and_contacts(client):
    process = ProcessFactory(slug="abramos")
    today = process.today()
    StageFactory(
        process=process,
        order=1,
        name="Preparación y apertura",
        starts_on=today - dt.timedelta(days=400),
        ends_on=today - dt.timedelta(days=200),
    )
    StageFactory(
        process=process,
        order=2,
        name="Desarrollo de trabajos",
        starts_on=today - dt.timedelta(days=199),
        ends_on=today + dt.timedelta(days=30),
    )
    GroupFactory(
        process=process, name="Grupo Impulsor", mandate="Definir las directrices generales."
    )
    html = client.get("/politica/abramos/").content.decode()
    assert "Etapa actual: Desarrollo de trabajos" in html
    assert 'aria-current="step"' in html
    assert "Definir las directrices generales." in html


def test_draft_process_is_not_public(client):
    ProcessFactory(slug="oculto", status="draft")
    assert client.get("/politica/oculto/").status_code == 404
    assert "oculto" not in client.get("/politica/").content.decode()


def test_group_page_separates_current_and_past_members(client):
    process = ProcessFactory(slug="abramos")
    group = GroupFactory(process=process, slug="grupo-tecnico", name="Grupo Técnico")
    current = factories.PersonFactory(public_name="Enlace Vigente")
    past = factories.PersonFactory(public_name="Enlace Anterior")
    Membership.objects.create(group=group, person=current, role="technical_liaison")
    Membership.objects.create(group=group, person=past, role="member", ends_on=dt.date(2020, 1, 1))
    html = client.get("/politica/abramos/grupos/grupo-tecnico/").content.decode()
    assert (
        html.index("Enlace Vigente")
        < html.index("Integrantes anteriores")
        < html.index("Enlace Anterior")
    )
    assert current.email not in html


def test_meeting_page_shows_agenda_attendance_and_agreements(client):
    process = ProcessFactory(slug="abramos")
    meeting = MeetingFactory(process=process, agenda="1. Revisión y cierre de **estrategia**")
    services.agreement_save(
        agreement=Agreement(
            meeting=meeting,
            text="Redactar la metodología.",
            owner_group=meeting.group,
            due_on=dt.date(2022, 7, 1),
        ),
        actor=factories.SYSTEM,
    )
    html = client.get(f"/politica/abramos/reuniones/{meeting.pk}/").content.decode()
    assert "<strong>estrategia</strong>" in html
    assert "Redactar la metodología." in html
    assert "vencido" in html  # pending and past its due date


def test_calendar_feed_is_valid_icalendar_with_stable_uids(client):
    process = ProcessFactory(slug="abramos")
    meeting = MeetingFactory(process=process, date_is_approximate=True, status="scheduled")
    response = client.get("/politica/abramos/reuniones.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert [str(event["summary"]) for event in events] == [
        f"{process.short_title}: {meeting.title}"
    ]
    assert str(events[0]["uid"]).startswith(f"policy-meeting-{meeting.pk}@")
    assert str(events[0]["status"]) == "TENTATIVE"
    assert client.get("/politica/reuniones.ics").status_code == 200


def test_document_pages_show_versions_and_what_changed(client):
    process = ProcessFactory(slug="abramos")
    document = DocumentFactory(process=process, slug="borrador")
    v1 = publish(document)
    body = services.document_version_markdown(version=v1).replace(
        "Tercer párrafo sobre los tres órdenes de gobierno y los organismos garantes.",
        "Tercer párrafo sobre los tres órdenes de gobierno y los organismos garantes locales.",
    )
    services.document_version_publish(
        document=document, body=body, change_summary="Precisa el alcance.", actor=factories.SYSTEM
    )
    latest = client.get("/politica/abramos/documentos/borrador/").content.decode()
    assert 'id="p-5"' in latest
    assert "Precisa el alcance." in latest
    old = client.get("/politica/abramos/documentos/borrador/v1/").content.decode()
    assert "Hay una versión más reciente (v2)" in old
    diff = client.get("/politica/abramos/documentos/borrador/cambios/?de=1&a=2").content.decode()
    assert "organismos garantes<ins> locales</ins>." in diff
    assert client.get("/politica/abramos/documentos/borrador/v9/").status_code == 404


def test_transparency_page_totals_and_csv_use_the_dataset_columns(client):
    process = ProcessFactory(slug="abramos")
    ExpenseFactory(process=process, concept="travel", amount=Decimal("1234.50"))
    ExpenseFactory(process=process, concept="travel", amount=Decimal("0.50"))
    html = client.get("/politica/abramos/transparencia/").content.decode()
    assert "$1,235.00" in html
    response = client.get("/politica/abramos/gastos.csv")
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    )
    assert list(rows[0]) == EXPENSES_DATASET.column_names
    assert [row["monto_mxn"] for row in rows] == ["1234.5", "0.5"]


def test_commitments_and_yearly_assessment(client):
    process = ProcessFactory(slug="abramos")
    commitment = CommitmentFactory(process=process, code="C-1", starts_year=2024, target=Decimal(4))
    ProgressReportFactory(
        commitment=commitment,
        reported_on=dt.date(2024, 5, 1),
        value=Decimal(1),
        evidence="Acta de la sesión.",
    )
    listing = client.get("/politica/abramos/compromisos/").content.decode()
    assert "25 %" in listing
    detail = client.get("/politica/abramos/compromisos/C-1/").content.decode()
    assert "Acta de la sesión." in detail
    assessment = client.get("/politica/abramos/evaluacion/2024/").content.decode()
    assert "Resultados al 31 de diciembre de 2024." in assessment
    assert client.get("/politica/abramos/evaluacion/2999/").status_code == 404


def test_edition_page_says_the_edition_fed_the_process_and_updates(client):
    edition = factories.EditionFactory()
    process = ProcessFactory(title="Abramos México: estrategia")
    url = f"/ediciones/{edition.slug}/"
    first = client.get(url)
    assert "Abramos México: estrategia" not in first.content.decode()
    services.process_edition_save(
        link=ProcessEdition(process=process, edition=edition, relation="origin"),
        actor=factories.SYSTEM,
    )
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert "Esta edición dio origen al proceso" in again.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/politica/",
        "/politica/abramos/",
        "/politica/abramos/grupos/",
        "/politica/abramos/reuniones/",
        "/politica/abramos/reuniones.ics",
        "/politica/abramos/acuerdos/",
        "/politica/abramos/documentos/",
        "/politica/abramos/transparencia/",
        "/politica/abramos/compromisos/",
        "/politica/abramos/evaluacion/2024/",
    ],
)
def test_policy_pages_query_count_is_constant(path, count_queries):
    process = _process_with_everything(1)
    client = Client()

    def measure():  # type: ignore[no-untyped-def]
        cache.clear()
        return count_queries(lambda: client.get(path))

    small = measure()
    _grow(process, 6)
    assert measure() == small


def test_expenses_csv_query_count_is_constant(count_queries):
    process = _process_with_everything(1)

    def measure():  # type: ignore[no-untyped-def]
        cache.clear()
        return count_queries(
            lambda: b"".join(Client().get("/politica/abramos/gastos.csv").streaming_content)
        )

    small = measure()
    for _ in range(10):
        ExpenseFactory(process=process)
    assert measure() == small


def test_document_and_diff_pages_query_count_does_not_grow_with_paragraphs(count_queries):
    process = ProcessFactory(slug="abramos")

    def document_with(paragraphs):  # type: ignore[no-untyped-def]
        document = DocumentFactory(process=process)
        body = "\n\n".join(
            f"Párrafo número {n} con texto propio y distinto {n * 7}." for n in range(paragraphs)
        )
        v1 = publish(document, body)
        changed = services.document_version_markdown(version=v1).replace("número 1 ", "número uno ")
        services.document_version_publish(document=document, body=changed, actor=factories.SYSTEM)
        return document

    def measure(document):  # type: ignore[no-untyped-def]
        cache.clear()
        base = f"/politica/abramos/documentos/{document.slug}/"
        return (
            count_queries(lambda: Client().get(base)),
            count_queries(lambda: Client().get(base + "v1/")),
            count_queries(lambda: Client().get(base + "cambios/?de=1&a=2")),
        )

    assert measure(document_with(3)) == measure(document_with(40))


def test_meeting_page_query_count_does_not_grow_with_agreements_and_attendance(count_queries):
    from datacon.policy.models import Attendance, MeetingAttachment

    process = ProcessFactory(slug="abramos")
    meeting = MeetingFactory(process=process)

    def grow(n):  # type: ignore[no-untyped-def]
        for _ in range(n):
            services.agreement_save(
                agreement=Agreement(
                    meeting=meeting, text="Acuerdo.", owner_person=factories.PersonFactory()
                ),
                actor=factories.SYSTEM,
            )
            Attendance.objects.create(meeting=meeting, person=factories.PersonFactory())
            MeetingAttachment.objects.create(
                meeting=meeting, title="Anexo", url="https://example.org/a"
            )

    def measure():  # type: ignore[no-untyped-def]
        cache.clear()
        return count_queries(lambda: Client().get(f"/politica/abramos/reuniones/{meeting.pk}/"))

    grow(1)
    small = measure()
    grow(8)
    assert measure() == small
