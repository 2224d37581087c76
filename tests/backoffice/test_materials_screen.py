"""Organisers add and remove a session's materials from the back office; the public page
shows them with their licence; every change is audited; others get a 403."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from datacon.common.actor import Actor
from datacon.common.models import AuditEntry
from datacon.editions.models_access import EditionDuty, EditionRole
from datacon.program.models import Material
from datacon.program.services import material_remove, material_save
from tests import factories

pytestmark = pytest.mark.django_db


def _client(user):  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_add_a_video_and_a_file_then_remove_one(organiser_client, organiser_user):
    session = factories.SessionFactory()
    url = f"/gestion/ediciones/{session.edition.slug}/programa/sesiones/{session.pk}/materiales/"
    assert (
        url
        in organiser_client.get(
            f"/gestion/ediciones/{session.edition.slug}/programa/sesiones/{session.pk}/"
        ).content.decode()
    )
    response = organiser_client.post(
        url,
        {
            "action": "add",
            "kind": "video",
            "title": "Grabación",
            "url": "https://video.example.org/s1",
            "licence": "CC-BY-SA-4.0",
            "language": "es",
        },
    )
    assert (response.status_code, response["Location"]) == (302, url)
    response = organiser_client.post(
        url,
        {
            "action": "add",
            "kind": "slides",
            "title": "Diapositivas",
            "file": SimpleUploadedFile("s.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
            "licence": "CC0-1.0",
            "language": "es",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    video, slides = Material.objects.filter(session=session).order_by("order")
    assert (video.licence, video.order, slides.licence, slides.order) == (
        "CC-BY-SA-4.0",
        1,
        "CC0-1.0",
        2,
    )
    public = Client().get(f"/ediciones/{session.edition.slug}/sesiones/{session.code}/")
    assert "Grabación" in public.content.decode()
    organiser_client.post(url, {"action": "remove", "material": video.pk})
    assert list(Material.objects.filter(session=session)) == [slides]
    assert list(
        AuditEntry.objects.filter(object_type="program.material")
        .order_by("id")
        .values_list("action", "actor")
    ) == [
        ("material.create", organiser_user.pk),
        ("material.create", organiser_user.pk),
        ("material.delete", organiser_user.pk),
    ]


def test_a_video_without_its_link_keeps_what_was_typed(organiser_client):
    session = factories.SessionFactory()
    response = organiser_client.post(
        f"/gestion/ediciones/{session.edition.slug}/programa/sesiones/{session.pk}/materiales/",
        {"action": "add", "kind": "video", "title": "Grabación", "licence": "CC0-1.0"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Indique el enlace." in page
    assert 'value="Grabación"' in page
    assert '<option value="CC0-1.0" selected>' in page
    assert Material.objects.count() == 0


def test_only_the_editions_organisers_touch_materials():
    session = factories.SessionFactory()
    material = factories.MaterialFactory(session=session)
    checkin = factories.UserFactory()
    EditionRole.objects.create(edition=session.edition, user=checkin, duty=EditionDuty.CHECKIN)
    other = factories.UserFactory()
    EditionRole.objects.create(
        edition=factories.EditionFactory(), user=other, duty=EditionDuty.ORGANISER
    )
    url = f"/gestion/ediciones/{session.edition.slug}/programa/sesiones/{session.pk}/materiales/"
    for user in (checkin, other):
        client = _client(user)
        assert client.get(url).status_code == 403
        assert client.post(url, {"action": "remove", "material": material.pk}).status_code == 403
        with pytest.raises(PermissionDenied):
            material_remove(material=material, actor=Actor.of(user))
        with pytest.raises(PermissionDenied):
            material_save(
                material=Material(session=session, kind="link", url="https://x.example.org"),
                actor=Actor.of(user),
            )
    assert list(Material.objects.all()) == [material]
