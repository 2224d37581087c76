"""Services of the call refuse whoever the named rules refuse (PermissionDenied, a 403).

Deciding, assigning and configuring are for the organisers of the proposal's
edition; editing, withdrawing and confirming a proposal for the one who sent
it; reviewing for the assigned reviewer. The system (loaders) passes.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from datacon.common.actor import Actor
from datacon.editions.models_access import EditionRole
from datacon.proposals.models import Call, ProposalStatus
from datacon.proposals.services import (
    assignment_create,
    call_save,
    proposal_decide,
    proposal_respond,
    proposal_submit,
    proposal_withdraw,
)
from tests import factories
from tests.proposals import factories as pf

pytestmark = pytest.mark.django_db


def _edition_organiser(edition):  # type: ignore[no-untyped-def]
    """An account that organises this edition only (no platform-wide group)."""
    user = factories.UserFactory()
    EditionRole.objects.create(edition=edition, user=user, duty="organiser")
    return user


def test_decide_refuses_an_actor_who_does_not_organise_the_edition():
    call = pf.open_call()
    proposal = pf.submit(call)
    other_edition = factories.EditionFactory()
    for outsider in (
        pf.verified_user(),  # any account
        proposal.submitter,  # the proponent
        _edition_organiser(other_edition),  # an organiser of another edition
        pf.reviewer_user(),  # a reviewer
    ):
        with pytest.raises(PermissionDenied):
            proposal_decide(
                proposal=proposal,
                decision="accepted",
                actor=Actor.of(outsider),
                without_reviews=True,
            )
    with pytest.raises(PermissionDenied):
        proposal_decide(
            proposal=proposal, decision="accepted", actor=Actor.of(None), without_reviews=True
        )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED


def test_decide_by_an_organiser_of_this_edition_only():
    call = pf.open_call()
    proposal = pf.submit(call)
    organiser = _edition_organiser(call.edition)
    decided = proposal_decide(proposal=proposal, decision="waitlisted", actor=Actor.of(organiser))
    assert decided.status == ProposalStatus.WAITLISTED
    assert decided.events.last().actor == organiser


def test_assigning_reviewers_is_for_the_editions_organisers():
    call = pf.open_call()
    proposal = pf.submit(call)
    with pytest.raises(PermissionDenied):
        assignment_create(
            proposal=proposal,
            reviewer=pf.reviewer_user(),
            actor=Actor.of(_edition_organiser(factories.EditionFactory())),
        )


def test_configuring_the_call_is_for_the_editions_organisers():
    call = pf.open_call()
    call.max_people = 2
    with pytest.raises(PermissionDenied):
        call_save(call=call, actor=Actor.of(_edition_organiser(factories.EditionFactory())))
    assert Call.objects.get(pk=call.pk).max_people != 2


def test_only_the_proponent_withdraws_or_confirms():
    call = pf.open_call()
    proposal = pf.submit(call)
    intruder = pf.verified_user()
    with pytest.raises(PermissionDenied):
        proposal_withdraw(proposal=proposal, actor=Actor.of(intruder))
    with pytest.raises(PermissionDenied):
        proposal_respond(proposal=proposal, confirm=True, actor=Actor.of(intruder))
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED


def test_sending_a_proposal_needs_an_account():
    call = pf.open_call()
    with pytest.raises(PermissionDenied):
        proposal_submit(
            call=call,
            data=pf.proposal_input(call),
            people=[pf.person("Ana", "ana@example.org")],
            answers={},
            actor=Actor.of(None),
        )


def test_the_decide_screen_answers_403_to_an_organiser_of_another_edition():
    from django.contrib.auth.models import Permission
    from django.test import Client

    call = pf.open_call()
    proposal = pf.submit(call)
    # Staff holding the model permission the screens used to ask for, organiser of edition B.
    outsider = _edition_organiser(factories.EditionFactory())
    outsider.is_staff = True
    outsider.save()
    outsider.user_permissions.add(Permission.objects.get(codename="change_proposal"))
    client = Client()
    client.force_login(outsider)
    response = client.post(
        f"/gestion/ediciones/{call.edition.slug}/propuestas/{proposal.pk}/decidir/",
        {"decision": "accepted"},
    )
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED
