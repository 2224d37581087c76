"""A participant's own page (issue 15.1): confirm or decline, a profile with public and
private fields, materials with a licence, reminders from the publish screen.

Nobody appears in public before confirming; what a person marks private is on no
page, API response, CSV or open-data archive; a change shows at once.
"""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from datacon.common.actor import Actor
from datacon.common.models import OutboundEmail
from datacon.people.services import person_profile_update
from datacon.program.models import Material, Participation, ParticipationStatus
from datacon.program.services import material_save
from tests import factories
from tests.responses import body_text

pytestmark = pytest.mark.django_db

CO_SPEAKER = "Beatriz Coponente Zubiría"
DECLINED = "Carlos Declinado Ortega"
PAGE = "/cuenta/participaciones/"
PROFILE = "/cuenta/participaciones/perfil/"


@pytest.fixture
def scene():  # type: ignore[no-untyped-def]
    edition = factories.EditionFactory(year=2024)  # published, already held
    venue = factories.VenueFactory(edition=edition, streaming_url="https://video.example/canal")
    room = factories.RoomFactory(venue=venue, name="Sala Norte")
    session = factories.SessionFactory(
        edition=edition, code="S0101", title="Panel de consentimiento", venue=venue, room=room
    )
    factories.ParticipationFactory(
        session=session, person=factories.PersonFactory(public_name="Ana Confirmada Quiroga")
    )
    user = factories.UserFactory(email="beatriz@example.org")
    person = factories.PersonFactory(
        public_name=CO_SPEAKER, slug="beatriz-coponente", user=user, email="beatriz@example.org"
    )
    pending = factories.ParticipationFactory(
        session=session, person=person, role="speaker", status="pending", consent_basis=""
    )
    factories.ParticipationFactory(
        session=session,
        person=factories.PersonFactory(public_name=DECLINED),
        role="moderator",
        status="declined",
        consent_basis="",
    )
    client = Client()
    client.force_login(user)
    return {
        "edition": edition,
        "session": session,
        "user": user,
        "person": person,
        "participation": pending,
        "client": client,
    }


def _public_urls(scene) -> list[str]:  # type: ignore[no-untyped-def]
    slug, code = scene["edition"].slug, scene["session"].code
    return [
        f"/ediciones/{slug}/programa/",
        f"/ediciones/{slug}/sesiones/{code}/",
        f"/ediciones/{slug}/schedule.json",
        "/personas/",
        "/personas/beatriz-coponente/",
        "/api/v1/people/",
        "/api/v1/participations/",
        f"/ediciones/{slug}/datos/conferencia/participaciones.csv",
        f"/ediciones/{slug}/datos/conferencia/personas.csv",
        "/datos/conferencia/personas.json",
        f"/ediciones/{slug}/datos/datos-abiertos.zip",
        "/datos/datacon-datos-abiertos.zip",
    ]


def _profile(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "public_name": CO_SPEAKER,
        "position": "Investigadora",
        "bio": "Estudia registros administrativos abiertos.",
        "website": "https://beatriz.example.org/",
    }
    data.update(changes)
    return data


def _respond(scene, answer: str):  # type: ignore[no-untyped-def]
    return scene["client"].post(
        f"/cuenta/participaciones/{scene['participation'].pk}/responder/", {"answer": answer}
    )


def test_the_page_lists_sessions_times_rooms_and_streaming(scene):
    response = scene["client"].get(PAGE)
    page = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "S0101 · Panel de consentimiento" in page
    assert "Sala Norte" in page
    assert "https://video.example/canal" in page
    assert "11 de mayo de 2024, 10:00" in page
    assert "Por confirmar" in page


def test_pending_and_declined_people_are_on_no_page_api_or_export(scene):
    client = Client()
    for url in _public_urls(scene):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        body = body_text(response) if response.status_code == 200 else ""
        assert CO_SPEAKER not in body, url
        assert DECLINED not in body, url
    assert client.get("/personas/beatriz-coponente/").status_code == 404


def test_co_speaker_confirms_and_edits_the_bio_which_shows_everywhere_at_once(scene):
    client = Client()
    for url in _public_urls(scene):
        client.get(url)  # fill the caches
    assert _respond(scene, "confirm").status_code == 302
    participation = Participation.objects.get(pk=scene["participation"].pk)
    assert (participation.status, participation.consent_basis) == (
        ParticipationStatus.CONFIRMED,
        "self",
    )
    response = scene["client"].post(PROFILE, _profile(bio="Semblanza recién escrita."))
    assert response.status_code == 302
    slug = scene["edition"].slug
    for url in (
        "/personas/beatriz-coponente/",
        "/api/v1/people/",
        f"/ediciones/{slug}/datos/conferencia/personas.csv",
        f"/ediciones/{slug}/datos/datos-abiertos.zip",
    ):
        assert "Semblanza recién escrita." in body_text(client.get(url)), url
    session_page = body_text(client.get(f"/ediciones/{slug}/sesiones/S0101/"))
    assert CO_SPEAKER in session_page
    assert DECLINED not in session_page


