"""Parity: aggregates of self-declared gender, flags on panels, organisers only."""

import datetime as dt

import pytest
from django.test import Client

from datacon.common.actor import Actor
from datacon.program.parity import panel_flags, sessions_parity_flags
from datacon.program.publication import schedule_publish
from datacon.program.schedule import placement_set
from datacon.proposals.selectors import proposal_parity
from datacon.proposals.services import invitation_respond, proposal_decide, proposal_withdraw
from tests import factories
from tests.proposals import factories as pf

pytestmark = pytest.mark.django_db


def test_panel_flags_need_two_people_and_look_at_declared_genders():
    assert panel_flags(["man"]) == []
    assert panel_flags(["woman", "man"]) == []
    assert panel_flags(["man", "man", ""]) == ["no_woman"]
    assert panel_flags(["woman", "non_binary"]) == ["no_man"]
    assert panel_flags(["", ""]) == ["no_woman", "no_man"]


def test_proposal_parity_counts_distinct_people_received_and_accepted():
    call = pf.open_call()
    taller = call.edition.session_types.get(slug="taller")
    ana_user = pf.verified_user()
    accepted = pf.submit(
        call,
        ana_user,
        people=[
            pf.person("Ana", ana_user.email, gender="woman"),
            pf.person("Beto", "beto@example.org", gender="man"),
            pf.person("Ceci", "ceci@example.org", role="moderator", gender="non_binary"),
        ],
    )
    other_user = pf.verified_user()
    pf.submit(
        call,
        other_user,
        session_type=taller,
        people=[
            pf.person("Dani", other_user.email, gender=""),
            pf.person("Beto", "beto@example.org", gender="man"),  # same person, counted once
        ],
    )
    withdrawn_user = pf.verified_user()
    withdrawn = pf.submit(
        call, withdrawn_user, people=[pf.person("Eva", withdrawn_user.email, gender="woman")]
    )
    proposal_withdraw(proposal=withdrawn, actor=Actor.of(withdrawn_user))
    proposal_decide(
        proposal=accepted, decision="accepted", actor=factories.SYSTEM, without_reviews=True
    )

    figures = proposal_parity(edition=call.edition)
    received = figures.received_speakers
    # Ana, Beto (once) and Dani; not Eva, whose proposal was withdrawn
    assert (received.women, received.men, received.other, received.undeclared) == (1, 1, 0, 1)
    assert (figures.received_moderators.other, figures.received_moderators.total) == (1, 1)
    accepted_row = figures.accepted_speakers
    assert (accepted_row.women, accepted_row.men, accepted_row.total) == (1, 1, 2)
    assert accepted_row.women_share == 50.0
    assert [(r.label, r.women, r.men, r.other) for r in figures.accepted_by_type] == [
        ("Panel", 1, 1, 1)
    ]


def test_declined_invitations_do_not_count():
    call = pf.open_call()
    user = pf.verified_user()
    proposal = pf.submit(
        call,
        user,
        people=[
            pf.person("Ana", user.email, gender="woman"),
            pf.person("Beto", "b@example.org", gender="man"),
        ],
    )
    invitation_respond(
        person=proposal.people.get(email="b@example.org"), accept=False, actor=factories.SYSTEM
    )
    assert proposal_parity(edition=call.edition).received_speakers.men == 0


def test_sessions_parity_flags_list_panels_without_women_or_men(edition):
    panel = factories.SessionFactory(edition=edition, title="Solo hombres", status="draft", code="")
    for _ in range(2):
        factories.ParticipationFactory(session=panel, person=factories.PersonFactory(gender="man"))
    factories.ParticipationFactory(
        session=panel, person=factories.PersonFactory(gender=""), role="moderator"
    )
    mixed = factories.SessionFactory(edition=edition, title="Mixto")
    factories.ParticipationFactory(session=mixed, person=factories.PersonFactory(gender="man"))
    factories.ParticipationFactory(session=mixed, person=factories.PersonFactory(gender="woman"))
    talk = factories.SessionFactory(edition=edition, title="Una sola persona")
    factories.ParticipationFactory(session=talk, person=factories.PersonFactory(gender="man"))
    cancelled = factories.SessionFactory(edition=edition, title="Cancelada", status="cancelled")
    for _ in range(2):
        factories.ParticipationFactory(
            session=cancelled, person=factories.PersonFactory(gender="woman")
        )
    flags = sessions_parity_flags(edition=edition)
    assert [(f.session.title, f.reason, f.people, f.undeclared) for f in flags] == [
        ("Solo hombres", "sin mujeres", 3, 1)
    ]


def test_dashboard_shows_aggregates_only_and_only_to_organisers(organiser_client):
    call = pf.open_call()
    user = pf.verified_user()
    pf.submit(call, user, people=[pf.person("Nombre Muy Privado", user.email, gender="woman")])
    url = f"/gestion/ediciones/{call.edition.slug}/paridad/"
    html = organiser_client.get(url).content.decode()
    assert "Ponentes en propuestas recibidas" in html
    assert "1 <span" in html and "100.0 %" in html
    assert "Nombre Muy Privado" not in html
    assert user.email not in html
    assert _anonymous_and_reviewer_denied(url)


def _anonymous_and_reviewer_denied(url):
    reviewer = Client()
    reviewer.force_login(pf.reviewer_user())
    return Client().get(url).status_code == 302 and reviewer.get(url).status_code == 403


def test_public_pages_never_show_gender(client):
    call = pf.open_call()
    user = pf.verified_user()
    proposal = pf.submit(
        call, user, people=[pf.person("Ana Pública", user.email, gender="non_binary")]
    )
    proposal_decide(
        proposal=proposal, decision="accepted", actor=factories.SYSTEM, without_reviews=True
    )
    proposal.refresh_from_db()
    starts = factories.at(call.edition, 1, 10)
    placement_set(session=proposal.session, starts_at=starts, ends_at=starts + dt.timedelta(hours=1),
                  venue=None, room=None, expected_audience=None, actor=factories.SYSTEM)  # fmt: skip
    schedule_publish(edition=call.edition, actor=factories.SYSTEM)
    slug = call.edition.slug
    for url, shows_name in (
        (f"/ediciones/{slug}/programa/", True),
        (f"/ediciones/{slug}/sesiones/S0101/", True),
        (f"/ediciones/{slug}/programa/cambios/", False),
        (f"/api/v1/schedule-versions/?edition={slug}", False),
    ):
        html = client.get(url).content.decode()
        assert ("Ana Pública" in html) is shows_name
        assert "No binaria" not in html and "non_binary" not in html
        assert user.email not in html
