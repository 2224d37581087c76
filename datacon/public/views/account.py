"""The signed-in person's own space: each capability adds its section.

The page itself holds no rules: it includes `public/account/_<capability>.html`
for every capability (their proposals, their registration and ticket, their
comments, their personal data and privacy choices).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from datacon.common.access import signed_in_route


@signed_in_route
def account_home(request: HttpRequest) -> HttpResponse:
    response = render(request, "public/account/home.html", {})
    response["Cache-Control"] = "private, no-store"
    return response
