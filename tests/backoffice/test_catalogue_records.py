"""The platform's record screens (/gestion/registros/<kind>/): one list, one create/edit
screen and one delete screen for every kind of record that belongs to no edition."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from datacon.common.models import AuditEntry
from datacon.policy.models import Expense
from tests import factories
from tests.policy.factories import ExpenseFactory, ProcessFactory

pytestmark = pytest.mark.django_db


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_the_menu_links_the_records_under_their_headings(organiser_client):
    page = organiser_client.get("/gestion/").content.decode()
    assert 'href="/gestion/registros/"' in page
    home = organiser_client.get("/gestion/registros/").content.decode()
    assert '<details class="bo-subnav-menu" open>' in home  # the index is the list of kinds
    assert "Política nacional" in home
    for kind in ("procesos", "reuniones", "gastos", "documentos"):
        assert f'href="/gestion/registros/{kind}/"' in home
    listing = organiser_client.get("/gestion/registros/gastos/").content.decode()
    assert 'href="/gestion/registros/gastos/nuevo/"' in listing
    assert 'aria-current="page">Gastos</a>' in listing
    assert '<details class="bo-subnav-menu">' in listing  # the list comes first


def test_create_edit_and_delete_an_expense(organiser_client, organiser_user):
    process = ProcessFactory()
    data = {
        "process": process.pk,
        "concept": "technology",
        "description": "Servidores del portal",
        "amount": "2500.50",
        "spent_on": "2022-03-01",
        "supplier": "Nube MX",
    }
    response = organiser_client.post("/gestion/registros/gastos/nuevo/", data)
    assert response.status_code == 302
    assert response["Location"] == "/gestion/registros/gastos/"
    expense = Expense.objects.get(description="Servidores del portal")
    edit = f"/gestion/registros/gastos/{expense.pk}/"
    assert f'href="{edit}"' in organiser_client.get("/gestion/registros/gastos/").content.decode()
    response = organiser_client.post(edit, data | {"amount": "3000"})
    assert response.status_code == 302
    expense.refresh_from_db()
    assert expense.amount == Decimal("3000")
    page = organiser_client.get(edit).content.decode()
    assert f'href="{edit}borrar/"' in page
    confirm = organiser_client.get(f"{edit}borrar/")
    assert confirm.status_code == 200
    assert "¿Borrar «2022-03-01 Servidores del portal $3000" in confirm.content.decode()
    assert Expense.objects.filter(pk=expense.pk).exists()
    response = organiser_client.post(f"{edit}borrar/")
    assert (response.status_code, response["Location"]) == (302, "/gestion/registros/gastos/")
    assert not Expense.objects.filter(pk=expense.pk).exists()
    assert list(
        AuditEntry.objects.filter(object_type="policy.expense", object_id=str(expense.pk))
        .order_by("id")
        .values_list("action", "actor")
    ) == [("expense.create", organiser_user.pk), ("expense.update", organiser_user.pk),
          ("expense.delete", organiser_user.pk)]  # fmt: skip


def test_a_service_error_keeps_what_was_typed(organiser_client):
    process = ProcessFactory()
    response = organiser_client.post(
        "/gestion/registros/contactos/nuevo/",
        {"process": process.pk, "name": "Unidad de Transparencia", "order": "0"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Indique al menos un correo o un teléfono." in page
    assert 'value="Unidad de Transparencia"' in page


def test_read_only_staff_list_but_neither_change_nor_delete():
    reader = _client(factories.read_only_staff_user())
    expense = ExpenseFactory()
    listing = reader.get("/gestion/registros/gastos/")
    assert listing.status_code == 200
    assert "/nuevo/" not in listing.content.decode()
    assert f"/gestion/registros/gastos/{expense.pk}/" not in listing.content.decode()
    assert reader.get("/gestion/registros/gastos/nuevo/").status_code == 403
    assert reader.get(f"/gestion/registros/gastos/{expense.pk}/").status_code == 403
    assert reader.get(f"/gestion/registros/gastos/{expense.pk}/borrar/").status_code == 403
    assert reader.post(f"/gestion/registros/gastos/{expense.pk}/borrar/").status_code == 403
    assert Expense.objects.filter(pk=expense.pk).exists()
    outsider = _client(factories.UserFactory())
    assert outsider.get("/gestion/registros/gastos/").status_code == 403
    assert Client().get("/gestion/registros/gastos/").status_code == 302
    organiser = _client(factories.organiser_user())
    assert organiser.get("/gestion/registros/desconocidos/").status_code == 404


def test_the_policy_addresses_serve_only_the_policy_kinds(organiser_client):
    listing = organiser_client.get("/gestion/politica/registros/gastos/").content.decode()
    assert 'href="/gestion/politica/registros/gastos/nuevo/"' in listing
    assert 'href="/gestion/politica/registros/procesos/"' in listing


def test_the_list_costs_a_fixed_number_of_queries(organiser_client, django_assert_max_num_queries):
    process = ProcessFactory()
    ExpenseFactory.create_batch(3, process=process)
    organiser_client.get("/gestion/registros/gastos/")
    ExpenseFactory.create_batch(30, process=ProcessFactory())
    with django_assert_max_num_queries(12):
        response = organiser_client.get("/gestion/registros/gastos/")
    assert response.status_code == 200


def test_every_related_record_a_list_shows_is_loaded_with_it():
    """A column showing another record (a meeting's process...) is in `related`, so the list
    costs the same number of queries for 3 records or 50."""
    from django.db.models import ForeignKey

    from datacon.backoffice.catalogue_kinds import KINDS

    missing = {
        slug: name
        for slug, kind in KINDS.items()
        for name in kind.columns
        if isinstance(kind.model._meta.get_field(name), ForeignKey) and name not in kind.related
    }
    assert missing == {}


def test_the_confirmation_names_what_goes_with_the_record(organiser_client):
    from tests.policy.factories import StageFactory

    process = ProcessFactory(short_title="Política de salud")
    StageFactory.create_batch(2, process=process)
    page = organiser_client.get(f"/gestion/registros/procesos/{process.pk}/borrar/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "¿Borrar «Política de salud»?" in html
    assert "Con él se borran también:" in html
    assert "<li>Etapas: 2</li>" in html
