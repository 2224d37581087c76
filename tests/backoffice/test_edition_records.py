"""An edition's configuration in the back office, without the Django admin (issue 16.2):
one mechanism (datacon/backoffice/records.py) for every kind of record.

For each kind: its organisers create and change records (through the service, with
an audit entry), an organiser of another edition gets a 403, a record of another
edition is a 404, and a refused save keeps what was typed and says why.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from datacon.backoffice.record_kinds import EDITION_SETTINGS, KINDS
from datacon.common.models import AuditEntry
from datacon.editions.models import Edition, EditionOrganisation, Room, SessionType, Venue
from datacon.editions.models_access import EditionRole
from datacon.proposals.models import (
    CallSessionType,
    EmailTemplate,
    Question,
    ReviewCriterion,
    ReviewTeam,
    Track,
)
from datacon.proposals.roles import REVIEWERS
from datacon.registration.models import RegistrationSettings, SessionSeats
from tests import factories
from tests.proposals import factories as pf

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup() -> dict[str, Any]:
    edition = factories.EditionFactory(title="Edición A")
    other = factories.EditionFactory(title="Edición B")
    pf.open_call(edition)
    pf.open_call(other)
    organiser = factories.UserFactory(is_staff=True)
    EditionRole.objects.create(edition=edition, user=organiser, duty="organiser")
    outsider = factories.UserFactory(is_staff=True)
    EditionRole.objects.create(edition=other, user=outsider, duty="organiser")
    venue = factories.VenueFactory(edition=edition, name="Sede central")
    # A session type the call does not accept yet.
    late_type = factories.SessionTypeFactory(edition=edition, name="Charla", slug="charla")
    clients = {}
    for name, user in (("organiser", organiser), ("outsider", outsider)):
        clients[name] = Client()
        clients[name].force_login(user)
    return {
        "edition": edition,
        "other": other,
        "organiser_user": organiser,
        "venue": venue,
        "late_type": late_type,
        "organisation": factories.OrganisationFactory(name="Aliada"),
        "session_type": edition.session_types.order_by("pk").first(),
        **clients,
    }


def _base(edition: Any) -> str:
    return f"/gestion/ediciones/{edition.slug}/configuracion/"


def _audited(record: Any, user: Any, verb: str) -> bool:
    return AuditEntry.objects.filter(
        object_type=record._meta.label_lower,
        object_id=str(record.pk),
        action=f"{record._meta.model_name}.{verb}",
        actor=user,
    ).exists()


# kind → (model, valid data for a new record, a field and value for a change)
def _creations(s: dict[str, Any]) -> dict[str, tuple[Any, dict[str, Any], tuple[str, Any]]]:
    return {
        "sedes": (
            Venue,
            {"name": "Sede norte", "state": "20", "city": "Oaxaca", "order": "2"},
            ("city", "Tlaxiaco"),
        ),
        "salas": (
            Room,
            {"venue": s["venue"].pk, "name": "Sala 3", "capacity": "40", "order": "1"},
            ("capacity", 55),
        ),
        "tipos-de-sesion": (
            SessionType,
            {"name": "Mesa", "slug": "mesa", "default_duration_minutes": "45", "order": "4"},
            ("default_duration_minutes", 50),
        ),
        "ejes": (
            Track,
            {"name": "Salud", "description": "Datos de salud", "order": "1"},
            ("order", 3),
        ),
        "criterios": (
            ReviewCriterion,
            {"name": "Impacto", "weight": "2", "scale_min": "1", "scale_max": "5", "order": "9"},
            ("scale_max", 10),
        ),
        "equipos": (ReviewTeam, {"name": "Equipo sur"}, ("name", "Equipo sureste")),
        "organizaciones": (
            EditionOrganisation,
            {"organisation": s["organisation"].pk, "role": "ally", "order": "1"},
            ("order", 2),
        ),
        "tipos-aceptados": (
            CallSessionType,
            {"session_type": s["late_type"].pk, "duration_minutes": "20", "order": "5"},
            ("duration_minutes", 25),
        ),
        "preguntas": (
            Question,
            {"text": "¿Qué datos usa?", "kind": "text", "order": "1"},
            ("required", True),
        ),
    }


def _post_data(record: Any, form_class: Any, changes: dict[str, Any]) -> dict[str, Any]:
    """The form's current values of a record, with `changes` applied (what a browser sends)."""
    form = form_class(instance=record, edition=record_edition(record))
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if hasattr(value, "pk"):
            value = value.pk
        if isinstance(value, list):
            value = [getattr(item, "pk", item) for item in value]
        if value is None or value is False:
            continue
        data[name] = value
    data.update(changes)
    return data


