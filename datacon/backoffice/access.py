"""Who may open the back-office screens.

Screens check two things: that the person is signed-in staff (else the sign-in
page, or 403 for a signed-in non-staff account), and that they hold the
permission the screen needs. Per-record duties (reviewer of this edition,
check-in staff of this venue) are checked by the capability's selectors.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase


def staff_required(*permissions: str) -> Callable:
    """Decorator: signed-in staff holding every listed permission ("app.codename")."""

    def decorator(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user.is_staff or not user.has_perms(permissions):
                raise PermissionDenied
            response = view(request, *args, **kwargs)
            # Back-office pages show data that must never sit in a shared cache.
            response.setdefault("Cache-Control", "private, no-store")
            return response

        return wrapped

    return decorator
