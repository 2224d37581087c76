"""Anonymous review stays anonymous when the people of a proposal change (issue 13.4).

A reviewer who becomes a co-speaker of a proposal they review loses the
assignment (their score stops counting), the organiser who assigned it is told
through the outbox, and no message reaches the reviewer about a proposal they
still review.
"""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress

from datacon.common.actor import Actor
from datacon.common.models import OutboundEmail
from datacon.proposals.models import ReviewAssignment, ReviewTeam
from datacon.proposals.review_selectors import reviewer_queue
from datacon.proposals.services import (
    assignment_create,
    assignments_from_teams,
    invitation_respond,
    proposal_update,
    review_save,
)
from tests import factories
from tests.proposals import factories as pf

pytestmark = pytest.mark.django_db


def _scores(call, value=3):  # type: ignore[no-untyped-def]
    return {c.pk: value for c in call.edition.review_criteria.all()}


def _assigned(call, reviewer, organiser):  # type: ignore[no-untyped-def]
    proponent = pf.verified_user()
    proposal = pf.submit(call, proponent)
    assignment = assignment_create(proposal=proposal, reviewer=reviewer, actor=Actor.of(organiser))
    return proponent, proposal, assignment


def _add_co_speaker(call, proposal, proponent, email):  # type: ignore[no-untyped-def]
    return proposal_update(
        proposal=proposal,
        data=pf.proposal_input(call),
        people=[
            pf.person("Ana Proponente", proponent.email),
            pf.person("Rita Revisora", email),
        ],
        answers={},
        actor=Actor.of(proponent),
    )


def _no_message_to_a_reviewer_names_a_proposal_they_review(reviewer) -> None:  # type: ignore[no-untyped-def]
    addresses = {reviewer.email.lower()} | {
        e.lower()
        for e in EmailAddress.objects.filter(user=reviewer).values_list("email", flat=True)
    }
    reviewed = {
        str(pk)
        for pk in ReviewAssignment.objects.filter(reviewer=reviewer).values_list(
            "proposal_id", flat=True
        )
    }
    leaks = [
        (e.purpose, e.related_id)
        for e in OutboundEmail.objects.filter(related_type="proposals.proposal")
        if e.to.lower() in addresses and e.related_id in reviewed
    ]
    assert leaks == []


def test_a_reviewer_added_as_co_speaker_loses_the_assignment_and_the_organiser_is_told():
    call = pf.open_call()
    organiser = factories.organiser_user()
    reviewer = pf.reviewer_user()
    proponent, proposal, assignment = _assigned(call, reviewer, organiser)
    review_save(
        assignment=assignment, scores=_scores(call), comment="Buena", actor=Actor.of(reviewer)
    )

    _add_co_speaker(call, proposal, proponent, reviewer.email)

    assert ReviewAssignment.objects.filter(proposal=proposal, reviewer=reviewer).count() == 0
    assert reviewer_queue(user=reviewer) == []
    notices = list(
        OutboundEmail.objects.filter(purpose="proposal.review_conflict").values_list(
            "to", "related_id"
        )
    )
    assert notices == [(organiser.email, str(proposal.pk))]
    _no_message_to_a_reviewer_names_a_proposal_they_review(reviewer)


def test_any_verified_address_of_the_reviewer_counts():
    call = pf.open_call()
    organiser = factories.organiser_user()
    reviewer = pf.reviewer_user()
    EmailAddress.objects.create(user=reviewer, email="rita@otra.example.org", verified=True)
    proponent, proposal, _assignment = _assigned(call, reviewer, organiser)

    _add_co_speaker(call, proposal, proponent, "rita@otra.example.org")

    assert ReviewAssignment.objects.filter(proposal=proposal, reviewer=reviewer).count() == 0
    _no_message_to_a_reviewer_names_a_proposal_they_review(reviewer)


def test_a_reviewer_who_accepts_an_invitation_signed_in_loses_the_assignment():
    call = pf.open_call()
    organiser = factories.organiser_user()
    reviewer = pf.reviewer_user()
    proponent = pf.verified_user()
    # Invited at an address the platform does not know as the reviewer's...
    proposal = pf.submit(
        call,
        proponent,
        people=[
            pf.person("Ana Proponente", proponent.email),
            pf.person("Rita Revisora", "rita@desconocida.example.org"),
        ],
    )
    assignment_create(proposal=proposal, reviewer=reviewer, actor=Actor.of(organiser))
    invited = proposal.people.get(email="rita@desconocida.example.org")
    # ...who then answers signed in with an account at that address.
    reviewer.email = "rita@desconocida.example.org"
    reviewer.save()

    invitation_respond(
        person=invited, accept=True, actor=Actor.via_link("co-speaker invitation", reviewer)
    )

    assert ReviewAssignment.objects.filter(proposal=proposal, reviewer=reviewer).count() == 0
    assert OutboundEmail.objects.filter(purpose="proposal.review_conflict").count() == 1


def test_teams_never_assign_a_proposal_to_someone_on_it_by_another_address():
    call = pf.open_call()
    reviewer = pf.reviewer_user()
    EmailAddress.objects.create(user=reviewer, email="rita@otra.example.org", verified=True)
    proponent = pf.verified_user()
    pf.submit(
        call,
        proponent,
        people=[
            pf.person("Ana Proponente", proponent.email),
            pf.person("Rita Revisora", "rita@otra.example.org"),
        ],
    )
    team = ReviewTeam.objects.create(edition=call.edition, name="Todas")
    team.members.set([reviewer])

    added = assignments_from_teams(edition=call.edition, actor=factories.SYSTEM)

    assert added == 0


def test_a_change_that_keeps_the_reviewer_off_the_proposal_keeps_the_assignment():
    call = pf.open_call()
    organiser = factories.organiser_user()
    reviewer = pf.reviewer_user()
    proponent, proposal, _assignment = _assigned(call, reviewer, organiser)

    _add_co_speaker(call, proposal, proponent, "otra.persona@example.org")

    assert ReviewAssignment.objects.filter(proposal=proposal, reviewer=reviewer).count() == 1
    assert OutboundEmail.objects.filter(purpose="proposal.review_conflict").count() == 0
