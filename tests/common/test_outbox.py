"""The outbox (datacon.common.mail) on the write path: who may review, what is audited,
and which public pages move when a message is released or withdrawn.

`common` knows no domain rule: approving or discarding a message touches the
record it is about, and that record's own `public_scopes()` decide (a proposal
feeds its edition's memoria; a registration the registration figures; a message
about nothing moves nothing).
"""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from datacon.common.actor import Actor
from datacon.common.mail import (
    email_approve,
    email_discard,
    email_enqueue,
    email_update_draft,
    emails_send_due,
)
from datacon.common.models import AuditEntry, OutboundEmail, PublicVersion
from datacon.common.versions import CONFERENCE, REGISTRATION
from datacon.proposals.models import Call
from tests import factories
from tests.proposals import factories as pf
from tests.registration.factories import register, registration_edition

pytestmark = pytest.mark.django_db


def _versions() -> dict[str, int]:
    return dict(PublicVersion.objects.values_list("scope", "version"))


def _draft(related=None) -> OutboundEmail:  # type: ignore[no-untyped-def]
    return email_enqueue(
        to="persona@correo.example",
        subject="Asunto",
        body_text="Texto.",
        purpose="test.message",
        related=related,
        needs_review=True,
        actor=factories.SYSTEM,
    )


def _organiser() -> Actor:
    return Actor.of(factories.organiser_user())


def test_approving_a_message_about_nothing_public_moves_no_public_version():
    email = _draft()
    before = _versions()
    email_approve(email=email, actor=_organiser())
    assert _versions() == before


def test_approving_a_registration_message_moves_only_the_registration_figures():
    edition, _venues = registration_edition()
    email = _draft(related=register(edition, notify=False))
    before = _versions()
    email_approve(email=email, actor=_organiser())
    after = _versions()
    assert after[REGISTRATION] == before[REGISTRATION] + 1
    assert after.get(CONFERENCE) == before.get(CONFERENCE)


def test_releasing_or_withdrawing_a_decision_moves_its_editions_memoria():
    call = pf.open_call()
    proposal = pf.submit(call)
    # The call is over: its memoria counts the decisions released.
    Call.objects.filter(pk=call.pk).update(closes_at=timezone.now() - dt.timedelta(hours=1))
    email = _draft(related=proposal)
    before = _versions().get(CONFERENCE, 0)
    email_approve(email=email, actor=_organiser())
    assert _versions()[CONFERENCE] == before + 1
    email_discard(email=email, actor=_organiser())  # queued, not yet sent: withdrawn
    assert _versions()[CONFERENCE] == before + 2


def test_only_who_reviews_the_outbox_approves_edits_or_discards():
    email = _draft()
    for user in (factories.UserFactory(is_staff=True), factories.read_only_staff_user()):
        actor = Actor.of(user)
        with pytest.raises(PermissionDenied):
            email_approve(email=email, actor=actor)
        with pytest.raises(PermissionDenied):
            email_discard(email=email, actor=actor)
        with pytest.raises(PermissionDenied):
            email_update_draft(email=email, subject="Otro", body_text="Otro.", actor=actor)
    assert OutboundEmail.objects.get(pk=email.pk).status == "draft"


def test_every_review_and_delivery_is_audited_with_who_did_it():
    organiser = factories.organiser_user(email="organiza@organizador.example")
    approved, discarded = _draft(), _draft()
    email_update_draft(
        email=approved, subject="Nuevo asunto", body_text="Texto.", actor=Actor.of(organiser)
    )
    email_approve(email=approved, actor=Actor.of(organiser))
    email_discard(email=discarded, actor=Actor.of(organiser))
    assert emails_send_due() == (1, 0)
    assert len(mail.outbox) == 1
    entries = list(
        AuditEntry.objects.filter(
            action__in=["email.edit", "email.approve", "email.discard", "email.send"]
        )
        .order_by("pk")
        .values_list("action", "actor_label", "object_id")
    )
    assert entries == [
        ("email.edit", "organiza@organizador.example", str(approved.pk)),
        ("email.approve", "organiza@organizador.example", str(approved.pk)),
        ("email.discard", "organiza@organizador.example", str(discarded.pk)),
        ("email.send", "system: outbox", str(approved.pk)),
    ]
