"""Factories and helpers for the call-for-proposals tests.

Proposals are created through the real service (`submit`), so every test
starts from records the application itself would have written.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone

from datacon.backoffice.roles import roles_ensure
from datacon.common.actor import Actor
from datacon.editions.models import Edition
from datacon.proposals.models import Call, Proposal, Question
from datacon.proposals.roles import REVIEWERS
from datacon.proposals.services import PersonInput, ProposalInput, call_create, proposal_submit
from tests import factories


def verified_user(**kwargs: Any) -> Any:
    user = factories.UserFactory(**kwargs)
    EmailAddress.objects.get_or_create(user=user, email=user.email, verified=True, primary=True)
    return user


def reviewer_user(**kwargs: Any) -> Any:
    roles_ensure()
    user = verified_user(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get(name=REVIEWERS))
    return user


def open_call(
    edition: Edition | None = None,
    *,
    opens: dt.timedelta = dt.timedelta(days=-10),
    closes: dt.timedelta = dt.timedelta(days=10),
    **kwargs: Any,
) -> Call:
    """A call around now (by default open), with the edition's session types."""
    edition = edition or factories.EditionFactory()
    if not edition.session_types.exists():
        factories.SessionTypeFactory(edition=edition, name="Panel", default_duration_minutes=60)
        factories.SessionTypeFactory(edition=edition, name="Taller", default_duration_minutes=90)
        factories.SessionTypeFactory(
            edition=edition, name="Presentacion", default_duration_minutes=30
        )
    now = timezone.now()
    kwargs.setdefault("actor", factories.SYSTEM)
    return call_create(edition=edition, opens_at=now + opens, closes_at=now + closes, **kwargs)


def question(call: Call, **kwargs: Any) -> Question:
    defaults: dict[str, Any] = {"text": "¿Pregunta?", "kind": "text", "required": False}
    defaults.update(kwargs)
    return Question.objects.create(call=call, **defaults)


def person(name: str, email: str, role: str = "speaker", **kwargs: Any) -> PersonInput:
    return PersonInput(name=name, email=email, role=role, **kwargs)


def proposal_input(call: Call, **kwargs: Any) -> ProposalInput:
    defaults: dict[str, Any] = {
        "title": "Datos abiertos para la movilidad",
        "abstract": "Un resumen de la propuesta.",
        "session_type": call.edition.session_types.get(slug="panel"),
        "audiences": ["government"],
    }
    defaults.update(kwargs)
    return ProposalInput(**defaults)


def submit(
    call: Call,
    submitter: Any = None,
    *,
    people: list[PersonInput] | None = None,
    answers: dict[int, str] | None = None,
    **kwargs: Any,
) -> Proposal:
    submitter = submitter or verified_user()
    people = people or [
        person("Ana Proponente", submitter.email, gender="woman", organisation="Org Secreta A")
    ]
    return proposal_submit(
        call=call,
        data=proposal_input(call, **kwargs),
        people=people,
        answers=answers or {},
        actor=Actor.of(submitter),
    )
