"""Reads of feedback for the pages: the speaker's sessions, the survey of an edition,
the session a feedback URL names. Aggregates and their threshold: aggregates.py."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from datacon.editions.models import Edition
from datacon.feedback.models import Survey
from datacon.feedback.permissions import SPEAKER_ROLES
from datacon.program.models import (
    ParticipationStatus,
    Session,
    SessionStatus,
    public_session_filter,
)
from datacon.program.selectors import session_get_public


def session_to_rate(*, edition: str, code: str, **_url: object) -> Session:
    """The public session a rating URL names (404 when it is not public), for `rule_route`."""
    from datacon.editions.selectors import edition_get_public

    return session_get_public(edition=edition_get_public(slug=edition), code=code)


def session_from_url(*, edition: str, code: str, **_url: object) -> Session:
    """Any session of an edition by code (its speakers read its feedback), for `rule_route`."""
    found = (
        Session.objects.select_related("edition")
        .filter(edition__slug=edition, code=code)
        .exclude(code="")
        .first()
    )
    if found is None:
        raise Http404("Sesión no encontrada")
    return found


def public_edition_from_url(*, edition: str, **_url: object) -> Edition:
    from datacon.editions.selectors import edition_get_public

    return edition_get_public(slug=edition)


def sessions_spoken_by(user: Any) -> QuerySet[Session]:
    """Sessions where the account's person is a confirmed speaker, newest first."""
    if not getattr(user, "is_authenticated", False):
        return Session.objects.none()
    return (
        Session.objects.filter(
            participations__person__user=user,
            participations__status=ParticipationStatus.CONFIRMED,
            participations__role__in=SPEAKER_ROLES,
        )
        .exclude(code="")
        .select_related("edition")
        .distinct()
        .order_by("-edition__year", "day", "starts_at", "code")
    )


def edition_sessions(edition: Edition) -> QuerySet[Session]:
    return (
        Session.objects.filter(public_session_filter(), edition=edition)
        .filter(status=SessionStatus.CONFIRMED)
        .select_related("edition")
        .order_by("day", "starts_at", "code")
    )


def survey_of(edition: Edition) -> Survey | None:
    return Survey.objects.filter(edition=edition).first()


def open_survey_of(edition: Edition) -> Survey | None:
    return Survey.objects.filter(edition=edition, is_open=True).first()


def editions_with_counts(editions: QuerySet[Edition]) -> QuerySet[Edition]:
    """The organisers' list: each edition with its number of ratings and survey responses."""
    return editions.annotate(
        ratings=Count("sessions__ratings", distinct=True),
        responses=Count("survey__responses", distinct=True),
        survey_open=Count("survey", filter=Q(survey__is_open=True), distinct=True),
    ).order_by("-year")