def test_declining_keeps_the_person_out_of_public(scene):
    _respond(scene, "decline")
    assert Participation.objects.get(pk=scene["participation"].pk).status == "declined"
    client = Client()
    for url in _public_urls(scene):
        response = client.get(url)
        assert CO_SPEAKER not in (body_text(response) if response.status_code == 200 else ""), url


def test_private_fields_are_never_public_but_stay_on_the_own_form(scene):
    _respond(scene, "confirm")
    organisation = factories.OrganisationFactory(name="Instituto Reservado del Dato")
    response = scene["client"].post(
        PROFILE,
        _profile(
            bio="Texto privadísimo de la semblanza.",
            organisation=organisation.pk,
            website="https://privado.example.org/",
            private=["bio", "organisation", "website"],
        ),
    )
    assert response.status_code == 302
    person = scene["person"]
    person.refresh_from_db()
    assert (person.bio, person.organisation_id, person.website) == ("", None, "")
    client = Client()
    for url in _public_urls(scene):
        body = body_text(client.get(url))
        assert CO_SPEAKER in body or url.endswith((".zip", "participaciones/")), url
        for secret in (
            "Texto privadísimo",
            "Instituto Reservado del Dato",
            "privado.example.org",
        ):
            assert secret not in body, (url, secret)
    form = scene["client"].get(PROFILE).content.decode()
    assert "Texto privadísimo de la semblanza." in form
    assert "https://privado.example.org/" in form
    assert "Privado" in scene["client"].get(PAGE).content.decode()


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(buffer, format="PNG")
    return buffer.getvalue()


def test_the_photo_is_public_only_with_its_own_consent(scene):
    _respond(scene, "confirm")
    scene["client"].post(
        PROFILE, {**_profile(), "photo": SimpleUploadedFile("yo.png", _png(), "image/png")}
    )
    person = scene["person"]
    person.refresh_from_db()
    assert bool(person.photo) is True
    assert person.photo_consent is False
    api = Client().get("/api/v1/people/").json()
    rows = api.get("results", api)
    assert [row["photo"] for row in rows if row["public_name"] == CO_SPEAKER] == [
        None
    ]  # no public photo: null, never ""
    assert "profile-photo" not in Client().get("/personas/beatriz-coponente/").content.decode()

    scene["client"].post(PROFILE, {**_profile(), "photo_consent": "on"})
    page = Client().get("/personas/beatriz-coponente/").content.decode()
    assert "profile-photo" in page


def test_someone_else_cannot_answer_or_edit_the_profile(scene):
    other = Client()
    other.force_login(factories.UserFactory())
    response = other.post(
        f"/cuenta/participaciones/{scene['participation'].pk}/responder/", {"answer": "confirm"}
    )
    assert response.status_code == 404
    assert Participation.objects.get(pk=scene["participation"].pk).status == "pending"
    with pytest.raises(PermissionDenied):
        person_profile_update(
            person=scene["person"], actor=Actor.of(factories.UserFactory()), public_name="X"
        )


def test_a_confirmed_participant_uploads_slides_with_a_licence_to_the_session_page(scene):
    url = f"/cuenta/participaciones/sesion/{scene['session'].pk}/material/"
    assert scene["client"].get(url).status_code == 403  # not confirmed yet
    _respond(scene, "confirm")
    assert scene["client"].get(url).status_code == 200
    response = scene["client"].post(
        url,
        {
            "kind": "slides",
            "title": "Diapositivas del panel",
            "licence": "CC-BY-SA-4.0",
            "file": SimpleUploadedFile("panel.pdf", b"%PDF-1.4 prueba", "application/pdf"),
        },
    )
    assert response.status_code == 302
    material = Material.objects.get(session=scene["session"])
    assert (material.kind, material.licence) == ("slides", "CC-BY-SA-4.0")
    page = Client().get(f"/ediciones/{scene['edition'].slug}/sesiones/S0101/").content.decode()
    assert "Diapositivas del panel" in page
    assert "CC BY-SA 4.0" in page


def test_an_upload_of_the_wrong_type_is_refused_and_the_form_keeps_what_was_typed(scene):
    _respond(scene, "confirm")
    response = scene["client"].post(
        f"/cuenta/participaciones/sesion/{scene['session'].pk}/material/",
        {
            "kind": "slides",
            "title": "Programa disfrazado",
            "licence": "CC0-1.0",
            "file": SimpleUploadedFile("panel.pdf", b"MZ\x90\x00binario", "application/pdf"),
        },
    )
    assert response.status_code == 200
    assert "Programa disfrazado" in response.content.decode()
    assert Material.objects.filter(session=scene["session"]).count() == 0


