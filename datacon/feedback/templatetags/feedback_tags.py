"""Template helpers of the partials other pages include (the edition page)."""

from __future__ import annotations

from typing import Any

from django import template

from datacon.feedback import selectors
from datacon.feedback.models import Survey

register = template.Library()


@register.simple_tag
def open_survey(edition: Any) -> Survey | None:
    """The edition's survey while it is open (the page links to it), else None."""
    if edition is None or getattr(edition, "pk", None) is None:
        return None
    return selectors.open_survey_of(edition)
