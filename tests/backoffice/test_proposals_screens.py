"""Back-office screens of the call for proposals: who may open them, and what they do."""

import datetime as dt

import lxml.html
import pytest
from django.test import Client

from datacon.common.models import OutboundEmail
from datacon.editions.models_access import EditionRole
from datacon.program.models import ScheduleVersion, SessionPlacement
from datacon.program.selectors import program_sessions
from datacon.proposals.models import Call, ProposalStatus, ReviewAssignment
from datacon.proposals.services import proposal_decide
from tests import factories
from tests.proposals import factories as pf

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _organiser_urls(slug):
    return [
        "/gestion/convocatorias/",
        "/gestion/convocatorias/nueva-edicion/",
        f"/gestion/ediciones/{slug}/convocatoria/",
        f"/gestion/ediciones/{slug}/convocatoria/ajustes/",
        f"/gestion/ediciones/{slug}/propuestas/",
        f"/gestion/ediciones/{slug}/clasificacion/",
        f"/gestion/ediciones/{slug}/paridad/",
        f"/gestion/ediciones/{slug}/programa/",
        f"/gestion/ediciones/{slug}/programa/publicar/",
        f"/gestion/ediciones/{slug}/co-convocantes/",
        f"/gestion/ediciones/{slug}/sedes-candidatas/",
        "/gestion/bandeja/",
    ]


def test_organiser_screens_open_for_organisers_only(organiser_client):
    call = pf.open_call()
    urls = _organiser_urls(call.edition.slug)
    for url in urls:
        assert organiser_client.get(url).status_code == 200, url
    reviewer = _client(pf.reviewer_user())
    proponent = _client(pf.verified_user())
    read_only = _client(factories.read_only_staff_user())
    for url in urls:
        assert reviewer.get(url).status_code == 403, url
        assert proponent.get(url).status_code == 403, url
        assert read_only.get(url).status_code == 403, url
        assert Client().get(url).status_code == 302, url


def test_review_screens_need_the_review_role():
    assert _client(pf.verified_user()).get("/gestion/revision/").status_code == 403
    assert _client(pf.reviewer_user()).get("/gestion/revision/").status_code == 200


def test_call_settings_reads_dates_in_the_editions_time_zone(organiser_client):
    edition = factories.EditionFactory(timezone="America/Tijuana")
    response = organiser_client.post(
        f"/gestion/ediciones/{edition.slug}/convocatoria/ajustes/",
        {
            "opens_at": "2031-01-01T09:00",
            "closes_at": "2031-03-31T23:59",
            "text": "Texto",
            "anonymous_review": "on",
            "max_people": "5",
            "contact_email": "",
        },
    )
    assert response.status_code == 302
    call = Call.objects.get(edition=edition)
    assert call.closes_at.astimezone(edition.tz).strftime("%Y-%m-%d %H:%M") == "2031-03-31 23:59"
    assert call.closes_at.astimezone(dt.UTC).strftime("%H:%M") == "06:59"  # PDT is UTC-7
    assert call.session_types.count() == edition.session_types.exclude(slug="ceremonia").count()
    page = organiser_client.get(
        f"/gestion/ediciones/{edition.slug}/convocatoria/ajustes/"
    ).content.decode()
    assert 'value="2031-03-31T23:59"' in page


def test_call_settings_with_close_before_open_keeps_input(organiser_client):
    edition = factories.EditionFactory()
    response = organiser_client.post(
        f"/gestion/ediciones/{edition.slug}/convocatoria/ajustes/",
        {
            "opens_at": "2031-03-01T09:00",
            "closes_at": "2031-01-01T09:00",
            "text": "Mi texto",
            "max_people": "5",
        },
    )
    html = response.content.decode()
    assert "El cierre debe ser posterior a la apertura." in html
    assert "Mi texto" in html
    assert Call.objects.count() == 0


def test_list_filters_and_bulk_assignment(organiser_client):
    call = pf.open_call()
    taller = call.edition.session_types.get(slug="taller")
    one = pf.submit(call, title="Sobre salud")
    two = pf.submit(call, title="Sobre presupuesto", session_type=taller)
    slug = call.edition.slug
    html = organiser_client.get(
        f"/gestion/ediciones/{slug}/propuestas/?tipo={taller.pk}"
    ).content.decode()
    assert "Sobre presupuesto" in html and "Sobre salud" not in html
    html = organiser_client.get(f"/gestion/ediciones/{slug}/propuestas/?q=salud").content.decode()
    assert "Sobre salud" in html and "Sobre presupuesto" not in html
    reviewer = pf.reviewer_user()
    organiser_client.post(
        f"/gestion/ediciones/{slug}/propuestas/asignar/",
        {"action": "assign", "reviewer": reviewer.pk, "proposal": [one.pk, two.pk]},
    )
    assert ReviewAssignment.objects.filter(reviewer=reviewer).count() == 2
    html = organiser_client.get(
        f"/gestion/ediciones/{slug}/propuestas/?sin_revisar=1"
    ).content.decode()
    assert "Sobre salud" in html


