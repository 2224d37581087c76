"""Writes for the configuration of a call: the call, its session types and questions,
tracks, review criteria, reviewer teams and e-mail templates. Organisers of the
edition only (`proposals.configure`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.write import unit_of_work
from datacon.editions.models import Edition, SessionType
from datacon.proposals.emails import DEFAULT_TEMPLATES
from datacon.proposals.models import (
    DEFAULT_CRITERIA,
    Call,
    CallSessionType,
    EmailTemplate,
    Question,
    ReviewCriterion,
    ReviewTeam,
    Track,
)

CONFIGURE = "proposals.configure"


def criteria_seed(*, edition: Edition, actor: Actor) -> list[ReviewCriterion]:
    """The memoria's criteria (merit, innovation, the open-data agenda, the audience)."""
    with unit_of_work(actor) as work:
        require(actor, CONFIGURE, edition)
        existing = set(edition.review_criteria.values_list("name", flat=True))
        return [
            work.save(
                ReviewCriterion(edition=edition, name=name, description=description, order=order)
            )
            for order, (name, description) in enumerate(DEFAULT_CRITERIA, start=1)
            if name not in existing
        ]


def email_templates_seed(*, edition: Edition, actor: Actor) -> list[EmailTemplate]:
    with unit_of_work(actor) as work:
        require(actor, CONFIGURE, edition)
        existing = set(edition.email_templates.values_list("kind", flat=True))
        return [
            work.save(EmailTemplate(edition=edition, kind=kind, subject=subject, body=body))
            for kind, (subject, body) in DEFAULT_TEMPLATES.items()
            if kind not in existing
        ]


def email_template_save(*, template: EmailTemplate, actor: Actor) -> EmailTemplate:
    with unit_of_work(actor) as work:
        require(actor, CONFIGURE, template)
        return work.save(template)


def call_save(*, call: Call, actor: Actor) -> Call:
    """Save a call; a new one brings the default criteria and e-mail templates."""
    with unit_of_work(actor) as work:
        require(actor, CONFIGURE, call)
        creating = call.pk is None
        work.save(call)
        if creating:
            criteria_seed(edition=call.edition, actor=actor)
            email_templates_seed(edition=call.edition, actor=actor)
    return call


def call_create(
    *,
    edition: Edition,
    opens_at: dt.datetime,
    closes_at: dt.datetime,
    text: str = "",
    anonymous_review: bool = True,
    max_people: int = 6,
    contact_email: str = "",
    session_types: Sequence[SessionType] | None = None,
    actor: Actor,
) -> Call:
    """A call with every session type of the edition (or those given) at their usual length."""
    with unit_of_work(actor):
        call = call_save(
            call=Call(
                edition=edition,
                opens_at=opens_at,
                closes_at=closes_at,
                text=text,
                anonymous_review=anonymous_review,
                max_people=max_people,
                contact_email=contact_email,
            ),
            actor=actor,
        )
        types = (
            list(session_types)
            if session_types is not None
            else list(edition.session_types.exclude(slug="ceremonia"))
        )
        for order, session_type in enumerate(types, start=1):
            call_session_type_save(
                item=CallSessionType(
                    call=call,
                    session_type=session_type,
                    duration_minutes=session_type.default_duration_minutes,
                    order=order,
                ),
                actor=actor,
            )
    return call


def call_session_type_save(*, item: CallSessionType, actor: Actor) -> CallSessionType:
    with unit_of_work(actor) as work:
        require(actor, CONFIGURE, item.call)
        return work.save(item)


def question_save(*, question: Question, actor: Actor) -> Question:
    with unit_of_work(actor) as work:
        require(actor, CONFIGURE, question.call)
        return work.save(question)


def track_save(*, track: Track, actor: Actor) -> Track:
    with unit_of_work(actor) as work:
        require(actor, CONFIGURE, track)
        return work.save(track)


def review_team_save(*, team: ReviewTeam, actor: Actor) -> ReviewTeam:
    with unit_of_work(actor) as work:
        require(actor, CONFIGURE, team)
        return work.save(team)
