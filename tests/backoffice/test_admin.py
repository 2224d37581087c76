"""The Django admin as back office: it writes through services and refuses bad input in Spanish."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from datacon.common.models import AuditEntry
from datacon.program.models import Material, Session
from tests import factories

pytestmark = pytest.mark.django_db


def _session_form(edition, session_type, **overrides):
    data = {
        "edition": edition.pk,
        "code": "",
        "status": "confirmed",
        "title": "Datos abiertos para la salud",
        "session_type": session_type.pk,
        "abstract": "",
        "language": "es",
        "day": "",
        "order_in_day": "0",
        "starts_at_0": f"{edition.start_date:%Y-%m-%d}",
        "starts_at_1": "10:00:00",
        "ends_at_0": f"{edition.start_date:%Y-%m-%d}",
        "ends_at_1": "11:00:00",
        "venue": "",
        "room": "",
        "expected_audience": "",
        "participations-TOTAL_FORMS": "0",
        "participations-INITIAL_FORMS": "0",
        "materials-TOTAL_FORMS": "0",
        "materials-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_admin_session_add_assigns_code_and_audits(superuser_client, edition):
    session_type = factories.SessionTypeFactory(edition=edition)
    response = superuser_client.post(
        "/admin/program/session/add/", _session_form(edition, session_type)
    )
    assert response.status_code == 302
    session = Session.objects.get()
    assert session.code == "S0101"
    assert AuditEntry.objects.filter(action="session.create", actor__isnull=False).count() == 1


def test_admin_session_ending_before_start_shows_spanish_error_and_keeps_input(
    superuser_client, edition
):
    session_type = factories.SessionTypeFactory(edition=edition)
    response = superuser_client.post(
        "/admin/program/session/add/", _session_form(edition, session_type, ends_at_1="09:00:00")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "La sesión debe terminar después de empezar." in html
    assert 'value="Datos abiertos para la salud"' in html
    assert Session.objects.count() == 0


def test_admin_duplicate_code_is_refused(superuser_client, edition):
    existing = factories.SessionFactory(edition=edition, code="S0101")
    response = superuser_client.post(
        "/admin/program/session/add/", _session_form(edition, existing.session_type, code="S0101")
    )
    assert "Ya existe una sesión con ese código en esta edición." in response.content.decode()
    assert Session.objects.count() == 1


def test_admin_material_upload_wrong_type_is_refused_and_nothing_saved(
    superuser_client, edition, settings
):
    session_type = factories.SessionTypeFactory(edition=edition)
    fake_pdf = SimpleUploadedFile(
        "slides.pdf", b"MZ\x90\x00not a pdf", content_type="application/pdf"
    )
    data = _session_form(
        edition,
        session_type,
        **{
            "materials-TOTAL_FORMS": "1",
            "materials-0-kind": "slides",
            "materials-0-title": "Diapositivas",
            "materials-0-order": "0",
            "materials-0-body": "",
            "materials-0-url": "",
            "materials-0-licence": "CC-BY-4.0",
            "materials-0-language": "es",
            "materials-0-file": fake_pdf,
        },
    )
    response = superuser_client.post("/admin/program/session/add/", data)
    assert response.status_code == 200
    assert "El contenido del archivo no corresponde a un .pdf" in response.content.decode()
    assert Session.objects.count() == 0
    assert Material.objects.count() == 0


def test_admin_material_oversized_upload_is_refused(superuser_client, edition, settings):
    settings.DATACON_MAX_MATERIAL_BYTES = 100
    session = factories.SessionFactory(edition=edition)
    big = SimpleUploadedFile(
        "relatoria.pdf", b"%PDF-1.4\n" + b"0" * 500, content_type="application/pdf"
    )
    data = _session_form(
        edition,
        session.session_type,
        code=session.code,
        **{
            "materials-TOTAL_FORMS": "1",
            "materials-0-kind": "document",
            "materials-0-order": "0",
            "materials-0-licence": "CC-BY-4.0",
            "materials-0-language": "es",
            "materials-0-file": big,
        },
    )
    response = superuser_client.post(f"/admin/program/session/{session.pk}/change/", data)
    assert (
        "El archivo pesa 509\xa0bytes y el máximo permitido es 100\xa0bytes."
        in response.content.decode()
    )
    assert Material.objects.count() == 0


def test_admin_read_only_staff_and_organisers_are_refused(edition):
    """The admin is for superusers' repairs: staff without it get a 403, reading or writing."""
    person = factories.PersonFactory()
    for user in (factories.read_only_staff_user(), factories.organiser_user()):
        client = Client()
        client.force_login(user)
        page = client.get(f"/admin/people/person/{person.pk}/change/")
        response = client.post(f"/admin/people/person/{person.pk}/change/", {"public_name": "X"})
        assert (page.status_code, response.status_code) == (403, 403)
    person.refresh_from_db()
    assert person.public_name != "X"


def test_admin_superuser_sees_private_fields(superuser_client):
    person = factories.PersonFactory()
    html = superuser_client.get(f"/admin/people/person/{person.pk}/change/").content.decode()
    assert person.email in html


def test_admin_anonymous_is_sent_to_login(client):
    response = client.get("/admin/program/session/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/editions/edition/",
        "/admin/editions/edition/add/",
        "/admin/program/session/",
        "/admin/program/session/add/",
        "/admin/people/person/",
        "/admin/people/organisation/",
        "/admin/editions/venue/",
        "/admin/common/auditentry/",
        "/admin/common/outboundemail/",
    ],
)
def test_admin_pages_render_for_superusers(superuser_client, path):
    factories.SessionFactory()
    assert superuser_client.get(path).status_code == 200


def test_admin_session_list_query_count_does_not_grow(superuser_client, edition, count_queries):
    factories.SessionFactory.create_batch(3, edition=edition)
    small = count_queries(lambda: superuser_client.get("/admin/program/session/"))
    factories.SessionFactory.create_batch(30, edition=edition)
    large = count_queries(lambda: superuser_client.get("/admin/program/session/"))
    assert small == large


def test_admin_session_in_a_taken_room_is_refused_on_the_room_field(superuser_client, edition):
    venue = factories.VenueFactory(edition=edition, name="Virtual", is_virtual=True, state="")
    channel = factories.RoomFactory(venue=venue, name="Transmisión 1", is_channel=True)
    existing = factories.SessionFactory(
        edition=edition, code="S0101", title="Inauguración", venue=venue, room=channel
    )
    response = superuser_client.post(
        "/admin/program/session/add/",
        _session_form(
            edition,
            existing.session_type,
            starts_at_1="10:30:00",
            venue=str(venue.pk),
            room=str(channel.pk),
        ),
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "room": [
            "La sala «Transmisión 1» ya está ocupada a esa hora: S0101 «Inauguración» es el "
            f"11/05/{edition.year} de 10:00 a 11:00. Elija otra sala u otro horario."
        ]
    }
    assert Session.objects.count() == 1