def test_detail_shows_gender_only_with_the_private_data_permission(organiser_user):
    call = pf.open_call()
    user = pf.verified_user()
    proposal = pf.submit(call, user, people=[pf.person("Ana", user.email, gender="non_binary")])
    url = f"/gestion/ediciones/{call.edition.slug}/propuestas/{proposal.pk}/"
    assert "No binaria" in _client(organiser_user).get(url).content.decode()
    # An organiser of this edition only (no platform group): no private data.
    organiser_user.is_superuser = False
    organiser_user.save()
    organiser_user.groups.clear()
    EditionRole.objects.create(edition=call.edition, user=organiser_user, duty="organiser")
    html = _client(organiser_user).get(url).content.decode()
    assert "Ana" in html and "No binaria" not in html


def test_decide_from_detail_and_bulk_from_ranking(organiser_client):
    call = pf.open_call()
    one = pf.submit(call)
    two = pf.submit(call)
    slug = call.edition.slug
    organiser_client.post(
        f"/gestion/ediciones/{slug}/propuestas/{one.pk}/decidir/",
        {"decision": "accepted", "note": "¡Bien!", "accept_without_reviews": "on"},
    )
    organiser_client.post(
        f"/gestion/ediciones/{slug}/propuestas/decidir/",
        {"decision": "rejected", "proposal": [two.pk]},
    )
    one.refresh_from_db()
    two.refresh_from_db()
    assert (one.status, two.status) == (ProposalStatus.ACCEPTED, ProposalStatus.REJECTED)
    assert (
        OutboundEmail.objects.filter(
            purpose__startswith="proposal.decision", status="draft"
        ).count()
        == 2
    )


def test_outbox_edit_approve_and_discard(
    organiser_client, django_capture_on_commit_callbacks, mailoutbox
):
    call = pf.open_call()
    first = pf.submit(call)
    second = pf.submit(call)
    proposal_decide(
        proposal=first, decision="accepted", actor=factories.SYSTEM, without_reviews=True
    )
    proposal_decide(proposal=second, decision="rejected", actor=factories.SYSTEM)
    email = OutboundEmail.objects.get(
        related_id=str(first.pk), purpose="proposal.decision.accepted"
    )
    listing = organiser_client.get("/gestion/bandeja/").content.decode()
    assert email.subject in listing
    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(
            f"/gestion/bandeja/{email.pk}/",
            {"action": "approve", "subject": "Asunto corregido", "body_text": "Texto corregido"},
        )
    assert response.status_code == 302
    assert [(m.to, m.subject, m.body) for m in mailoutbox] == [
        ([email.to], "Asunto corregido", "Texto corregido")
    ]
    email.refresh_from_db()
    assert (email.subject, email.body_text, email.status) == (
        "Asunto corregido",
        "Texto corregido",
        "sent",
    )
    other = OutboundEmail.objects.get(purpose="proposal.decision.rejected")
    organiser_client.post(
        "/gestion/bandeja/?estado=draft", {"action": "discard", "email": [other.pk]}
    )
    other.refresh_from_db()
    assert other.status == "discarded"


def test_outbox_refuses_an_empty_subject_and_keeps_the_text(organiser_client):
    call = pf.open_call()
    proposal = pf.submit(call)
    proposal_decide(
        proposal=proposal, decision="accepted", actor=factories.SYSTEM, without_reviews=True
    )
    email = OutboundEmail.objects.get(purpose="proposal.decision.accepted")
    response = organiser_client.post(
        f"/gestion/bandeja/{email.pk}/",
        {"action": "approve", "subject": "", "body_text": "Mi versión"},
    )
    html = response.content.decode()
    assert "El asunto y el texto no pueden quedar vacíos." in html
    assert "Mi versión" in html
    email.refresh_from_db()
    assert email.status == "draft"


def _builder_setup():
    edition = factories.EditionFactory()
    call = pf.open_call(edition)
    venue = factories.VenueFactory(
        edition=edition, opens_at=dt.time(9, 0), closes_at=dt.time(19, 0)
    )
    room_a = factories.RoomFactory(venue=venue, name="Sala A", capacity=100)
    room_b = factories.RoomFactory(venue=venue, name="Sala B", capacity=100)
    user = pf.verified_user()
    first = pf.submit(call, user, title="Primera", people=[pf.person("Ana Ponente", user.email)])
    second = pf.submit(call, user, title="Segunda", people=[pf.person("Ana Ponente", user.email)])
    for proposal in (first, second):
        proposal_decide(
            proposal=proposal, decision="accepted", actor=factories.SYSTEM, without_reviews=True
        )
        proposal.refresh_from_db()
    return edition, venue, room_a, room_b, first.session, second.session


def _place_form(edition, room, hour, **extra):
    data = {
        "day": edition.start_date.isoformat(),
        "start": f"{hour:02d}:00",
        "duration": "60",
        "place": f"r{room.pk}",
        "expected_audience": "",
    }
    data.update(extra)
    return data


