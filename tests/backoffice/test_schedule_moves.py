"""The drag-and-drop builder's endpoint: moving, refusing, undoing, who may, and what it answers."""

import datetime as dt

import lxml.html
import pytest
from django.test import Client

from datacon.common.models import AuditEntry
from datacon.program.models import ScheduleChange, Session, SessionPlacement
from datacon.program.publication import schedule_publish
from tests import factories

pytestmark = pytest.mark.django_db

LOGIN_PAGE = "/cuentas/login/"


@pytest.fixture
def world(edition):
    venue = factories.VenueFactory(
        edition=edition, capacity=300, opens_at=dt.time(9, 0), closes_at=dt.time(19, 0)
    )
    room_a = factories.RoomFactory(venue=venue, name="Sala A", capacity=100)
    room_b = factories.RoomFactory(venue=venue, name="Sala B", capacity=20)
    panel = factories.SessionTypeFactory(edition=edition, name="Panel")
    ana = factories.PersonFactory(public_name="Ana Ponente", gender="woman")
    beto = factories.PersonFactory(public_name="Beto Ponente", gender="man")
    carlos = factories.PersonFactory(public_name="Carlos Ponente", gender="man")

    def draft(title, *people):
        session = Session.objects.create(
            edition=edition, title=title, session_type=panel, status="draft"
        )
        for order, person in enumerate(people):
            factories.ParticipationFactory(
                session=session, person=person, order=order, role="panelist"
            )
        return session

    return {
        "edition": edition,
        "venue": venue,
        "a": room_a,
        "b": room_b,
        "first": draft("Primera", ana, beto),
        "second": draft("Segunda", beto, carlos),
        "day": edition.start_date.isoformat(),
    }


def _url(world, session):
    return f"/gestion/ediciones/{world['edition'].slug}/programa/sesiones/{session.pk}/mover/"


def _move(client, world, session, hour, room, **extra):
    data = {"dia": world["day"], "hora": f"{hour:02d}:00", "lugar": f"r{room.pk}"}
    data.update(extra)
    return client.post(_url(world, session), data)


def _where(session):
    placement = SessionPlacement.objects.select_related("room").filter(session=session).first()
    if placement is None or placement.starts_at is None:
        return None
    tz = session.edition.tz
    return (
        placement.starts_at.astimezone(tz).strftime("%H:%M"),
        placement.ends_at.astimezone(tz).strftime("%H:%M"),
        placement.room.name,
    )


def test_dropping_a_session_places_it_and_answers_where_it_was(organiser_client, world):
    response = _move(organiser_client, world, world["first"], 10, world["a"])
    assert response.status_code == 200
    answer = response.json()
    assert answer["ok"] is True
    assert answer["previous"] == {"quitar": "1"}
    assert answer["warnings"] == []
    assert answer["conflicts"] == []
    assert answer["pending"] == 1
    assert answer["message"] == "«Primera»: 10:00–11:00, Sala A (cambio sin publicar)."
    assert _where(world["first"]) == ("10:00", "11:00", "Sala A")
    placement = SessionPlacement.objects.get(session=world["first"])
    assert placement.pending is True
    assert (
        AuditEntry.objects.filter(action="schedule.place", object_id=str(placement.pk)).count() == 1
    )

    # Moved again (a drag between slots): keeps its duration and says where it stood.
    answer = _move(organiser_client, world, world["first"], 14, world["b"]).json()
    assert answer["previous"] == {
        "dia": world["day"],
        "hora": "10:00",
        "duracion": "60",
        "lugar": f"r{world['a'].pk}",
    }
    assert _where(world["first"]) == ("14:00", "15:00", "Sala B")


def test_a_double_booked_speaker_is_placed_with_the_warning_in_the_answer(organiser_client, world):
    _move(organiser_client, world, world["first"], 10, world["a"])
    answer = _move(organiser_client, world, world["second"], 10, world["b"]).json()
    assert answer["ok"] is True
    assert answer["warnings"] == [
        "Beto Ponente estaría en dos lugares a la vez: «Segunda» (10:00–11:00) "
        "y «Primera» (10:00–11:00)."
    ]
    assert [(c["kind"], c["severity"]) for c in answer["conflicts"]] == [("person", "warning")]
    assert answer["conflicts"][0]["message"].startswith(
        "Beto Ponente estaría en dos lugares a la vez:"
    )
    assert sorted(answer["conflicts"][0]["sessions"]) == sorted(
        [world["first"].pk, world["second"].pk]
    )
    entry = AuditEntry.objects.filter(action="schedule.place").order_by("-id").first()
    assert entry.changes["accepted_warnings"] == answer["warnings"]


def test_a_taken_room_is_refused_with_409_and_nothing_moves(organiser_client, world):
    _move(organiser_client, world, world["first"], 10, world["a"])
    response = _move(organiser_client, world, world["second"], 10, world["a"])
    assert response.status_code == 409
    answer = response.json()
    assert answer["ok"] is False
    assert [c["kind"] for c in answer["refused"]] == ["room"]
    assert answer["message"].startswith(
        "No se puede colocar aquí: La sala «Sala A» ya está ocupada"
    )
    assert _where(world["second"]) is None


