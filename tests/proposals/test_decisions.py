"""Decisions: accept, waitlist, reject; e-mails reviewed in the outbox; speakers confirm."""

import pytest
from django.core.exceptions import ValidationError

from datacon.common.actor import Actor
from datacon.common.mail import email_approve, email_discard
from datacon.common.models import OutboundEmail, OutboundEmailStatus
from datacon.people.models import Person
from datacon.program.models import Participation, Session
from datacon.proposals import selectors
from datacon.proposals.models import EmailTemplate, ProposalStatus
from datacon.proposals.services import (
    email_template_save,
    invitation_respond,
    proposal_decide,
    proposal_respond,
)
from tests import factories
from tests.proposals import factories as pf

pytestmark = pytest.mark.django_db


def _panel(call, user):
    return pf.submit(
        call,
        user,
        people=[
            pf.person("Ana Proponente", user.email, gender="woman", organisation="Org Nueva"),
            pf.person("Beto Coponente", "beto@example.org", gender="man", position="Director"),
            pf.person("Carla Modera", "carla@example.org", role="moderator"),
        ],
    )


def _approve_decision(proposal):
    for email in OutboundEmail.objects.filter(
        related_id=str(proposal.pk), purpose__startswith="proposal.decision", status="draft"
    ):
        email_approve(email=email, actor=factories.SYSTEM)


def test_accept_creates_draft_session_people_and_participations():
    call = pf.open_call()
    organiser = factories.organiser_user()
    user = pf.verified_user()
    known = factories.PersonFactory(email="BETO@example.org", gender="")
    proposal = _panel(call, user)
    proposal_decide(
        proposal=proposal,
        decision="accepted",
        actor=Actor.of(organiser),
        note="¡Felicidades!",
        without_reviews=True,
    )
    proposal.refresh_from_db()
    session = proposal.session
    assert (session.status, session.code, session.title) == ("draft", "", proposal.title)
    participations = list(
        Participation.objects.filter(session=session).order_by("order").select_related("person")
    )
    assert [(p.person.public_name, p.role) for p in participations] == [
        ("Ana Proponente", "panelist"),
        (known.public_name, "panelist"),
        ("Carla Modera", "moderator"),
    ]
    ana = participations[0].person
    # An organisation nobody registered goes into the position, not a new public organisation.
    assert (ana.organisation, ana.position, ana.email, ana.gender) == (
        None,
        "Org Nueva",
        user.email,
        "woman",
    )
    known.refresh_from_db()
    assert known.gender == "man"  # the self-declared value fills an empty one
    assert proposal.people.get(email="beto@example.org").person == known


def test_accept_links_a_known_organisation():
    call = pf.open_call()
    org = factories.OrganisationFactory(name="Instituto de Datos", acronym="IDD")
    user = pf.verified_user()
    proposal = pf.submit(call, user, people=[pf.person("Ana", user.email, organisation="idd")])
    proposal_decide(
        proposal=proposal, decision="accepted", actor=factories.SYSTEM, without_reviews=True
    )
    person = Person.objects.get(email=user.email)
    assert (person.organisation, person.position) == (org, "")


def test_decision_emails_wait_in_the_outbox_and_use_the_editions_template():
    call = pf.open_call()
    template = EmailTemplate.objects.get(edition=call.edition, kind="accepted")
    template.subject = "Aceptada: {titulo} ({referencia})"
    email_template_save(template=template, actor=factories.SYSTEM)
    user = pf.verified_user()
    proposal = _panel(call, user)
    proposal_decide(
        proposal=proposal,
        decision="accepted",
        actor=factories.SYSTEM,
        note="Nota del comité.",
        without_reviews=True,
    )
    emails = list(OutboundEmail.objects.filter(purpose="proposal.decision.accepted").order_by("to"))
    assert [e.to for e in emails] == sorted([user.email, "beto@example.org", "carla@example.org"])
    assert {e.status for e in emails} == {OutboundEmailStatus.DRAFT}
    assert emails[0].subject == f"Aceptada: {proposal.title} ({proposal.reference})"
    mine = next(e for e in emails if e.to == user.email)
    assert f"/cuenta/propuestas/{proposal.pk}/" in mine.body_text
    assert "Nota del comité." in mine.body_text
    beto = next(e for e in emails if e.to == "beto@example.org")
    token = proposal.people.get(email="beto@example.org").invitation_token
    assert f"/propuestas/invitacion/{token}/" in beto.body_text


