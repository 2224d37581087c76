"""Template helpers of the partials other pages include (the edition page, the account)."""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib.auth.models import AnonymousUser, User

from datacon.contributions import selectors

register = template.Library()


@register.simple_tag
def edition_contributions(edition: Any) -> dict[str, Any]:
    """Whether the edition accepts contributions, and its public contributions."""
    if edition is None or getattr(edition, "pk", None) is None:
        return {"open": False, "public": selectors.PublicContributions()}
    return {
        "open": selectors.edition_accepts_contributions(edition),
        "public": selectors.contributions_public(edition),
    }


@register.simple_tag
def account_contributions(user: User | AnonymousUser | None, limit: int = 5) -> dict[str, Any]:
    if user is None or not user.is_authenticated:
        return {"items": [], "total": 0}
    mine = selectors.contributions_of(user)
    return {"items": list(mine[:limit]), "total": mine.count()}
