"""The signed-in person's own activity in consultations: their comments and supports
(the account page and /cuenta/consultas/)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User

from datacon.common.actor import Actor
from datacon.consultation.models import (
    Comment,
    Support,
)
from datacon.consultation.selectors import attach_counts

# --- the signed-in person's own activity ---------------------------------------------------------


@dataclass
class Activity:
    comments: list[Comment]
    supports: list[Support]
    comment_total: int
    support_total: int


def user_activity(*, user: User | AnonymousUser | None, limit: int = 10) -> Activity:
    account = Actor.of(user).account
    if account is None:
        return Activity([], [], 0, 0)
    comments = Comment.objects.filter(participant__user=account)
    supports = Support.objects.filter(participant__user=account)
    return Activity(
        comments=attach_counts(
            list(
                comments.select_related(
                    "consultation", "participant", "paragraph__identity", "answer"
                ).order_by("-created_at", "-id")[:limit]
            )
        ),
        supports=list(
            supports.select_related(
                "comment__consultation", "comment__participant", "comment__paragraph__identity"
            ).order_by("-created_at", "-id")[:limit]
        ),
        comment_total=comments.count(),
        support_total=supports.count(),
    )
