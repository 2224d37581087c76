"""Nobody appears in public until they confirmed (issue 13.2).

An accepted proposal whose co-speaker never answered the invitation is placed
and published: the session is public, the co-speaker is on no public page,
API response or export. Once they confirm, they show everywhere at once.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from datacon.program.models import Participation, ParticipationStatus
from datacon.program.publication import schedule_publish
from datacon.program.schedule import placement_set
from datacon.proposals.services import invitation_respond, proposal_decide
from tests import factories
from tests.proposals import factories as pf
from tests.responses import body_text

pytestmark = pytest.mark.django_db

PENDING_NAME = "Beatriz Pendiente Zubiría"


@pytest.fixture
def published():  # type: ignore[no-untyped-def]
    edition = factories.EditionFactory(status="published")
    call = pf.open_call(edition)
    venue = factories.VenueFactory(edition=edition, opens_at=dt.time(8), closes_at=dt.time(20))
    room = factories.RoomFactory(venue=venue, name="Sala A")
    user = pf.verified_user()
    proposal = pf.submit(
        call,
        user,
        title="Panel sobre consentimiento",
        people=[
            pf.person("Ana Confirmada Quiroga", user.email, gender="woman"),
            pf.person(PENDING_NAME, "beatriz@example.org", gender="woman"),
        ],
    )
    proposal_decide(
        proposal=proposal, decision="accepted", actor=factories.SYSTEM, without_reviews=True
    )
    proposal.refresh_from_db()
    starts = factories.at(edition, 1, 10)
    placement_set(
        session=proposal.session,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
        venue=venue,
        room=room,
        expected_audience=10,
        actor=factories.SYSTEM,
        accept_warnings=True,
    )
    schedule_publish(edition=edition, actor=factories.SYSTEM)
    proposal.session.refresh_from_db()
    return {"edition": edition, "proposal": proposal, "session": proposal.session}


def _public_urls(scene) -> list[str]:  # type: ignore[no-untyped-def]
    slug, code = scene["edition"].slug, scene["session"].code
    return [
        f"/ediciones/{slug}/programa/",
        f"/ediciones/{slug}/sesiones/{code}/",
        f"/ediciones/{slug}/sesiones/{code}/calendario.ics",
        f"/ediciones/{slug}/calendario.ics",
        f"/ediciones/{slug}/schedule.xml",
        f"/ediciones/{slug}/schedule.json",
        f"/ediciones/{slug}/memoria/",
        f"/ediciones/{slug}/",
        "/personas/",
        "/buscar/?q=Beatriz",
        "/api/v1/people/",
        f"/api/v1/people/?edition={slug}",
        "/api/v1/sessions/",
        "/api/v1/participations/",
        f"/ediciones/{slug}/datos/conferencia/participaciones.csv",
        f"/ediciones/{slug}/datos/conferencia/personas.csv",
        "/datos/conferencia/participaciones.json",
        "/datos/conferencia/personas.json",
    ]


def test_unconfirmed_co_speaker_is_on_no_public_page_api_or_export(published):
    client = Client()
    session_page = client.get(
        f"/ediciones/{published['edition'].slug}/sesiones/{published['session'].code}/"
    )
    assert session_page.status_code == 200
    assert "Ana Confirmada Quiroga" in session_page.content.decode()
    for url in _public_urls(published):
        response = client.get(url)
        assert response.status_code == 200, url
        assert PENDING_NAME not in body_text(response), url


def test_confirming_shows_the_person_everywhere_at_once(published):
    client = Client()
    for url in _public_urls(published):
        client.get(url)  # fill the caches
    co_speaker = published["proposal"].people.get(email="beatriz@example.org")

    invitation_respond(person=co_speaker, accept=True, actor=factories.SYSTEM)

    participation = Participation.objects.get(person__public_name=PENDING_NAME)
    assert (participation.status, participation.consent_basis) == (
        ParticipationStatus.CONFIRMED,
        "self",
    )
    slug, code = published["edition"].slug, published["session"].code
    for url in (
        f"/ediciones/{slug}/sesiones/{code}/",
        "/personas/",
        "/api/v1/people/",
        f"/ediciones/{slug}/datos/conferencia/participaciones.csv",
        f"/ediciones/{slug}/schedule.json",
    ):
        assert PENDING_NAME in body_text(client.get(url)), url


def test_publish_screen_names_who_is_still_pending(published, organiser_client):
    response = organiser_client.get(
        f"/gestion/ediciones/{published['edition'].slug}/programa/publicar/"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Personas que aún no confirman su participación" in page
    assert PENDING_NAME in page
