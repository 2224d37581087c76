"""Template helpers for consultation pages and the account page's plug-in partial."""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib.auth.models import AnonymousUser, User

register = template.Library()


@register.simple_tag
def consultation_activity(user: User | AnonymousUser | None, limit: int = 5):  # type: ignore[no-untyped-def]
    from datacon.consultation.activity import user_activity

    return user_activity(user=user, limit=limit)


@register.filter
def contains(collection: Any, item: Any) -> bool:
    return item in collection


@register.filter
def quoted_html(paragraph_text: str, comment: Any) -> str:
    """The paragraph text with the commented passage marked (escaped)."""
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    start, end = comment.quote_start, comment.quote_end
    if start is None or end is None or not (0 <= start < end <= len(paragraph_text)):
        return escape(paragraph_text)
    return mark_safe(  # every piece is escaped
        escape(paragraph_text[:start])
        + "<mark>"
        + escape(paragraph_text[start:end])
        + "</mark>"
        + escape(paragraph_text[end:])
    )
