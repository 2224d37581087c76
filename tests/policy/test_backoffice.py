"""Back-office screens of the policy process: publishing versions, and the admin for records."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from datacon.policy.models import DocumentVersion, Expense
from tests.factories import UserFactory
from tests.policy.factories import DocumentFactory, ProcessFactory, StageFactory, publish

pytestmark = pytest.mark.django_db


def test_version_screen_starts_from_the_current_text_with_anchors(organiser_client):
    document = DocumentFactory()
    publish(document)
    html = organiser_client.get(
        f"/gestion/politica/documentos/{document.pk}/version-nueva/"
    ).content.decode()
    assert "# Objetivo {#s-1}" in html
    assert "colaboración. {#p-3}" in html


def test_preview_writes_nothing_and_publish_creates_the_version(organiser_client):
    document = DocumentFactory()
    publish(document)
    url = f"/gestion/politica/documentos/{document.pk}/version-nueva/"
    body = "# Objetivo {#s-1}\n\nPrimer párrafo sobre el objetivo de la política de datos abiertos.\n\nUno nuevo.\n"
    preview = organiser_client.post(url, {"body": body, "accion": "vista-previa"})
    html = preview.content.decode()
    assert "texto idéntico" in html and "nuevo" in html
    assert DocumentVersion.objects.filter(document=document).count() == 1
    published = organiser_client.post(
        url, {"body": body, "accion": "publicar", "change_summary": "Recorte."}
    )
    assert published.status_code == 302
    assert DocumentVersion.objects.filter(document=document).count() == 2


def test_markdown_can_be_uploaded(organiser_client):
    document = DocumentFactory()
    upload = SimpleUploadedFile("borrador.md", "# Título\n\nTexto subido en un archivo.\n".encode())
    organiser_client.post(
        f"/gestion/politica/documentos/{document.pk}/version-nueva/",
        {"markdown_file": upload, "accion": "publicar"},
    )
    assert document.versions.get().body == "# Título\n\nTexto subido en un archivo.\n"


def test_bad_anchor_shows_the_line_and_keeps_the_text(organiser_client):
    document = DocumentFactory()
    body = "Uno.\n\nDos {#Mal_Ancla}\n"
    response = organiser_client.post(
        f"/gestion/politica/documentos/{document.pk}/version-nueva/",
        {"body": body, "accion": "publicar"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Línea 3: el identificador «Mal_Ancla»" in html
    assert "Dos {#Mal_Ancla}" in html
    assert document.versions.count() == 0


def test_publishing_needs_the_permission():
    document = DocumentFactory()
    staff = UserFactory(is_staff=True)
    client = Client()
    client.force_login(staff)
    assert (
        client.get(f"/gestion/politica/documentos/{document.pk}/version-nueva/").status_code == 403
    )
    assert (
        Client().get(f"/gestion/politica/documentos/{document.pk}/version-nueva/").status_code
        == 302
    )


def _expense_form(process, **overrides):  # type: ignore[no-untyped-def]
    data = {
        "process": process.pk,
        "stage": "",
        "concept": "travel",
        "amount": "-50.00",
        "description": "Traslado a la sesión",
        "spent_on": "2022-05-01",
        "supplier": "Transportes del ejemplo",
        "reference": "F-1",
        "supporting_url": "",
    }
    data.update(overrides)
    return data


def test_admin_negative_expense_is_refused_in_spanish_and_keeps_input(superuser_client):
    process = ProcessFactory()
    response = superuser_client.post("/admin/policy/expense/add/", _expense_form(process))
    html = response.content.decode()
    assert response.status_code == 200
    assert "El monto no puede ser negativo." in html
    assert 'value="Transportes del ejemplo"' in html
    assert Expense.objects.count() == 0


def test_admin_expense_with_receipt_goes_through_the_service(superuser_client):
    process = ProcessFactory()
    stage = StageFactory(process=process)
    receipt = SimpleUploadedFile("comprobante.pdf", b"%PDF-1.4 comprobante")
    response = superuser_client.post(
        "/admin/policy/expense/add/",
        _expense_form(
            process, amount="1500.25", spent_on="2022-03-03", supporting_document=receipt
        ),
    )
    assert response.status_code == 302
    expense = Expense.objects.get()
    assert (expense.amount, expense.stage) == (Decimal("1500.25"), stage)
    assert expense.supporting_document.name.endswith(".pdf")


def test_policy_home_lists_processes(organiser_client):
    ProcessFactory(short_title="Abramos México")
    assert "Abramos México" in organiser_client.get("/gestion/politica/").content.decode()