def record_edition(record: Any) -> Any:
    if isinstance(record, Edition):
        return record
    if isinstance(record, CallSessionType | Question):
        return record.call.edition
    return record.venue.edition if isinstance(record, Room) else record.edition


@pytest.mark.parametrize(
    "kind",
    [
        "sedes",
        "salas",
        "tipos-de-sesion",
        "ejes",
        "criterios",
        "equipos",
        "organizaciones",
        "tipos-aceptados",
        "preguntas",
    ],
)
def test_an_organiser_creates_then_changes_a_record_with_audit(setup, kind):  # type: ignore[no-untyped-def]
    model, data, (field, value) = _creations(setup)[kind]
    edition, client = setup["edition"], setup["organiser"]
    base = _base(edition) + kind + "/"
    assert client.get(base).status_code == 200
    assert client.get(base + "nuevo/").status_code == 200
    before = set(model.objects.values_list("pk", flat=True))
    response = client.post(base + "nuevo/", data)
    assert response.status_code == 302, response.context["form"].errors
    assert response["Location"] == base
    created = model.objects.exclude(pk__in=before).get()
    assert record_edition(created) == edition
    assert _audited(created, setup["organiser_user"], "create")
    assert f'href="{base}{created.pk}/"' in client.get(base).content.decode()

    response = client.post(
        f"{base}{created.pk}/", _post_data(created, KINDS[kind].form, {field: value})
    )
    assert response.status_code == 302, response.context["form"].errors
    created.refresh_from_db()
    assert getattr(created, field) == value
    assert _audited(created, setup["organiser_user"], "update")


@pytest.mark.parametrize("kind", list(KINDS))
def test_an_organiser_of_another_edition_is_refused(setup, kind):  # type: ignore[no-untyped-def]
    edition, client = setup["edition"], setup["outsider"]
    base = _base(edition) + kind + "/"
    assert client.get(base).status_code == 403
    assert client.get(base + "nuevo/").status_code == 403
    assert client.post(base + "nuevo/", {"name": "Intruso"}).status_code == 403
    assert client.get(base + "1/").status_code == 403
    assert client.get(_base(edition)).status_code == 403


def test_a_record_of_another_edition_is_not_found_under_this_one(setup):  # type: ignore[no-untyped-def]
    foreign = factories.VenueFactory(edition=setup["other"], name="Sede ajena")
    response = setup["organiser"].get(_base(setup["edition"]) + f"sedes/{foreign.pk}/")
    assert response.status_code == 404
    room_form = setup["organiser"].post(
        _base(setup["edition"]) + "salas/nuevo/", {"venue": foreign.pk, "name": "Sala"}
    )
    assert room_form.status_code == 200
    assert Room.objects.filter(venue=foreign).count() == 0


def test_an_unknown_kind_is_not_found(setup):  # type: ignore[no-untyped-def]
    assert setup["organiser"].get(_base(setup["edition"]) + "nada/").status_code == 404


