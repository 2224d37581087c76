"""Back office: attendee list and exports guarded by permissions and logged; check-in screens."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client

from datacon.backoffice.roles import ORGANISERS, roles_ensure
from datacon.common.models import AuditEntry
from datacon.registration.models import AttendeeExport, Registration
from tests import factories
from tests.registration.factories import register, registration_edition, signup, workshop

pytestmark = pytest.mark.django_db


def _staff(*groups: str, **kwargs) -> Client:
    roles_ensure()
    user = factories.UserFactory(is_staff=True, **kwargs)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    client = Client()
    client.force_login(user)
    return client


def test_organisers_do_not_get_attendee_personal_data_permissions_by_default():
    roles_ensure()
    organisers = set(
        Group.objects.get(name=ORGANISERS).permissions.values_list("codename", flat=True)
    )
    assert "checkin_attendees" in organisers
    assert "view_registration" in organisers
    assert {"view_private_attendees", "export_private_attendees"} & organisers == set()
    holders = set(
        Group.objects.get(name="Responsables de datos de asistentes").permissions.values_list(
            "codename", flat=True
        )
    )
    assert {"view_private_attendees", "export_private_attendees"} <= holders


def test_attendee_list_hides_personal_data_without_the_permission():
    edition, _venues = registration_edition()
    registration = register(edition, name="Nombre Muy Privado")
    html = _staff(ORGANISERS).get(f"/gestion/registro/{edition.slug}/asistentes/").content.decode()
    assert registration.ticket_display in html
    assert registration.name not in html
    assert registration.email not in html
    searched = (
        _staff(ORGANISERS)
        .get(f"/gestion/registro/{edition.slug}/asistentes/?q=Nombre")
        .content.decode()
    )
    assert "0 registros" in searched


def test_attendee_list_shows_personal_data_with_the_permission():
    edition, _venues = registration_edition()
    registration = register(edition, name="Nombre Muy Privado", accessibility_needs="Rampa")
    client = _staff(ORGANISERS, "Responsables de datos de asistentes")
    html = client.get(f"/gestion/registro/{edition.slug}/asistentes/?q=Privado").content.decode()
    assert registration.name in html
    assert registration.email in html
    assert "Rampa" in html


def test_export_with_personal_data_needs_the_permission_and_is_logged():
    edition, _venues = registration_edition()
    registration = register(edition)
    organiser = _staff(ORGANISERS, email="organiza@organizador.example")
    url = f"/gestion/registro/{edition.slug}/asistentes.csv"
    assert organiser.get(url + "?datos_personales=1").status_code == 403
    assert AttendeeExport.objects.count() == 0
    plain = organiser.get(url).content.decode("utf-8-sig")
    assert registration.ticket_display in plain
    assert registration.email not in plain
    holder = _staff(
        ORGANISERS, "Responsables de datos de asistentes", email="dpo@organizador.example"
    )
    personal = holder.get(url + "?datos_personales=1")
    assert personal["Content-Disposition"] == (
        f'attachment; filename="asistentes-{edition.slug}-con-datos-personales.csv"'
    )
    assert registration.email in personal.content.decode("utf-8-sig")
    logs = list(
        AttendeeExport.objects.order_by("pk").values_list(
            "with_personal_data", "rows", "actor__email"
        )
    )
    assert logs == [
        (False, 1, "organiza@organizador.example"),
        (True, 1, "dpo@organizador.example"),
    ]
    assert AuditEntry.objects.filter(action="registration.export_personal").count() == 1
    log_page = holder.get(f"/gestion/registro/{edition.slug}/exportaciones/").content.decode()
    assert "dpo@organizador.example" in log_page


def test_attendee_list_query_count_does_not_grow(count_queries):
    client = _staff(ORGANISERS, "Responsables de datos de asistentes")
    sizes = []
    for n in (3, 12):
        edition, _venues = registration_edition()
        session = workshop(edition, capacity=50)
        for _ in range(n):
            signup(register(edition, notify=False), session, notify=False)
        client.get(f"/gestion/registro/{edition.slug}/asistentes/")
        sizes.append(
            count_queries(lambda e=edition: client.get(f"/gestion/registro/{e.slug}/asistentes/"))
        )
    assert sizes[0] == sizes[1]


def test_checkin_screen_for_staff_answers_json_and_redirects_without_script():
    edition, (venue,) = registration_edition()
    registration = register(edition)
    client = _staff("Personal de registro en sede")
    url = f"/gestion/registro/{edition.slug}/acceso/sede/{venue.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    assert 'autocapitalize="characters"' in page.content.decode()
    first = client.post(url, {"code": registration.ticket_code}, HTTP_ACCEPT="application/json")
    again = client.post(url, {"code": registration.ticket_code}, HTTP_ACCEPT="application/json")
    bad = client.post(url, {"code": "nada"}, HTTP_ACCEPT="application/json")
    assert (first.status_code, first.json()["kind"]) == (200, "checked_in")
    assert (again.status_code, again.json()["kind"]) == (200, "already")
    assert again.json()["message"].startswith("Ya registrado a las ")
    assert (bad.status_code, bad.json()["kind"]) == (400, "invalid")
    plain = client.post(url, {"code": registration.ticket_code}, follow=True)
    assert "Ya registrado a las" in plain.content.decode()
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 1


def test_checkin_needs_the_checkin_permission():
    edition, (venue,) = registration_edition()
    readonly = _staff("Personal de consulta")
    assert (
        readonly.get(f"/gestion/registro/{edition.slug}/acceso/sede/{venue.pk}/").status_code == 403
    )
    member = Client()
    member.force_login(factories.UserFactory())
    assert member.get(f"/gestion/registro/{edition.slug}/acceso/").status_code == 403


def test_checkin_staff_sees_live_counts():
    edition, (venue,) = registration_edition(capacity=5)
    session = workshop(edition, capacity=3)
    first, second = register(edition), register(edition)
    signup(first, session)
    client = _staff("Personal de registro en sede")
    client.post(
        f"/gestion/registro/{edition.slug}/acceso/sede/{venue.pk}/",
        {"code": first.ticket_code},
        HTTP_ACCEPT="application/json",
    )
    counts = client.get(f"/gestion/registro/{edition.slug}/conteos.json").json()
    venue_counts = next(v for v in counts["venues"] if v["key"] == f"venue:{venue.pk}")
    session_counts = next(s for s in counts["sessions"] if s["key"] == f"session:{session.pk}")
    assert (venue_counts["checked_in"], venue_counts["confirmed"], venue_counts["capacity"]) == (
        1,
        2,
        5,
    )
    assert (
        session_counts["checked_in"],
        session_counts["confirmed"],
        session_counts["capacity"],
    ) == (0, 1, 3)
    assert second.status == "confirmed"


def test_dashboard_figures_and_csv_for_organisers():
    edition, _venues = registration_edition()
    register(edition, sector="academia")
    client = _staff(ORGANISERS)
    assert client.get(f"/gestion/registro/{edition.slug}/").status_code == 200
    csv_text = client.get(f"/gestion/registro/{edition.slug}/cifras/?formato=csv").content.decode(
        "utf-8-sig"
    )
    lines = csv_text.splitlines()
    assert (
        lines[0]
        == "dimension,clave,etiqueta,registradas,asistentes,no_asistieron,lista_de_espera,cupo"
    )
    assert lines[1] == "total,,,1,0,1,0,"
    assert "sector,academia,Academia,1,0,1,0," in lines


def test_organiser_cancels_an_attendee_and_the_next_one_gets_the_seat():
    edition, _venues = registration_edition(capacity=1)
    first, second = register(edition), register(edition)
    client = _staff(ORGANISERS)
    client.post(f"/gestion/registro/{edition.slug}/asistentes/{first.pk}/cancelar/")
    assert Registration.objects.get(pk=second.pk).status == "confirmed"
    assert Permission.objects.filter(codename="export_private_attendees").count() == 1


def test_more_seats_in_the_admin_promote_people_waiting(superuser_client):
    edition, _venues = registration_edition()
    session = workshop(edition, capacity=1)
    signups = [signup(register(edition), session) for _ in range(3)]
    seats = session.seats
    response = superuser_client.post(
        f"/admin/registration/sessionseats/{seats.pk}/change/",
        {"session": session.pk, "capacity": 2, "signups_open": "on"},
    )
    assert response.status_code == 302
    from datacon.registration.models import SessionSignup

    assert [SessionSignup.objects.get(pk=s.pk).status for s in signups] == [
        "confirmed",
        "confirmed",
        "waiting",
    ]


def test_registration_settings_in_the_admin_validate_modes(superuser_client):
    edition, _venues = registration_edition()
    config = edition.registration_settings
    response = superuser_client.post(
        f"/admin/registration/registrationsettings/{config.pk}/change/",
        {
            "organisation_field": "optional",
            "sector_field": "required",
            "state_field": "required",
            "accessibility_field": "optional",
            "reminder_hours_before": 48,
        },
    )
    assert response.status_code == 200
    assert "Permita al menos una forma de asistir" in response.content.decode()


def test_the_overview_offers_to_open_registration_for_an_edition_without_it(organiser_client):
    """Opening registration was an admin form; it is now the edition's own record screen."""
    edition = factories.EditionFactory(slug="sin-registro")
    registration_edition()
    html = organiser_client.get("/gestion/registro/").content.decode()
    assert html.count("/configuracion/registro/nuevo/") == 1
    assert f'href="/gestion/ediciones/{edition.slug}/configuracion/registro/nuevo/"' in html
    assert "/admin/" not in html
