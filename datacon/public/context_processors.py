"""What every page's frame needs: the featured edition for the organiser's identity."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import SimpleLazyObject


def site(request: HttpRequest) -> dict:
    # Lazy: pages that show their own edition never run this query.
    def featured():  # type: ignore[no-untyped-def]
        from datacon.editions.selectors import edition_featured

        return edition_featured(today=timezone.localdate())

    return {"featured_edition": SimpleLazyObject(featured)}