def test_invalid_input_keeps_what_was_typed_and_shows_the_error(setup):  # type: ignore[no-untyped-def]
    response = setup["organiser"].post(
        _base(setup["edition"]) + "sedes/nuevo/", {"name": "", "city": "Ciudad Tipeada"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="Ciudad Tipeada"' in page
    assert 'role="alert"' in page
    assert Venue.objects.filter(city="Ciudad Tipeada").count() == 0


def test_the_services_refusal_shows_on_the_form(setup):  # type: ignore[no-untyped-def]
    """A duplicate identifier is refused by the write path's validation (the edition is
    not on the form), and the organiser sees it with what they typed."""
    existing = setup["session_type"]
    response = setup["organiser"].post(
        _base(setup["edition"]) + "tipos-de-sesion/nuevo/",
        {
            "name": "Otro nombre tipeado",
            "slug": existing.slug,
            "default_duration_minutes": "30",
            "order": "1",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="Otro nombre tipeado"' in page
    assert "Ya existe un tipo de sesión con ese identificador en la edición." in page
    assert SessionType.objects.filter(name="Otro nombre tipeado").count() == 0


def test_the_edition_settings_take_the_english_texts(setup):  # type: ignore[no-untyped-def]
    edition, client = setup["edition"], setup["organiser"]
    page = client.get(_base(edition)).content.decode()
    assert "<legend>Versión en inglés</legend>" in page
    assert 'name="summary_en"' in page
    data = _post_data(
        edition,
        EDITION_SETTINGS.form,
        {"title_en": "DATACON in English", "summary_en": "An open-data conference."},
    )
    response = client.post(_base(edition), data)
    assert response.status_code == 302, response.context["form"].errors
    edition.refresh_from_db()
    assert (edition.title_en, edition.summary_en) == (
        "DATACON in English",
        "An open-data conference.",
    )
    assert _audited(edition, setup["organiser_user"], "update")
    assert setup["outsider"].post(_base(edition), data).status_code == 403
    response = client.post(_base(edition), {**data, "status": "draft"})
    assert response.status_code == 302, response.context["form"].errors
    edition.refresh_from_db()
    assert edition.status == "draft"
    assert AuditEntry.objects.filter(
        object_id=str(edition.pk), action="edition.status.draft", actor=setup["organiser_user"]
    ).exists()


def test_session_content_changes_but_not_its_time_or_room(setup):  # type: ignore[no-untyped-def]
    edition = setup["edition"]
    room = factories.RoomFactory(venue=setup["venue"])
    session = factories.SessionFactory(
        edition=edition, title="Original", venue=setup["venue"], room=room
    )
    starts_at, status = session.starts_at, session.status
    base = _base(edition) + "sesiones/"
    assert setup["organiser"].get(base + "nuevo/").status_code == 404
    data = _post_data(
        session,
        KINDS["sesiones"].form,
        {"title_en": "In English", "abstract_en": "Abstract", "starts_at": "", "room": ""},
    )
    response = setup["organiser"].post(f"{base}{session.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors
    session.refresh_from_db()
    assert (session.title_en, session.abstract_en) == ("In English", "Abstract")
    assert (session.starts_at, session.status, session.room) == (starts_at, status, room)
    assert _audited(session, setup["organiser_user"], "update")
    assert "starts_at" not in KINDS["sesiones"].form(edition=edition).fields


def test_a_review_team_offers_only_reviewers_and_the_editions_tracks(setup):  # type: ignore[no-untyped-def]
    edition = setup["edition"]
    reviewer = factories.UserFactory(first_name="Rita", last_name="Revisora")
    reviewer.groups.add(Group.objects.get_or_create(name=REVIEWERS)[0])
    bystander = factories.UserFactory(email="nadie@example.org")
    track = Track.objects.create(edition=edition, name="Eje propio")
    foreign_track = Track.objects.create(edition=setup["other"], name="Eje ajeno")
    base = _base(edition) + "equipos/"
    page = setup["organiser"].get(base + "nuevo/").content.decode()
    assert "Rita Revisora" in page and bystander.email not in page
    assert "Eje propio" in page and "Eje ajeno" not in page
    response = setup["organiser"].post(
        base + "nuevo/", {"name": "Equipo", "members": [reviewer.pk], "tracks": [track.pk]}
    )
    assert response.status_code == 302
    team = ReviewTeam.objects.get(edition=edition, name="Equipo")
    assert (list(team.members.all()), list(team.tracks.all())) == ([reviewer], [track])
    refused = setup["organiser"].post(
        base + "nuevo/", {"name": "Otro", "tracks": [foreign_track.pk]}
    )
    assert refused.status_code == 200
    assert ReviewTeam.objects.filter(name="Otro").count() == 0


def test_an_email_template_with_an_unknown_placeholder_is_refused(setup):  # type: ignore[no-untyped-def]
    edition = setup["edition"]
    template = EmailTemplate.objects.filter(edition=edition, kind="accepted").get()
    url = _base(edition) + f"plantillas/{template.pk}/"
    page = setup["organiser"].get(url).content.decode()
    assert "{nombre}" in page
    response = setup["organiser"].post(
        url, {"kind": "accepted", "subject": "Hola {desconocido}", "body": "Texto tipeado"}
    )
    assert response.status_code == 200
    assert "Texto tipeado" in response.content.decode()
    template.refresh_from_db()
    assert template.subject != "Hola {desconocido}"
    ok = setup["organiser"].post(
        url, {"kind": "accepted", "subject": "Hola {nombre}", "body": "Texto {titulo}"}
    )
    assert ok.status_code == 302
    template.refresh_from_db()
    assert template.subject == "Hola {nombre}"
    assert _audited(template, setup["organiser_user"], "update")


def test_the_edition_hub_links_the_configuration_not_the_admin(setup):  # type: ignore[no-untyped-def]
    edition = setup["edition"]
    page = (
        setup["organiser"].get(f"/gestion/ediciones/{edition.slug}/convocatoria/").content.decode()
    )
    for kind in KINDS:
        assert f'href="{_base(edition)}{kind}/"' in page
    assert f'href="{_base(edition)}"' in page
    assert "/admin/proposals/track/" not in page


def test_the_calls_records_need_a_call(setup):  # type: ignore[no-untyped-def]
    edition = factories.EditionFactory(title="Sin convocatoria")
    EditionRole.objects.create(edition=edition, user=setup["organiser_user"], duty="organiser")
    client = setup["organiser"]
    assert client.get(_base(edition) + "preguntas/").status_code == 200
    assert client.get(_base(edition) + "preguntas/nuevo/").status_code == 404


def test_registration_settings_and_seats_typed_in_the_editions_time_zone(setup):  # type: ignore[no-untyped-def]
    edition, client = setup["edition"], setup["organiser"]
    edition.timezone = "America/Tijuana"
    edition.save()
    base = _base(edition)
    form = KINDS["registro"].form(edition=edition, instance=KINDS["registro"].new_record(edition))
    data = _post_data(form.instance, KINDS["registro"].form, {"opens_at": "2030-03-01T09:00"})
    response = client.post(base + "registro/nuevo/", data)
    assert response.status_code == 302, response.context["form"].errors
    config = RegistrationSettings.objects.get(edition=edition)
    assert config.opens_at.astimezone(edition.tz).strftime("%Y-%m-%d %H:%M") == "2030-03-01 09:00"
    assert _audited(config, setup["organiser_user"], "create")
    page = client.get(f"{base}registro/{config.pk}/").content.decode()
    assert 'value="2030-03-01T09:00"' in page
    twice = client.post(base + "registro/nuevo/", data)
    assert twice.status_code == 200
    assert RegistrationSettings.objects.filter(edition=edition).count() == 1

    workshop = factories.SessionFactory(edition=edition, title="Taller")
    foreign = factories.SessionFactory(edition=setup["other"], title="Ajeno")
    refused = client.post(base + "cupos/nuevo/", {"session": foreign.pk, "capacity": "20"})
    assert refused.status_code == 200
    response = client.post(
        base + "cupos/nuevo/", {"session": workshop.pk, "capacity": "20", "signups_open": "on"}
    )
    assert response.status_code == 302, response.context["form"].errors
    seats = SessionSeats.objects.get(session=workshop)
    assert (seats.capacity, seats.signups_open) == (20, True)
    assert _audited(seats, setup["organiser_user"], "create")
    assert SessionSeats.objects.filter(session=foreign).count() == 0


def test_the_mechanism_refuses_a_save_without_the_rule_and_limits_choices(setup):  # type: ignore[no-untyped-def]
    """`record_submit` asks the kind's rule on the edition before the service runs, and
    an `EditionRecordForm` offers only the edition's related records."""
    from django.core.exceptions import PermissionDenied

    from datacon.backoffice.records import record_form, record_submit
    from datacon.common.actor import Actor

    edition, kind = setup["edition"], KINDS["salas"]
    foreign_venue = factories.VenueFactory(edition=setup["other"])
    form = record_form(
        kind,
        edition,
        kind.new_record(edition),
        {"venue": setup["venue"].pk, "name": "S", "order": "0"},
        None,
    )
    assert list(form.fields["venue"].queryset) == [setup["venue"]]
    assert foreign_venue not in form.fields["venue"].queryset
    assert form.is_valid(), form.errors
    outsider = EditionRole.objects.get(edition=setup["other"]).user
    with pytest.raises(PermissionDenied):
        record_submit(kind=kind, edition=edition, form=form, actor=Actor.of(outsider))
    assert Room.objects.filter(name="S").count() == 0
    saved = record_submit(
        kind=kind, edition=edition, form=form, actor=Actor.of(setup["organiser_user"])
    )
    assert saved is not None and Room.objects.filter(name="S").count() == 1


def test_participations_are_added_pending_and_keep_their_person(setup):  # type: ignore[no-untyped-def]
    from datacon.program.models import Participation

    edition, client = setup["edition"], setup["organiser"]
    session = factories.SessionFactory(edition=edition, title="Panel")
    person, other = factories.PersonFactory(), factories.PersonFactory()
    base = _base(edition) + "participaciones/"
    response = client.post(
        base + "nuevo/",
        {"session": session.pk, "person": person.pk, "role": "speaker", "order": "1"},
    )
    assert response.status_code == 302, response.context["form"].errors
    participation = Participation.objects.get(session=session, person=person)
    assert participation.status == "pending"
    assert _audited(participation, setup["organiser_user"], "create")
    response = client.post(
        f"{base}{participation.pk}/",
        {"session": session.pk, "person": other.pk, "role": "moderator", "order": "2"},
    )
    assert response.status_code == 302, response.context["form"].errors
    participation.refresh_from_db()
    assert (participation.person, participation.role) == (person, "moderator")
    assert _audited(participation, setup["organiser_user"], "update")


def _delete_url(edition: Edition, kind: str, pk: int) -> str:
    return f"/gestion/ediciones/{edition.slug}/configuracion/{kind}/{pk}/borrar/"


def test_an_organiser_deletes_a_record_after_confirming_and_it_is_audited(setup):  # type: ignore[no-untyped-def]
    edition, client = setup["edition"], setup["organiser"]
    track = Track.objects.create(edition=edition, name="Eje que sobra")
    edit_page = client.get(f"/gestion/ediciones/{edition.slug}/configuracion/ejes/{track.pk}/")
    assert _delete_url(edition, "ejes", track.pk) in edit_page.content.decode()
    confirm = client.get(_delete_url(edition, "ejes", track.pk))
    assert (confirm.status_code, Track.objects.filter(pk=track.pk).count()) == (200, 1)
    response = client.post(_delete_url(edition, "ejes", track.pk))
    assert response.status_code == 302
    assert Track.objects.filter(pk=track.pk).count() == 0
    entry = AuditEntry.objects.filter(object_type="proposals.track", object_id=str(track.pk)).last()
    assert entry is not None and entry.changes["deleted"]["name"] == "Eje que sobra"


def test_the_confirmation_says_what_goes_with_the_record(setup):  # type: ignore[no-untyped-def]
    edition, client, venue = setup["edition"], setup["organiser"], setup["venue"]
    factories.RoomFactory(venue=venue, name="Sala 1")
    factories.RoomFactory(venue=venue, name="Sala 2")
    confirm = client.get(_delete_url(edition, "sedes", venue.pk)).content.decode()
    assert "<li>Salas: 2</li>" in confirm
    assert client.post(_delete_url(edition, "sedes", venue.pk)).status_code == 302
    remaining = (
        Venue.objects.filter(pk=venue.pk).count(),
        Room.objects.filter(venue=venue).count(),
    )
    assert remaining == (0, 0)


def test_a_record_other_records_hold_is_not_deleted_and_the_page_names_them(setup):  # type: ignore[no-untyped-def]
    edition, client, session_type = setup["edition"], setup["organiser"], setup["late_type"]
    factories.SessionFactory(edition=edition, session_type=session_type, title="Charla inaugural")
    url = _delete_url(edition, "tipos-de-sesion", session_type.pk)
    confirm = client.get(url).content.decode()
    assert ("otros registros lo usan" in confirm, "Sí, borrar" in confirm) == (True, False)
    response = client.post(url)
    assert response.status_code == 409
    assert "Charla inaugural" in response.content.decode()
    assert SessionType.objects.filter(pk=session_type.pk).count() == 1


def test_deleting_is_refused_to_another_editions_organiser_and_absent_for_sessions(setup):  # type: ignore[no-untyped-def]
    edition = setup["edition"]
    track = Track.objects.create(edition=edition, name="Eje")
    assert setup["outsider"].post(_delete_url(edition, "ejes", track.pk)).status_code == 403
    session = factories.SessionFactory(edition=edition)
    assert setup["organiser"].get(_delete_url(edition, "sesiones", session.pk)).status_code == 404
    assert Track.objects.filter(pk=track.pk).count() == 1
