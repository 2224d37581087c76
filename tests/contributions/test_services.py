"""Proposing a contribution and reviewing it: rules, validation and the audit log."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from datacon.common.actor import Actor
from datacon.common.models import AuditEntry
from datacon.contributions.models import (
    Contribution,
    ContributionAction,
    ContributionKind,
    ContributionStatus,
)
from datacon.contributions.selectors import edition_accepts_contributions
from datacon.contributions.services import (
    contribution_accept,
    contribution_reject,
    contribution_submit,
)
from datacon.editions.models import EditionStatus
from datacon.editions.models_access import EditionDuty, EditionRole
from tests import factories
from tests.contributions.factories import ContributionFactory, past_edition

pytestmark = pytest.mark.django_db


def _submit(actor, edition, **overrides):  # type: ignore[no-untyped-def]
    values = {
        "kind": ContributionKind.PUBLIC_ROLE,
        "target": "Clausura",
        "content": "Clausuró la edición en su carácter de comisionada.",
        "source_url": "https://example.org/nota",
        "source_title": "Concluye la conferencia",
        "source_publisher": "Diario de ejemplo",
        "source_date": dt.date(2022, 10, 6),
        "source_quote": "clausuró los trabajos",
    }
    return contribution_submit(actor=actor, edition=edition, **(values | overrides))


def _audit_actions(contribution):  # type: ignore[no-untyped-def]
    return list(
        AuditEntry.objects.filter(
            object_type="contributions.contribution", object_id=str(contribution.pk)
        )
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_a_signed_in_person_submits_a_pending_contribution_audited():
    user = factories.UserFactory()
    edition = past_edition()
    contribution = _submit(Actor.of(user), edition, credit=True, credit_name=" Ana Pérez ")
    assert (contribution.status, contribution.created_by, contribution.credit_name) == (
        ContributionStatus.PENDING,
        user,
        "Ana Pérez",
    )
    assert _audit_actions(contribution) == [ContributionAction.SUBMIT.value]


def test_credit_name_is_dropped_when_credit_is_not_chosen():
    contribution = _submit(Actor.of(factories.UserFactory()), past_edition(), credit_name="Ana")
    assert (contribution.credit, contribution.credit_name) == (False, "")


def test_credit_without_a_name_is_refused():
    with pytest.raises(ValidationError) as error:
        _submit(Actor.of(factories.UserFactory()), past_edition(), credit=True, credit_name=" ")
    assert "credit_name" in error.value.message_dict


def test_visitors_who_are_not_signed_in_may_not_contribute():
    with pytest.raises(PermissionDenied):
        _submit(Actor.of(None), past_edition())
    assert Contribution.objects.count() == 0


def test_only_past_public_real_editions_accept_contributions():
    today = dt.date(2026, 12, 7)
    assert edition_accepts_contributions(past_edition(year=2021), today=today) is True
    future = factories.EditionFactory(year=2027, slug="2027-demo", is_demo=True)
    assert edition_accepts_contributions(future, today=today) is False
    # Still fictional once its dates have passed.
    assert edition_accepts_contributions(future, today=dt.date(2028, 1, 1)) is False
    draft = past_edition(year=2020, status=EditionStatus.DRAFT)
    assert edition_accepts_contributions(draft, today=today) is False
    with pytest.raises(ValidationError):
        _submit(Actor.of(factories.UserFactory()), future)


def test_a_session_of_another_edition_is_refused():
    session = factories.SessionFactory(edition=past_edition(year=2021))
    with pytest.raises(ValidationError) as error:
        _submit(Actor.of(factories.UserFactory()), past_edition(year=2022), session=session)
    assert "session" in error.value.message_dict


def test_quote_length_and_single_line_names_are_checked():
    user = factories.UserFactory()
    with pytest.raises(ValidationError) as error:
        _submit(Actor.of(user), past_edition(), source_quote="x" * 501, source_title="a\nb")
    assert sorted(error.value.message_dict) == ["source_quote", "source_title"]


def test_an_organiser_accepts_and_the_decision_is_audited():
    contribution = ContributionFactory()
    organiser = factories.organiser_user()
    contribution_accept(actor=Actor.of(organiser), contribution=contribution)
    contribution.refresh_from_db()
    assert (contribution.status, contribution.reviewed_by) == (
        ContributionStatus.ACCEPTED,
        organiser,
    )
    assert contribution.reviewed_at is not None
    assert _audit_actions(contribution)[-1] == ContributionAction.ACCEPT.value


def test_rejecting_requires_a_public_reason():
    contribution = ContributionFactory()
    organiser = factories.organiser_user()
    with pytest.raises(ValidationError) as error:
        contribution_reject(actor=Actor.of(organiser), contribution=contribution, reason="  ")
    assert list(error.value.message_dict) == ["reason"]
    contribution_reject(
        actor=Actor.of(organiser), contribution=contribution, reason="La fuente no lo dice."
    )
    contribution.refresh_from_db()
    assert (contribution.status, contribution.review_reason) == (
        ContributionStatus.REJECTED,
        "La fuente no lo dice.",
    )
    assert _audit_actions(contribution)[-1] == ContributionAction.REJECT.value


def test_a_contribution_is_decided_once():
    contribution = ContributionFactory()
    organiser = factories.organiser_user()
    contribution_accept(actor=Actor.of(organiser), contribution=contribution)
    with pytest.raises(ValidationError):
        contribution_reject(actor=Actor.of(organiser), contribution=contribution, reason="No.")


def test_only_the_editions_organisers_review():
    contribution = ContributionFactory()
    other_edition_organiser = factories.UserFactory()
    EditionRole.objects.create(
        edition=past_edition(year=2023), user=other_edition_organiser, duty=EditionDuty.ORGANISER
    )
    for outsider in (contribution.created_by, other_edition_organiser):
        with pytest.raises(PermissionDenied):
            contribution_accept(actor=Actor.of(outsider), contribution=contribution)
    this_edition_organiser = factories.UserFactory()
    EditionRole.objects.create(
        edition=contribution.edition, user=this_edition_organiser, duty=EditionDuty.ORGANISER
    )
    contribution_accept(actor=Actor.of(this_edition_organiser), contribution=contribution)
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.ACCEPTED
