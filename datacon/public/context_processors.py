"""What every page's frame needs: the featured edition for the organiser's identity."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

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


def site(request: HttpRequest) -> dict:
    # Lazy: pages that show their own edition never run this query.
    def featured():  # type: ignore[no-untyped-def]
        from datacon.editions.selectors import edition_featured

        return edition_featured(today=timezone.localdate())

    return {"featured_edition": SimpleLazyObject(featured), "capability_styles": CAPABILITY_STYLES}