def test_template_with_unknown_placeholder_is_refused():
    call = pf.open_call()
    template = EmailTemplate.objects.get(edition=call.edition, kind="rejected")
    template.body = "Hola {nombre}, {secreto.__class__}"
    template.subject = "{asunto_raro}"
    with pytest.raises(ValidationError) as error:
        email_template_save(template=template, actor=factories.SYSTEM)
    assert error.value.message_dict["subject"][0].startswith(
        "Marcadores desconocidos: {asunto_raro}."
    )


def test_proponent_sees_decision_only_after_its_email_is_approved():
    call = pf.open_call()
    user = pf.verified_user()
    proposal = _panel(call, user)
    proposal_decide(
        proposal=proposal, decision="accepted", actor=factories.SYSTEM, without_reviews=True
    )
    mine = selectors.proposal_of_user(user=user, pk=proposal.pk)
    assert selectors.visible_status(mine) == ProposalStatus.SUBMITTED
    assert selectors.visible_status_label(mine) == "En revisión"
    with pytest.raises(ValidationError):
        proposal_respond(proposal=proposal, confirm=True, actor=Actor.of(user))
    _approve_decision(proposal)
    mine = selectors.proposal_of_user(user=user, pk=proposal.pk)
    assert selectors.visible_status(mine) == ProposalStatus.ACCEPTED


def test_speaker_confirms_and_every_change_is_recorded_with_who():
    call = pf.open_call()
    organiser = factories.organiser_user()
    user = pf.verified_user()
    proposal = _panel(call, user)
    proposal_decide(
        proposal=proposal, decision="accepted", actor=Actor.of(organiser), without_reviews=True
    )
    _approve_decision(proposal)
    proposal_respond(proposal=proposal, confirm=True, actor=Actor.of(user))
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.CONFIRMED
    assert [(e.kind, e.from_status, e.to_status, e.actor) for e in proposal.events.all()] == [
        ("submitted", "", "submitted", user),
        ("accepted", "submitted", "accepted", organiser),
        ("confirmed", "accepted", "confirmed", user),
    ]


def test_decline_removes_the_unpublished_session():
    call = pf.open_call()
    user = pf.verified_user()
    proposal = _panel(call, user)
    proposal_decide(
        proposal=proposal, decision="accepted", actor=factories.SYSTEM, without_reviews=True
    )
    _approve_decision(proposal)
    session_id = proposal.__class__.objects.get(pk=proposal.pk).session_id
    proposal_respond(proposal=proposal, confirm=False, actor=Actor.of(user))
    proposal.refresh_from_db()
    assert (proposal.status, proposal.session) == (ProposalStatus.DECLINED, None)
    assert Session.objects.filter(pk=session_id).exists() is False


def test_changing_a_decision_discards_the_unsent_emails_and_the_session():
    call = pf.open_call()
    user = pf.verified_user()
    proposal = _panel(call, user)
    proposal_decide(
        proposal=proposal, decision="accepted", actor=factories.SYSTEM, without_reviews=True
    )
    proposal_decide(proposal=proposal, decision="waitlisted", actor=factories.SYSTEM)
    proposal.refresh_from_db()
    assert proposal.session is None
    assert Session.objects.count() == 0
    statuses = dict(
        OutboundEmail.objects.filter(
            to=user.email, purpose__startswith="proposal.decision"
        ).values_list("purpose", "status")
    )
    assert statuses == {
        "proposal.decision.accepted": "discarded",
        "proposal.decision.waitlisted": "draft",
    }


def test_decisions_refused_on_withdrawn_or_confirmed_and_same_status():
    call = pf.open_call()
    user = pf.verified_user()
    proposal = pf.submit(call, user)
    proposal_decide(proposal=proposal, decision="rejected", actor=factories.SYSTEM)
    with pytest.raises(ValidationError) as error:
        proposal_decide(proposal=proposal, decision="rejected", actor=factories.SYSTEM)
    assert error.value.messages == ["La propuesta ya está en estado «No aceptada»."]
    proposal_decide(
        proposal=proposal, decision="accepted", actor=factories.SYSTEM, without_reviews=True
    )
    _approve_decision(proposal)
    proposal_respond(proposal=proposal, confirm=True, actor=Actor.of(user))
    with pytest.raises(ValidationError):
        proposal_decide(proposal=proposal, decision="rejected", actor=factories.SYSTEM)
    with pytest.raises(ValidationError):
        proposal_decide(proposal=proposal, decision="bogus", actor=factories.SYSTEM)


def test_co_speaker_declining_after_acceptance_leaves_the_session():
    call = pf.open_call()
    user = pf.verified_user()
    proposal = _panel(call, user)
    proposal_decide(
        proposal=proposal, decision="accepted", actor=factories.SYSTEM, without_reviews=True
    )
    proposal.refresh_from_db()
    beto = proposal.people.get(email="beto@example.org")
    invitation_respond(person=beto, accept=False, actor=factories.SYSTEM)
    names = set(
        Participation.objects.filter(session=proposal.session).values_list(
            "person__public_name", flat=True
        )
    )
    assert names == {"Ana Proponente", "Carla Modera"}


