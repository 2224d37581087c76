"""Only organisers of an edition write its memoria; back-office readers only read it."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from datacon.common.actor import Actor
from datacon.editions.models_access import EditionDuty, EditionRole
from datacon.memoria.models import Memoria
from datacon.memoria.services import (
    memoria_ensure,
    memoria_publish,
    memoria_section_save,
    reported_figure_save,
)
from tests import factories

pytestmark = pytest.mark.django_db


def _organiser_of(edition):  # type: ignore[no-untyped-def]
    user = factories.UserFactory()
    EditionRole.objects.create(edition=edition, user=user, duty=EditionDuty.ORGANISER)
    return user


def test_memoria_services_refuse_who_does_not_organise_the_edition():
    edition, other = factories.EditionFactory(), factories.EditionFactory()
    memoria = memoria_ensure(edition=edition, actor=factories.SYSTEM)
    for user in (
        factories.read_only_staff_user(),
        factories.UserFactory(is_staff=True),
        _organiser_of(other),
    ):
        actor = Actor.of(user)
        with pytest.raises(PermissionDenied):
            memoria_publish(memoria=memoria, actor=actor)
        with pytest.raises(PermissionDenied):
            memoria_section_save(memoria=memoria, kind="goals", body="Objetivos.", actor=actor)
        with pytest.raises(PermissionDenied):
            reported_figure_save(
                memoria=memoria, key="attendees", value=10, source="Fuente", actor=actor
            )
    assert Memoria.objects.get(pk=memoria.pk).status == "draft"
    assert memoria.sections.count() == memoria.figures.count() == 0


def test_organiser_of_one_edition_edits_and_publishes_its_memoria_and_no_other():
    edition, other = factories.EditionFactory(), factories.EditionFactory()
    client = Client()
    client.force_login(_organiser_of(edition))
    assert client.get(f"/gestion/memorias/{edition.slug}/").status_code == 200
    response = client.post(f"/gestion/memorias/{edition.slug}/publicacion/", {"accion": "publicar"})
    assert response.status_code == 302
    assert Memoria.objects.get(edition=edition).status == "published"
    assert client.get(f"/gestion/memorias/{other.slug}/").status_code == 403
    assert Memoria.objects.filter(edition=other).count() == 0


def test_read_only_staff_preview_but_do_not_edit():
    edition = factories.EditionFactory()
    client = Client()
    client.force_login(factories.read_only_staff_user())
    assert client.get("/gestion/memorias/").status_code == 200
    assert client.get(f"/gestion/memorias/{edition.slug}/vista-previa/").status_code == 200
    assert client.get(f"/gestion/memorias/{edition.slug}/").status_code == 403
