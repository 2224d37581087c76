"""Who may change the policy process: named rules in services, screens and the admin.

The process is platform-wide: its roles are groups. Read-only staff ("Personal de
consulta") may open the overview but change nothing; a service refuses any actor
without the rule (PermissionDenied, a 403 on every surface); the system passes.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from datacon.common.actor import Actor
from datacon.policy import services
from datacon.policy.models import Expense, Process
from tests import factories
from tests.policy.factories import DocumentFactory, ExpenseFactory, ProcessFactory

pytestmark = pytest.mark.django_db


def _client(user):  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_read_only_staff_see_the_overview_but_cannot_publish():
    document = DocumentFactory()
    reader = _client(factories.read_only_staff_user())
    assert reader.get("/gestion/politica/").status_code == 200
    url = f"/gestion/politica/documentos/{document.pk}/version-nueva/"
    assert reader.get(url).status_code == 403
    assert reader.post(url, {"body": "Texto.", "accion": "publicar"}).status_code == 403
    assert document.versions.count() == 0


def test_publishing_refuses_an_actor_without_the_rule():
    document = DocumentFactory()
    for user in (factories.read_only_staff_user(), factories.UserFactory()):
        with pytest.raises(PermissionDenied):
            services.document_version_publish(
                document=document, body="Un párrafo.", actor=Actor.of(user)
            )
    with pytest.raises(PermissionDenied):
        services.document_version_publish(
            document=document, body="Un párrafo.", actor=Actor.of(None)
        )
    assert document.versions.count() == 0


def test_an_organiser_publishes_and_is_recorded_as_publisher():
    document = DocumentFactory()
    organiser = factories.organiser_user()
    version, _plan = services.document_version_publish(
        document=document, body="Un párrafo.", actor=Actor.of(organiser)
    )
    assert (version.number, version.published_by) == (1, organiser)


def test_plain_records_need_the_model_permission():
    process = ProcessFactory()
    reader = Actor.of(factories.read_only_staff_user())
    with pytest.raises(PermissionDenied):
        services.process_save(process=Process(title="Otro", summary="Resumen."), actor=reader)
    expense = ExpenseFactory(process=process)
    expense.description = "Cambiado por quien solo consulta"
    with pytest.raises(PermissionDenied):
        services.expense_save(expense=expense, actor=reader)
    with pytest.raises(PermissionDenied):
        services.policy_record_delete(instance=expense, actor=reader)
    assert Expense.objects.get(pk=expense.pk).description != "Cambiado por quien solo consulta"
    organiser = Actor.of(factories.organiser_user())
    services.expense_save(expense=expense, actor=organiser)
    services.policy_record_delete(instance=expense, actor=organiser)
    assert not Expense.objects.filter(pk=expense.pk).exists()


def test_read_only_staff_cannot_change_records_in_the_admin():
    expense = ExpenseFactory()
    reader = _client(factories.read_only_staff_user())
    response = reader.post(
        f"/admin/policy/expense/{expense.pk}/change/",
        {"description": "Cambio", "concept": expense.concept, "amount": "1"},
    )
    assert response.status_code == 403
