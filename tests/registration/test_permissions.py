"""Who may do what with registrations: named rules on the edition, ownership, 403s.

Check-in staff and attendee-data officers hold their duty per edition
(EditionRole) or for every edition (their platform group); organisers do not
see attendees' personal data by being organisers; a person changes or cancels
only their own registration (PermissionDenied, a 403, never a form error).
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from datacon.common.actor import Actor
from datacon.common.models import AuditEntry
from datacon.editions.models_access import EditionDuty, EditionRole
from datacon.registration.models import Registration, SessionSignup
from datacon.registration.services import (
    attendees_export_csv,
    checkin_venue,
    registration_anonymise,
    registration_cancel,
    registration_update,
    session_signup,
    session_signup_cancel,
    waitlists_promote,
)
from tests import factories
from tests.registration.factories import (
    attendee_user,
    register,
    registration_edition,
    signup,
    workshop,
)

pytestmark = pytest.mark.django_db


def _with_duty(edition, duty, **kwargs):  # type: ignore[no-untyped-def]
    """An account (not staff, in no group) holding one duty at one edition."""
    user = factories.UserFactory(**kwargs)
    EditionRole.objects.create(edition=edition, user=user, duty=duty)
    return user


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


# --- ownership: services refuse with PermissionDenied ----------------------------------------


def test_someone_else_cannot_cancel_my_registration():
    edition, _venues = registration_edition()
    mine = register(edition)
    with pytest.raises(PermissionDenied):
        registration_cancel(registration=mine, actor=Actor.of(attendee_user()))
    assert Registration.objects.get(pk=mine.pk).status == "confirmed"


def test_someone_else_cannot_correct_my_registration():
    edition, (venue,) = registration_edition()
    mine = register(edition, name="Nombre Original")
    with pytest.raises(PermissionDenied):
        registration_update(
            registration=mine,
            actor=Actor.of(attendee_user()),
            name="Otro Nombre",
            mode="in_person",
            venue=venue,
            sector="academia",
            state="09",
        )
    assert Registration.objects.get(pk=mine.pk).name == "Nombre Original"


def test_nobody_signs_up_or_leaves_a_workshop_with_someone_elses_registration():
    edition, _venues = registration_edition()
    session = workshop(edition, capacity=2)
    mine = register(edition)
    seat = signup(mine, session)
    stranger = Actor.of(attendee_user())
    with pytest.raises(PermissionDenied):
        session_signup(registration=register(edition), session=session, actor=stranger)
    with pytest.raises(PermissionDenied):
        session_signup_cancel(signup=seat, actor=stranger)
    assert SessionSignup.objects.get(pk=seat.pk).status == "confirmed"


def test_only_the_owner_anonymises_a_registration():
    edition, _venues = registration_edition()
    mine = register(edition)
    with pytest.raises(PermissionDenied):
        registration_anonymise(registration=mine, actor=Actor.of(attendee_user()))
    assert registration_anonymise(registration=mine, actor=Actor.of(mine.user)).name == ""


def test_owner_and_organiser_of_the_edition_may_cancel():
    edition, _venues = registration_edition()
    first, second = register(edition), register(edition)
    registration_cancel(registration=first, actor=Actor.of(first.user))
    organiser = _with_duty(edition, EditionDuty.ORGANISER)
    registration_cancel(registration=second, actor=Actor.of(organiser))
    assert list(
        Registration.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)
    ) == ["cancelled", "cancelled"]


def test_an_organiser_of_another_edition_may_not_cancel_or_fill_seats():
    edition, _venues = registration_edition()
    other, _venues = registration_edition()
    someone = register(edition)
    elsewhere = Actor.of(_with_duty(other, EditionDuty.ORGANISER))
    with pytest.raises(PermissionDenied):
        registration_cancel(registration=someone, actor=elsewhere)
    with pytest.raises(PermissionDenied):
        waitlists_promote(edition=edition, actor=elsewhere)


# --- check-in staff per edition --------------------------------------------------------------


def test_checkin_service_refuses_an_account_without_the_checkin_duty():
    edition, (venue,) = registration_edition()
    registration = register(edition)
    for actor in (
        Actor.of(attendee_user()),
        Actor.of(_with_duty(edition, EditionDuty.ATTENDEE_DATA)),
    ):
        with pytest.raises(PermissionDenied):
            checkin_venue(venue=venue, code=registration.ticket_code, actor=actor)
    assert Registration.objects.get(pk=registration.pk).checked_in_at is None


def test_checkin_staff_of_one_edition_check_in_there_and_nowhere_else():
    edition, (venue,) = registration_edition()
    other, (other_venue,) = registration_edition()
    registration = register(edition)
    staff = _with_duty(edition, EditionDuty.CHECKIN)
    client = _client(staff)
    url = f"/gestion/registro/{edition.slug}/acceso/sede/{venue.pk}/"
    assert client.get(url).status_code == 200
    answer = client.post(url, {"code": registration.ticket_code}, HTTP_ACCEPT="application/json")
    assert (answer.status_code, answer.json()["kind"]) == (200, "checked_in")
    assert Registration.objects.get(pk=registration.pk).checked_in_by == staff
    assert (
        client.get(f"/gestion/registro/{other.slug}/acceso/sede/{other_venue.pk}/").status_code
        == 403
    )
    # Check-in is all they do: no attendee list, no dashboard.
    assert client.get(f"/gestion/registro/{edition.slug}/asistentes/").status_code == 403
    assert client.get(f"/gestion/registro/{edition.slug}/").status_code == 403


def test_overview_lists_only_the_editions_of_ones_duties():
    edition, _venues = registration_edition()
    other, _venues = registration_edition()
    staff = _with_duty(edition, EditionDuty.CHECKIN)
    html = _client(staff).get("/gestion/registro/").content.decode()
    assert edition.title in html
    assert other.title not in html
    assert _client(factories.UserFactory()).get("/gestion/registro/").status_code == 403


# --- attendees' personal data ----------------------------------------------------------------


def test_organiser_of_the_edition_sees_the_list_without_personal_data():
    edition, _venues = registration_edition()
    registration = register(edition, name="Nombre Muy Privado")
    organiser = _with_duty(edition, EditionDuty.ORGANISER)
    client = _client(organiser)
    html = client.get(f"/gestion/registro/{edition.slug}/asistentes/").content.decode()
    assert registration.ticket_display in html
    assert registration.name not in html
    url = f"/gestion/registro/{edition.slug}/asistentes.csv?datos_personales=1"
    assert client.get(url).status_code == 403
    with pytest.raises(PermissionDenied):
        attendees_export_csv(edition=edition, actor=Actor.of(organiser), with_personal_data=True)


def test_attendee_data_officer_of_one_edition_exports_it_audited_and_no_other():
    edition, _venues = registration_edition()
    other, _venues = registration_edition()
    registration = register(edition, name="Nombre Muy Privado")
    officer = _with_duty(edition, EditionDuty.ATTENDEE_DATA, email="dpo@organizador.example")
    client = _client(officer)
    html = client.get(f"/gestion/registro/{edition.slug}/asistentes/").content.decode()
    assert registration.name in html
    response = client.get(f"/gestion/registro/{edition.slug}/asistentes.csv?datos_personales=1")
    assert response.status_code == 200
    assert registration.email in response.content.decode("utf-8-sig")
    entry = AuditEntry.objects.get(action="registration.export_personal")
    assert (entry.actor, entry.object_type) == (officer, "registration.attendeeexport")
    assert client.get(f"/gestion/registro/{other.slug}/asistentes/").status_code == 403
    assert (
        client.get(f"/gestion/registro/{other.slug}/asistentes.csv?datos_personales=1").status_code
        == 403
    )


def test_read_only_staff_may_not_cancel_an_attendee():
    edition, _venues = registration_edition()
    registration = register(edition)
    client = _client(factories.read_only_staff_user())
    url = f"/gestion/registro/{edition.slug}/asistentes/{registration.pk}/cancelar/"
    assert client.post(url).status_code == 403
    assert Registration.objects.get(pk=registration.pk).status == "confirmed"
