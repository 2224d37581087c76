"""The Django admin is a repair shop for superusers, not the organisers' workspace.

Everything an organiser does has a screen in /gestion/ (edition configuration,
platform and policy records, memoria, roles...). The admin remains for the rare
repair a screen does not cover, so only the `admin.enter` rule (superusers)
enters. A signed-in account without it gets the 403 every other surface gives
(Django's admin would show its own log-in form again, which reads as "wrong
password"); an anonymous visitor gets the admin's log-in page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from datacon.common.access import Access, Audience, allowed
from datacon.common.actor import Actor

ViewT = TypeVar("ViewT", bound=Callable[..., HttpResponseBase])
ENTER = "admin.enter"  # datacon/backoffice/permissions.py
# Who may reach a route the admin built (datacon.common.access). Django's admin wraps each
# of its views so that every request goes through the site's admin_view (the gate below);
# `admin_route_access` tells such routes by that wrapper. Its open log-in and log-out pages
# are declared in datacon.urls.THIRD_PARTY_ACCESS.
GATE = Access(Audience.RULE, ENTER, private=True)


class RepairAdminSite(admin.AdminSite):
    site_header = _("DATACON · Reparaciones (superusuarios)")
    site_title = "DATACON"
    index_title = _("Reparaciones de registros")

    def has_permission(self, request: HttpRequest) -> bool:
        return allowed(Actor.of(request.user), ENTER)

    def admin_view(self, view: ViewT, cacheable: bool = False) -> ViewT:
        protected = super().admin_view(view, cacheable)

        @wraps(protected)
        def refuse_signed_in(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            # Its log-out stays open (Django sends it back to the index, refused there).
            logout = request.path == reverse("admin:logout", current_app=self.name)
            if request.user.is_authenticated and not logout and not self.has_permission(request):
                raise PermissionDenied(ENTER)
            return protected(request, *args, **kwargs)

        # A ModelAdmin URL that calls admin_view itself (the user's password form) gets
        # this view as its callback: it declares the gate like our own routes do.
        refuse_signed_in.access = GATE  # type: ignore[attr-defined]
        return cast(ViewT, refuse_signed_in)


def admin_route_access(view: Callable[..., Any]) -> Access | None:
    """GATE for a URL callback that Django's admin built around one of its views (it calls
    the site's admin_view on each request); None for any other view, including one a
    ModelAdmin added to its URLs without that wrapper."""
    site = getattr(view, "admin_site", None)
    if site is None:
        site = getattr(getattr(view, "model_admin", None), "admin_site", None)
    return GATE if isinstance(site, RepairAdminSite) else None
