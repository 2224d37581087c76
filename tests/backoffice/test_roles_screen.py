"""The back office's duties screen: organisers grant and revoke; others get a 403."""

from __future__ import annotations

import pytest
from django.test import Client

from datacon.common.models import AuditEntry
from datacon.editions.models_access import EditionDuty, EditionRole
from tests import factories

pytestmark = pytest.mark.django_db


def _client(user):  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def organiser(edition):  # type: ignore[no-untyped-def]
    user = factories.UserFactory()
    EditionRole.objects.create(edition=edition, user=user, duty=EditionDuty.ORGANISER)
    return user


def test_grant_by_email_with_an_expiry_then_revoke(edition, organiser):
    staff = factories.UserFactory(email="puerta@example.org")
    client = _client(organiser)
    url = f"/gestion/ediciones/{edition.slug}/funciones/"
    response = client.post(
        url,
        {
            "action": "grant",
            "email": "PUERTA@example.org",
            "duty": "checkin",
            "expires_on": "2099-03-10",
            "note": "Puerta norte",
        },
    )
    assert (response.status_code, response["Location"]) == (302, url)
    role = EditionRole.objects.get(user=staff)
    assert (role.duty, role.note, role.granted_by, role.expires_at.isoformat()) == (
        "checkin",
        "Puerta norte",
        organiser,
        "2099-03-11T06:00:00+00:00",  # the whole 10th in Mexico City
    )
    page = client.get(url).content.decode()
    assert "puerta@example.org" in page and "Otorgada" in page
    response = client.post(url, {"action": "revoke", "role": role.pk})
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.revoked_at is not None
    assert list(
        AuditEntry.objects.filter(object_type="editions.editionrole", object_id=str(role.pk))
        .order_by("id")
        .values_list("action", "actor")
    ) == [("editionrole.grant", organiser.pk), ("editionrole.revoke", organiser.pk)]
    assert "Revocada" in client.get(url).content.decode()


def test_an_unknown_email_keeps_what_was_typed(edition, organiser):
    response = _client(organiser).post(
        f"/gestion/ediciones/{edition.slug}/funciones/",
        {
            "action": "grant",
            "email": "nadie@example.org",
            "duty": "attendee_data",
            "expires_on": "2099-01-31",
            "note": "Para la constancia",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "No hay ninguna cuenta con ese correo" in page
    assert 'value="nadie@example.org"' in page
    assert 'value="2099-01-31"' in page
    assert 'value="Para la constancia"' in page
    assert '<option value="attendee_data" selected>' in page
    assert EditionRole.objects.filter(edition=edition).count() == 1


def test_a_duplicate_grant_is_explained_on_the_form(edition, organiser):
    staff = factories.UserFactory()
    EditionRole.objects.create(edition=edition, user=staff, duty=EditionDuty.READ_ONLY)
    response = _client(organiser).post(
        f"/gestion/ediciones/{edition.slug}/funciones/",
        {"action": "grant", "email": staff.email, "duty": "read_only"},
    )
    assert "Esa cuenta ya tiene esa función en la edición." in response.content.decode()


def test_non_organisers_are_refused(edition):
    checkin = factories.UserFactory()
    EditionRole.objects.create(edition=edition, user=checkin, duty=EditionDuty.CHECKIN)
    other = factories.UserFactory()
    EditionRole.objects.create(
        edition=factories.EditionFactory(), user=other, duty=EditionDuty.ORGANISER
    )
    url = f"/gestion/ediciones/{edition.slug}/funciones/"
    for user in (checkin, other, factories.UserFactory()):
        client = _client(user)
        assert (client.get(url).status_code, client.post(url, {"action": "grant"}).status_code) == (
            403,
            403,
        )
    assert _client(checkin).get("/gestion/funciones/").status_code == 403
    # The other edition's organiser sees the index, with only that edition.
    index = _client(other).get("/gestion/funciones/").content.decode()
    assert edition.title not in index


def test_the_menu_and_the_edition_hub_link_the_screen(edition, organiser):
    client = _client(organiser)
    assert 'href="/gestion/funciones/"' in client.get("/gestion/").content.decode()
    index = client.get("/gestion/funciones/").content.decode()
    assert f'href="/gestion/ediciones/{edition.slug}/funciones/"' in index
