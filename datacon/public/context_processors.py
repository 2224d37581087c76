"""What every page's frame needs: the featured edition for the organiser's identity."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

if TYPE_CHECKING:
    from datacon.editions.models import Edition

# One stylesheet per capability (public/<capability>.css), so capabilities never
# edit each other's CSS. Each is small and cached for a year under its hashed name.
CAPABILITY_STYLES = tuple(
    f"public/{name}.css"
    for name in (
        "proposals",
        "registration",
        "policy",
        "consultation",
        "demand",
        "opendata",
        "memoria",
        "feedback",
    )
)


def site(request: HttpRequest) -> dict[str, Any]:
    # Lazy: pages that show their own edition never run this query.
    def featured() -> Edition | None:
        from datacon.editions.selectors import edition_featured

        return edition_featured(today=timezone.localdate())

    return {"featured_edition": SimpleLazyObject(featured), "capability_styles": CAPABILITY_STYLES}
