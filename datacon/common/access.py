"""Who may do what: named rules, checked the same way by views, the API, templates and services.

Each domain app declares its rules in `<app>/permissions.py` with django-rules
predicates (`rules.add_perm("proposals.decide", organises_edition_of)`); the
app's `ready()` imports that module. Everything else asks by name:

* services: `require(actor, "proposals.decide", proposal)` raises
  `PermissionDenied`, which every surface turns into a 403 (Django's views,
  DRF, the admin);
* views: the `route(...)` decorators below both check and *declare* who may
  reach the view; `tests/common/test_route_matrix.py` enumerates every URL
  pattern of the project against every role and fails on a route without a
  declaration or with any other outcome than the declared one;
* templates: `{% load rules %}{% has_perm "proposals.decide" user proposal as can %}`.

The system actor (loaders, commands) passes every rule; a visitor holding a
secret link is anonymous to the rules (the service checks the link).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest, HttpResponseBase

from datacon.common.actor import Actor


def allowed(actor: Actor, permission: str, obj: Model | None = None) -> bool:
    return actor.has_perm(permission, obj)


def require(actor: Actor, permission: str, obj: Model | None = None) -> None:
    """Refuse (403 on every surface) unless the actor holds the named rule for obj."""
    if not actor.has_perm(permission, obj):
        raise PermissionDenied(permission)


class Audience(StrEnum):
    """Who a route is for, as the route × role matrix reads it."""

    PUBLIC = "public"  # anyone, signed in or not
    SIGNED_IN = "signed_in"  # any signed-in account (their own data)
    LINK = "link"  # anyone holding the secret in the URL (invitations, tickets)
    RULE = "rule"  # those holding a named rule (back office, reviewers...)


@dataclass(frozen=True)
class Access:
    audience: Audience
    permission: str = ""  # for Audience.RULE
    # Where the rule's object comes from: the URL's edition, a proposal... (for the matrix)
    scope: str = ""
    # Back-office pages: never stored by shared caches.
    private: bool = False


ObjectLoader = Callable[..., Model | None]


def _declare(view: Callable[..., Any], access: Access) -> None:
    view.access = access  # type: ignore[attr-defined]


def public_route(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Anyone may open it (visibility of each record is the selector's job: 404 when hidden)."""
    _declare(view, Access(Audience.PUBLIC))
    return view


def link_route(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Opened with a secret in the URL; the service checks the secret (404 when wrong)."""
    _declare(view, Access(Audience.LINK))
    return view


def signed_in_route(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Any signed-in account, acting on its own data; others go to the log-in page."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        response = view(request, *args, **kwargs)
        response.setdefault("Cache-Control", "private, no-store")
        return response

    _declare(wrapped, Access(Audience.SIGNED_IN, private=True))
    return wrapped


def rule_route(
    permission: str, *, obj: ObjectLoader | None = None, scope: str = ""
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """Only for actors holding `permission` (on the object `obj(**url_kwargs)` returns).

    Not signed in: the log-in page. Signed in without the rule: 403. The object
    the rule was checked on is passed to the view as `request.access_object`,
    so the view does not load it twice.
    """

    def decorator(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            target = obj(**kwargs) if obj is not None else None
            require(Actor.of(request.user), permission, target)
            request.access_object = target  # type: ignore[attr-defined]
            response = view(request, *args, **kwargs)
            # Back-office pages show data that must never sit in a shared cache.
            response.setdefault("Cache-Control", "private, no-store")
            return response

        _declare(wrapped, Access(Audience.RULE, permission, scope or _scope_name(obj), True))
        return wrapped

    return decorator


def _scope_name(loader: ObjectLoader | None) -> str:
    return getattr(loader, "__name__", "") if loader is not None else ""


def access_of(view: Callable[..., Any]) -> Access | None:
    """The declaration of a view (DRF view sets declare it on their class)."""
    declared = getattr(view, "access", None)
    if declared is None:
        view_class = getattr(view, "cls", None) or getattr(view, "view_class", None)
        declared = getattr(view_class, "access", None)
    return declared if isinstance(declared, Access) else None