def test_before_the_session_starts_the_participant_cannot_upload(scene):
    future = factories.SessionFactory(edition=factories.EditionFactory(year=2099), code="S0102")
    factories.ParticipationFactory(session=future, person=scene["person"])
    url = f"/cuenta/participaciones/sesion/{future.pk}/material/"
    assert scene["client"].get(url).status_code == 403
    assert "cuando la sesión empiece" in scene["client"].get(PAGE).content.decode()


def test_one_material_service_and_who_acts_chooses_the_rule(scene, organiser_user):
    """`material_save` serves the participant's page (program.upload_material: add slides,
    a document or a link) and the organisers' screen (program.materials: any kind, and
    changes); a new material goes last either way."""
    session = scene["session"]
    participant = Actor.of(scene["user"])

    def new(kind: str, title: str) -> Material:
        return Material(session=session, kind=kind, title=title, url="https://x.example.org/m")

    with pytest.raises(PermissionDenied):  # not confirmed yet
        material_save(material=new("link", "Antes de confirmar"), actor=participant)
    _respond(scene, "confirm")
    # A new request (the rule keeps the confirmed sessions on the user object of one request).
    participant = Actor.of(type(scene["user"]).objects.get(pk=scene["user"].pk))
    first = material_save(material=new("link", "  Enlace del panel "), actor=participant)
    assert (first.title, first.order) == ("Enlace del panel", 1)
    with pytest.raises(ValidationError) as refused:  # a video is the organisers' to add
        material_save(material=new("video", "Video"), actor=participant)
    assert list(refused.value.message_dict) == ["kind"]
    first.title = "Otro título"
    with pytest.raises(PermissionDenied):  # a published material is the organisers' to change
        material_save(material=first, actor=participant)

    organiser = Actor.of(organiser_user)
    material_save(material=new("video", "Video de la sesión"), actor=organiser)
    first.title = "Enlace corregido"
    material_save(material=first, actor=organiser)
    rows = Material.objects.filter(session=session).order_by("order")
    assert [(m.kind, m.title, m.order) for m in rows] == [
        ("link", "Enlace corregido", 1),
        ("video", "Video de la sesión", 2),
    ]


def test_the_organiser_queues_a_reminder_from_the_publish_screen(scene, organiser_client):
    slug = scene["edition"].slug
    page = organiser_client.get(f"/gestion/ediciones/{slug}/programa/publicar/").content.decode()
    assert "Recordar" in page
    response = organiser_client.post(
        f"/gestion/ediciones/{slug}/programa/publicar/recordar/{scene['participation'].pk}/"
    )
    assert response.status_code == 302
    email = OutboundEmail.objects.get(purpose="participation.reminder")
    assert email.to == "beatriz@example.org"
    assert "S0101 «Panel de consentimiento»" in email.body_text
    assert "/cuenta/participaciones/" in email.body_text


def test_a_participant_cannot_send_reminders(scene):
    slug = scene["edition"].slug
    response = scene["client"].post(
        f"/gestion/ediciones/{slug}/programa/publicar/recordar/{scene['participation'].pk}/"
    )
    assert response.status_code == 403
    assert OutboundEmail.objects.count() == 0


def test_the_page_runs_the_same_queries_for_one_or_many_participations(scene, count_queries):
    client = scene["client"]
    client.get(PAGE)
    one = count_queries(lambda: client.get(PAGE))
    for number in range(3):
        session = factories.SessionFactory(edition=scene["edition"], code=f"S020{number}")
        factories.ParticipationFactory(session=session, person=scene["person"])
        factories.MaterialFactory(session=session)
    many = count_queries(lambda: client.get(PAGE))
    assert many == one


def test_a_changed_public_profile_is_fresh_on_the_next_request_of_every_page(scene):
    _respond(scene, "confirm")
    scene["client"].post(PROFILE, _profile(bio="Semblanza de ayer.", position="Analista"))
    client = Client()
    slug = scene["edition"].slug
    urls = [
        "/personas/beatriz-coponente/",
        f"/ediciones/{slug}/sesiones/S0101/",
        "/api/v1/people/",
        f"/ediciones/{slug}/datos/conferencia/personas.csv",
    ]
    for url in urls:
        assert "Analista" in body_text(client.get(url)), url  # cached now
    scene["client"].post(PROFILE, _profile(bio="Semblanza de hoy.", position="Directora"))
    for url in urls:
        body = body_text(client.get(url))
        assert ("Directora" in body, "Analista" in body) == (True, False), url