def test_discarded_decision_email_keeps_the_decision_hidden():
    call = pf.open_call()
    user = pf.verified_user()
    proposal = pf.submit(call, user)
    proposal_decide(proposal=proposal, decision="rejected", actor=factories.SYSTEM)
    email_discard(
        email=OutboundEmail.objects.get(purpose="proposal.decision.rejected"),
        actor=factories.SYSTEM,
    )
    mine = selectors.proposal_of_user(user=user, pk=proposal.pk)
    assert selectors.visible_status(mine) == ProposalStatus.SUBMITTED


# Accepting a proposal nobody reviewed: a warning and an explicit confirmation.


def _reviewed(proposal, call):
    from datacon.proposals.models import ReviewCriterion
    from datacon.proposals.services import assignment_create, review_save

    reviewer = pf.reviewer_user()
    assignment = assignment_create(proposal=proposal, reviewer=reviewer, actor=factories.SYSTEM)
    criteria = ReviewCriterion.objects.filter(edition=call.edition)
    review_save(
        assignment=assignment,
        scores={c.pk: c.scale_max for c in criteria},
        comment="",
        actor=Actor.of(reviewer),
    )
    return proposal


def test_accepting_without_any_review_needs_a_confirmation():
    call = pf.open_call()
    proposal = pf.submit(call)
    with pytest.raises(ValidationError) as error:
        proposal_decide(proposal=proposal, decision="accepted", actor=factories.SYSTEM)
    assert error.value.message_dict == {
        "accept_without_reviews": [
            "La propuesta no tiene ninguna revisión completa (0 de 0 asignadas). Para "
            "aceptarla sin revisiones, confírmelo marcando la casilla."
        ]
    }
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED
    proposal_decide(
        proposal=proposal, decision="accepted", actor=factories.SYSTEM, without_reviews=True
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED


def test_a_reviewed_proposal_is_accepted_without_the_confirmation():
    call = pf.open_call()
    proposal = _reviewed(pf.submit(call), call)
    proposal_decide(proposal=proposal, decision="accepted", actor=factories.SYSTEM)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED


def test_rejecting_or_waitlisting_needs_no_review():
    call = pf.open_call()
    one, two = pf.submit(call), pf.submit(call)
    one = proposal_decide(proposal=one, decision="rejected", actor=factories.SYSTEM)
    two = proposal_decide(proposal=two, decision="waitlisted", actor=factories.SYSTEM)
    assert [p.status for p in (one, two)] == [ProposalStatus.REJECTED, ProposalStatus.WAITLISTED]


def test_decide_screen_warns_and_keeps_what_was_typed(organiser_client):
    import lxml.html

    call = pf.open_call()
    proposal = pf.submit(call)
    url = f"/gestion/ediciones/{call.edition.slug}/propuestas/{proposal.pk}/"
    tree = lxml.html.fromstring(organiser_client.get(url).content)
    warning = " ".join(tree.xpath("string(//*[@id='d-no-reviews'])").split())
    assert warning.startswith(
        "Esta propuesta no tiene ninguna revisión completa (0 de 0 asignadas)."
    )
    assert tree.xpath("//input[@name='accept_without_reviews']/@type") == ["checkbox"]

    response = organiser_client.post(url + "decidir/", {"decision": "accepted", "note": "Hola"})
    assert response.status_code == 400
    tree = lxml.html.fromstring(response.content)
    assert tree.xpath("//textarea[@name='note']/text()") == ["\nHola"]
    assert tree.xpath("//input[@name='decision'][@checked]/@value") == ["accepted"]
    assert "confírmelo marcando la casilla" in tree.xpath("string(//form[@aria-describedby])")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED

    response = organiser_client.post(
        url + "decidir/", {"decision": "accepted", "note": "Hola", "accept_without_reviews": "on"}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED


def test_decide_screen_of_a_reviewed_proposal_asks_no_confirmation(organiser_client):
    import lxml.html

    call = pf.open_call()
    proposal = _reviewed(pf.submit(call), call)
    url = f"/gestion/ediciones/{call.edition.slug}/propuestas/{proposal.pk}/"
    tree = lxml.html.fromstring(organiser_client.get(url).content)
    assert tree.xpath("//*[@id='d-no-reviews']") == []
    assert tree.xpath("//input[@name='accept_without_reviews']") == []