def test_builder_warns_on_double_booking_then_places_when_confirmed(organiser_client):
    edition, _venue, room_a, room_b, first, second = _builder_setup()
    base = f"/gestion/ediciones/{edition.slug}/programa/sesiones"
    assert (
        organiser_client.post(f"{base}/{first.pk}/", _place_form(edition, room_a, 10)).status_code
        == 302
    )
    response = organiser_client.post(f"{base}/{second.pk}/", _place_form(edition, room_b, 10))
    html = response.content.decode()
    assert "Advertencias antes de colocar" in html
    assert "Ana Ponente estaría en dos lugares a la vez" in html
    assert "Colocar de todos modos" in html
    assert SessionPlacement.objects.get(session=second).starts_at is None
    response = organiser_client.post(
        f"{base}/{second.pk}/", _place_form(edition, room_b, 10, accept_warnings="on")
    )
    assert response.status_code == 302
    grid = organiser_client.get(f"/gestion/ediciones/{edition.slug}/programa/").content.decode()
    assert "estaría en dos lugares a la vez" in grid
    assert "Primera" in grid and "Segunda" in grid


def test_builder_refuses_a_taken_room_with_the_reason_and_keeps_the_form(organiser_client):
    edition, _venue, room_a, _room_b, first, second = _builder_setup()
    base = f"/gestion/ediciones/{edition.slug}/programa/sesiones"
    organiser_client.post(f"{base}/{first.pk}/", _place_form(edition, room_a, 10))
    response = organiser_client.post(
        f"{base}/{second.pk}/", _place_form(edition, room_a, 10, accept_warnings="on")
    )
    html = response.content.decode()
    assert "No se puede colocar aquí" in html
    assert "La sala «Sala A» ya está ocupada" in html
    assert 'value="10:00"' in html


def test_publish_requires_acknowledging_parity_then_the_public_program_shows_it(organiser_client):
    edition, _venue, room_a, _room_b, first, _second = _builder_setup()
    extra = factories.PersonFactory(public_name="Otra Ponente", gender="man")
    factories.ParticipationFactory(session=first, person=extra, role="panelist")
    base = f"/gestion/ediciones/{edition.slug}/programa"
    organiser_client.post(f"{base}/sesiones/{first.pk}/", _place_form(edition, room_a, 10))
    preview = organiser_client.get(f"{base}/publicar/").content.decode()
    assert "Paneles sin paridad" in preview
    assert "Primera" in preview
    response = organiser_client.post(f"{base}/publicar/", {"note": "", "notify": "on"})
    assert "Hay paneles sin paridad" in response.content.decode()
    assert ScheduleVersion.objects.count() == 0
    response = organiser_client.post(
        f"{base}/publicar/",
        {"note": "", "notify": "on", "review_notices": "on", "acknowledge_parity": "on"},
    )
    assert response.status_code == 302
    assert [(s.code, s.title) for s in program_sessions(edition=edition)] == [("S0101", "Primera")]
    public = Client().get(f"/ediciones/{edition.slug}/programa/").content.decode()
    assert "Primera" in public and "Segunda" not in public
    assert OutboundEmail.objects.filter(purpose="schedule.change", status="draft").count() == 2


def test_publish_refused_for_two_sessions_in_one_room_shows_why_and_publishes_nothing(
    organiser_client,
):
    edition, venue, room_a, _room_b, first, _second = _builder_setup()
    base = f"/gestion/ediciones/{edition.slug}/programa"
    organiser_client.post(f"{base}/sesiones/{first.pk}/", _place_form(edition, room_a, 10))
    # A session written behind the builder's back into the same room and time.
    factories.SessionFactory(edition=edition, code="X1", title="Intrusa", venue=venue, room=room_a)
    response = organiser_client.post(
        f"{base}/publicar/",
        {"note": "", "notify": "on", "review_notices": "on", "acknowledge_parity": "on"},
    )
    assert response.status_code == 200
    tree = lxml.html.fromstring(response.content)
    assert [e.text_content() for e in tree.cssselect(".form-errors li")] == [
        "X1 «Intrusa»: La sala «Sala A» ya está ocupada a esa hora: S0101 «Primera» es el "
        f"11/05/{edition.year} de 10:00 a 11:00. Elija otra sala u otro horario."
    ]
    assert ScheduleVersion.objects.count() == 0


def test_proposal_page_shows_events_without_an_actor(organiser_client):
    """A co-speaker who answers without signing in records an event with no account;
    the page used `event.actor.email` as a filter argument and answered 500."""
    from datacon.proposals.models import ProposalPerson, ProposalRole
    from datacon.proposals.services import invitation_respond

    call = pf.open_call()
    submitter = pf.verified_user()
    proposal = pf.submit(
        call,
        submitter,
        people=[
            pf.person("Ana", submitter.email),
            pf.person("Bea", "bea@example.org", role=ProposalRole.SPEAKER),
        ],
    )
    co_speaker = ProposalPerson.objects.get(proposal=proposal, email="bea@example.org")
    invitation_respond(person=co_speaker, accept=True, actor=factories.SYSTEM)
    assert proposal.events.filter(actor__isnull=True).exists()

    response = organiser_client.get(
        f"/gestion/ediciones/{call.edition.slug}/propuestas/{proposal.pk}/"
    )

    assert response.status_code == 200
    assert "sistema" in response.content.decode()
