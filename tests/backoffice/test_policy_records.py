"""Back-office screens of the policy process's records (no Django admin needed):
meetings, agreements, expenses, commitments and progress reports."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from datacon.common.actor import Actor
from datacon.common.models import AuditEntry
from datacon.policy.models import (
    Agreement,
    Commitment,
    Contact,
    Expense,
    Meeting,
    Process,
    ProgressReport,
    YearAssessment,
)
from datacon.policy.services import policy_record_save
from tests import factories
from tests.policy.factories import (
    ExpenseFactory,
    GroupFactory,
    MeetingFactory,
    ProcessFactory,
    StageFactory,
)

pytestmark = pytest.mark.django_db


def test_the_policy_home_links_every_kind(organiser_client):
    page = organiser_client.get("/gestion/politica/").content.decode()
    for kind in (
        "procesos",
        "reuniones",
        "acuerdos",
        "gastos",
        "compromisos",
        "avances",
        "valoraciones",
        "contactos",
    ):
        assert f'href="/gestion/politica/registros/{kind}/"' in page
        listing = organiser_client.get(f"/gestion/politica/registros/{kind}/").content.decode()
        assert f'href="/gestion/politica/registros/{kind}/nuevo/"' in listing


def test_create_a_meeting_then_an_agreement_numbered_after_it(organiser_client, organiser_user):
    process = ProcessFactory()
    StageFactory(process=process, starts_on=dt.date(2026, 1, 1), ends_on=None)
    group = GroupFactory(process=process)
    response = organiser_client.post(
        "/gestion/politica/registros/reuniones/nuevo/",
        {
            "process": process.pk,
            "kind": "session",
            "title": "Primera sesión",
            "starts_at": "2026-05-20T10:00",
            "ends_at": "2026-05-20T12:00",
            "status": "held",
            "other_attendees": "0",
        },
    )
    errors = response.context["form"].errors if response.status_code == 200 else {}
    assert (response.status_code, errors) == (302, {})
    meeting = Meeting.objects.get(title="Primera sesión")
    assert meeting.stage is not None
    for text in ("Publicar el calendario.", "Abrir el padrón."):
        response = organiser_client.post(
            "/gestion/politica/registros/acuerdos/nuevo/",
            {"meeting": meeting.pk, "text": text, "status": "pending", "owner_group": group.pk},
        )
        errors = response.context["form"].errors if response.status_code == 200 else {}
        assert (response.status_code, errors) == (302, {})
    assert list(
        Agreement.objects.filter(meeting=meeting).order_by("number").values_list("number", "text")
    ) == [(1, "Publicar el calendario."), (2, "Abrir el padrón.")]
    first = Agreement.objects.get(number=1, meeting=meeting)
    response = organiser_client.post(
        f"/gestion/politica/registros/acuerdos/{first.pk}/",
        {
            "meeting": meeting.pk,
            "number": 1,
            "text": first.text,
            "owner_group": group.pk,
            "status": "done",
            "completed_on": "2026-06-01",
        },
    )
    assert response.status_code == 302
    assert list(
        AuditEntry.objects.filter(object_type="policy.agreement")
        .order_by("id")
        .values_list("action", "actor")
    ) == [
        ("agreement.create", organiser_user.pk),
        ("agreement.create", organiser_user.pk),
        ("agreement.status.done", organiser_user.pk),
    ]


def test_edit_an_expense_and_a_bad_amount_keeps_what_was_typed(organiser_client):
    expense = ExpenseFactory()
    url = f"/gestion/politica/registros/gastos/{expense.pk}/"
    data = {
        "process": expense.process_id,
        "concept": "technology",
        "description": "Servidores del portal",
        "amount": "-5",
        "spent_on": "2022-03-01",
        "supplier": "Nube MX",
    }
    response = organiser_client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="Servidores del portal"' in page and 'value="Nube MX"' in page
    response = organiser_client.post(url, data | {"amount": "2500.50"})
    assert response.status_code == 302
    expense.refresh_from_db()
    assert (expense.description, expense.amount) == ("Servidores del portal", Decimal("2500.50"))


def test_a_commitment_and_its_progress(organiser_client):
    process = ProcessFactory()
    response = organiser_client.post(
        "/gestion/politica/registros/compromisos/nuevo/",
        {
            "process": process.pk,
            "code": "c-2026-01",
            "title": "Publicar el padrón",
            "source": "policy",
            "owner": "Grupo Técnico",
            "indicator": "Conjuntos publicados",
            "unit": "conjuntos",
            "baseline": "0",
            "target": "10",
            "starts_year": "2026",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    commitment = Commitment.objects.get(code="C-2026-01")
    response = organiser_client.post(
        "/gestion/politica/registros/avances/nuevo/",
        {
            "commitment": commitment.pk,
            "reported_on": "2026-06-30",
            "value": "4",
            "evidence": "Cuatro conjuntos en el portal.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert ProgressReport.objects.get(commitment=commitment).value == Decimal("4")


def test_read_only_staff_see_the_lists_but_change_nothing():
    reader = factories.read_only_staff_user()
    client = Client()
    client.force_login(reader)
    expense = ExpenseFactory()
    listing = client.get("/gestion/politica/registros/gastos/")
    assert listing.status_code == 200
    assert "/nuevo/" not in listing.content.decode()
    assert client.get("/gestion/politica/registros/gastos/nuevo/").status_code == 403
    assert client.get(f"/gestion/politica/registros/gastos/{expense.pk}/").status_code == 403
    assert client.post(f"/gestion/politica/registros/gastos/{expense.pk}/", {}).status_code == 403
    with pytest.raises(PermissionDenied):
        policy_record_save(record=expense, actor=Actor.of(reader))
    outsider = Client()
    outsider.force_login(factories.UserFactory())
    assert outsider.get("/gestion/politica/registros/gastos/").status_code == 403
    assert Client().get("/gestion/politica/registros/desconocidos/").status_code == 302
    assert organiser_404() == 404


def organiser_404() -> int:
    client = Client()
    client.force_login(factories.organiser_user())
    return client.get("/gestion/politica/registros/desconocidos/").status_code


def test_the_meeting_edit_screen_shows_the_stored_values(organiser_client):
    meeting = MeetingFactory(title="Sesión de instalación")
    page = organiser_client.get(f"/gestion/politica/registros/reuniones/{meeting.pk}/")
    html = page.content.decode()
    assert 'value="Sesión de instalación"' in html
    assert 'value="2022-05-20T10:00"' in html
    assert Expense.objects.count() == 0


def test_a_process_its_contact_and_its_year_assessment(organiser_client):
    response = organiser_client.post(
        "/gestion/politica/registros/procesos/nuevo/",
        {
            "title": "Política de Datos de Yucatán",
            "short_title": "Datos Yucatán",
            "status": "draft",
            "summary": "Una política estatal.",
            "timezone": "America/Merida",
        },
    )
    assert response.status_code == 302
    process = Process.objects.get(short_title="Datos Yucatán")
    assert process.slug == "datos-yucatan"
    assert (
        f"/gestion/politica/registros/procesos/{process.pk}/"
        in organiser_client.get("/gestion/politica/").content.decode()
    )
    response = organiser_client.post(
        "/gestion/politica/registros/contactos/nuevo/",
        {"process": process.pk, "name": "Unidad de Transparencia", "order": "0"},
    )
    assert "Indique al menos un correo o un teléfono." in response.content.decode()
    assert 'value="Unidad de Transparencia"' in response.content.decode()
    response = organiser_client.post(
        "/gestion/politica/registros/contactos/nuevo/",
        {
            "process": process.pk,
            "name": "Unidad de Transparencia",
            "email": "transparencia@example.org",
            "order": "0",
        },
    )
    assert response.status_code == 302
    for expected in (302, 200):
        response = organiser_client.post(
            "/gestion/politica/registros/valoraciones/nuevo/",
            {"process": process.pk, "year": "2026", "summary": "Buen año."},
        )
        assert response.status_code == expected
    assert "Ya hay una valoración de ese año." in response.content.decode()
    assert (Contact.objects.get().process, YearAssessment.objects.get().year) == (process, 2026)


def test_working_groups_and_documents_without_the_admin(organiser_client, organiser_user):
    """Issue 16.2: groups and documents join the policy's record screens."""
    from datacon.policy.models import Document, Group

    process = ProcessFactory()
    page = organiser_client.get("/gestion/politica/").content.decode()
    assert 'href="/gestion/politica/registros/grupos/"' in page
    assert 'href="/gestion/politica/registros/documentos/"' in page
    assert "/admin/policy/document/" not in page
    response = organiser_client.post(
        "/gestion/politica/registros/grupos/nuevo/",
        {"process": process.pk, "name": "Grupo técnico de salud", "kind": "technical",
         "mandate": "Revisar los datos de salud.", "order": "1"},
    )  # fmt: skip
    assert response.status_code == 302, response.context["form"].errors
    group = Group.objects.get(name="Grupo técnico de salud")
    assert group.slug != ""
    assert AuditEntry.objects.filter(
        object_type="policy.group", object_id=str(group.pk), actor=organiser_user
    ).exists()
    kept = organiser_client.post(
        "/gestion/politica/registros/documentos/nuevo/",
        {"process": process.pk, "title": "", "description_en": "Typed in English", "order": "1"},
    )
    assert kept.status_code == 200
    assert "Typed in English" in kept.content.decode()
    response = organiser_client.post(
        "/gestion/politica/registros/documentos/nuevo/",
        {"process": process.pk, "title": "Metodología", "kind": "methodology", "order": "1",
         "title_en": "Methodology"},
    )  # fmt: skip
    assert response.status_code == 302, response.context["form"].errors
    document = Document.objects.get(title="Metodología")
    assert document.title_en == "Methodology"
    assert AuditEntry.objects.filter(
        object_type="policy.document", object_id=str(document.pk), actor=organiser_user
    ).exists()
    reader = Client()
    reader.force_login(factories.read_only_staff_user())
    assert reader.get("/gestion/politica/registros/grupos/nuevo/").status_code == 403
    assert reader.get(f"/gestion/politica/registros/documentos/{document.pk}/").status_code == 403