def test_capacity_and_day_parity_are_in_the_answer(organiser_client, world):
    answer = _move(organiser_client, world, world["second"], 12, world["b"], duracion="90").json()
    assert _where(world["second"]) == ("12:00", "13:30", "Sala B")
    assert answer["parity"] == {
        "day": world["day"],
        "women": 0,
        "men": 2,
        "others": 0,
        "women_share": 0,
        "flags": [{"session": world["second"].pk, "reason": "sin mujeres"}],
    }
    # As the placement form leaves it (a pending change the grid does not overwrite).
    SessionPlacement.objects.filter(session=world["first"]).update(
        expected_audience=80, pending=True
    )
    answer = _move(organiser_client, world, world["first"], 10, world["b"]).json()
    assert [c["kind"] for c in answer["conflicts"]] == ["capacity"]
    assert answer["parity"]["women"] == 1 and answer["parity"]["men"] == 2
    # The expected audience the form had set is kept by a drag.
    assert SessionPlacement.objects.get(session=world["first"]).expected_audience == 80


def test_undo_puts_the_session_back_through_the_service_and_is_audited(organiser_client, world):
    first = _move(organiser_client, world, world["first"], 10, world["a"]).json()
    second = _move(organiser_client, world, world["first"], 15, world["b"]).json()
    assert _where(world["first"]) == ("15:00", "16:00", "Sala B")

    response = organiser_client.post(
        _url(world, world["first"]), {**second["previous"], "deshacer": "1"}
    )
    answer = response.json()
    assert answer["ok"] is True
    assert answer["message"].startswith("Movimiento deshecho.")
    assert _where(world["first"]) == ("10:00", "11:00", "Sala A")

    answer = organiser_client.post(
        _url(world, world["first"]), {**first["previous"], "deshacer": "1"}
    ).json()
    assert answer["ok"] is True
    assert _where(world["first"]) is None
    placement = SessionPlacement.objects.get(session=world["first"])
    assert list(
        AuditEntry.objects.filter(object_id=str(placement.pk))
        .exclude(action="schedule.sync")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["schedule.place", "schedule.place", "schedule.undo", "schedule.undo"]


def test_dropping_on_the_list_takes_the_session_off_the_grid(organiser_client, world):
    _move(organiser_client, world, world["first"], 10, world["a"])
    answer = organiser_client.post(_url(world, world["first"]), {"quitar": "1"}).json()
    assert answer["ok"] is True
    assert _where(world["first"]) is None
    assert AuditEntry.objects.filter(action="schedule.unplace").count() == 1


def test_a_bad_slot_answers_400_with_the_reason(organiser_client, world):
    response = _move(organiser_client, world, world["first"], 10, world["a"], dia="1999-01-01")
    assert response.status_code == 400
    assert response.json()["ok"] is False
    assert _where(world["first"]) is None


def test_only_organisers_may_move(world):
    url = _url(world, world["first"])
    data = {"dia": world["day"], "hora": "10:00", "lugar": f"r{world['a'].pk}"}
    stranger = Client()
    stranger.force_login(factories.UserFactory())
    assert stranger.post(url, data).status_code == 403
    reader = Client()
    reader.force_login(factories.read_only_staff_user())
    assert reader.post(url, data).status_code == 403
    anonymous = Client().post(url, data)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(LOGIN_PAGE)
    assert _where(world["first"]) is None


def test_a_plain_visit_to_the_endpoint_is_405(organiser_client, world):
    assert organiser_client.get(_url(world, world["first"])).status_code == 405


def test_the_csrf_token_is_required(organiser_user, world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(organiser_user)
    data = {"dia": world["day"], "hora": "10:00", "lugar": f"r{world['a'].pk}"}
    assert client.post(_url(world, world["first"]), data).status_code == 403
    page = client.get(f"/gestion/ediciones/{world['edition'].slug}/programa/")
    token = lxml.html.fromstring(page.content).xpath(
        '//div[@id="builder"]/input[@name="csrfmiddlewaretoken"]/@value'
    )[0]
    response = client.post(_url(world, world["first"]), data, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200


def test_the_builder_marks_slots_and_sessions_for_the_script(organiser_client, world):
    _move(organiser_client, world, world["first"], 10, world["a"])
    page = organiser_client.get(f"/gestion/ediciones/{world['edition'].slug}/programa/")
    tree = lxml.html.fromstring(page.content)
    card = tree.xpath(f'//td[@data-slot]/div[@data-session="{world["first"].pk}"]')[0]
    assert card.get("data-move-url") == _url(world, world["first"])
    assert card.getparent().get("data-time") == "10:00"
    assert card.getparent().get("data-place") == f"r{world['a'].pk}"
    unplaced = tree.xpath("//ul[@data-unplace]/li[@data-session]/@data-session")
    assert unplaced == [str(world["second"].pk)]
    # Without the script the session is still a link to its placement form.
    assert card.xpath("a/@href") == [
        f"/gestion/ediciones/{world['edition'].slug}/programa/sesiones/{world['first'].pk}/"
    ]
    assert tree.xpath('//script[@id="builder-text"]')
    assert tree.xpath('//script[contains(@src, "backoffice/schedule.js")]')


def test_the_preview_is_exactly_what_the_next_version_records(organiser_client, world):
    slug = world["edition"].slug
    _move(organiser_client, world, world["first"], 10, world["a"])
    _move(organiser_client, world, world["second"], 12, world["b"])
    schedule_publish(edition=world["edition"], actor=factories.SYSTEM)
    page = organiser_client.get(f"/gestion/ediciones/{slug}/programa/").content.decode()
    assert "Publicar ahora no cambiaría nada del programa público." in page

    _move(organiser_client, world, world["first"], 16, world["a"])
    organiser_client.post(_url(world, world["second"]), {"quitar": "1"})
    tree = lxml.html.fromstring(
        organiser_client.get(f"/gestion/ediciones/{slug}/programa/").content
    )
    preview = [
        " ".join(item.text_content().split())
        for item in tree.xpath('//section[contains(@class, "publish-preview")]//li')
    ]
    version = schedule_publish(edition=world["edition"], actor=factories.SYSTEM, renumber=False)
    recorded = list(
        ScheduleChange.objects.filter(version=version)
        .order_by("code", "id")
        .values_list("kind", "title")
    )
    assert sorted(recorded) == [("cancelled", "Segunda"), ("moved", "Primera")]
    assert len(preview) == 2
    assert any("Primera" in row and "16:00" in row for row in preview)
    assert any("Segunda" in row for row in preview)


def test_a_session_made_public_outside_the_builder_counts_as_a_change_to_publish(
    organiser_client, world
):
    """Issue 16: a session confirmed with a code before any version (an import, the admin)
    is shown by the builder as a change to publish, not "Sin cambios pendientes"."""
    slug = world["edition"].slug
    session = world["first"]
    starts = factories.at(world["edition"], 1, 10)
    Session.objects.filter(pk=session.pk).update(
        status="confirmed",
        code="S0101",
        day=world["edition"].start_date,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
        venue=world["venue"],
        room=world["a"],
    )
    tree = lxml.html.fromstring(
        organiser_client.get(f"/gestion/ediciones/{slug}/programa/").content
    )
    assert tree.xpath('string(//div[@class="schedule-bar"]//span[contains(@class, "badge")])') == (
        "1 cambio sin publicar"
    )
    preview = tree.xpath('//section[contains(@class, "publish-preview")]//li')
    assert len(preview) == 1
    assert "S0101 Primera" in " ".join(preview[0].text_content().split())
    version = schedule_publish(edition=world["edition"], actor=factories.SYSTEM, renumber=False)
    assert list(version.changes.values_list("kind", "code")) == [("added", "S0101")]
    tree = lxml.html.fromstring(
        organiser_client.get(f"/gestion/ediciones/{slug}/programa/").content
    )
    assert tree.xpath('string(//div[@class="schedule-bar"]//span[contains(@class, "badge")])') == (
        "Sin cambios pendientes"
    )


def test_a_move_back_to_the_published_place_leaves_nothing_pending(organiser_client, world):
    """After an undo back to the published version the builder said "Sin cambios
    pendientes" while the card said "cambio pendiente" and the message "(cambio sin
    publicar)" (QA)."""
    moved = _move(organiser_client, world, world["first"], 10, world["a"]).json()
    assert moved["message"] == "«Primera»: 10:00–11:00, Sala A (cambio sin publicar)."
    schedule_publish(edition=world["edition"], actor=factories.SYSTEM)
    away = _move(organiser_client, world, world["first"], 15, world["b"]).json()
    assert SessionPlacement.objects.get(session=world["first"]).pending is True
    back = organiser_client.post(
        _url(world, world["first"]), {**away["previous"], "deshacer": "1"}
    ).json()
    assert back["message"] == (
        "Movimiento deshecho. S0101 «Primera»: 10:00–11:00, Sala A (como en la versión publicada)."
    )
    assert SessionPlacement.objects.get(session=world["first"]).pending is False
    page = organiser_client.get(f"/gestion/ediciones/{world['edition'].slug}/programa/")
    assert "cambio pendiente" not in page.content.decode()
    # A session never published and taken off the grid again: nothing to publish either.
    _move(organiser_client, world, world["second"], 12, world["b"])
    gone = organiser_client.post(_url(world, world["second"]), {"quitar": "1"}).json()
    assert gone["message"] == "«Segunda» salió del programa."
    assert SessionPlacement.objects.get(session=world["second"]).pending is False
