"""Back-office screens of who holds a duty in each edition (grant, revoke, history).

For the edition's organisers (`editions.manage_roles`). The list of editions
shows only those the account organises.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from datacon.common.access import rule_route
from datacon.common.actor import Actor
from datacon.common.forms import service_errors_to_form
from datacon.common.query import query_int
from datacon.editions.forms import EditionRoleGrantForm
from datacon.editions.models import Edition
from datacon.editions.models_access import EditionRole
from datacon.editions.permissions import editions_organised_by
from datacon.editions.roles_services import (
    MANAGE_ROLES,
    edition_role_grant,
    edition_role_revoke,
    edition_roles_active,
    edition_roles_history,
)
from datacon.editions.selectors import edition_from_url


def _current(request: HttpRequest) -> Edition:
    edition = request.access_object  # type: ignore[attr-defined]
    assert isinstance(edition, Edition)
    return edition


def _expiry(edition: Edition, day: dt.date | None) -> dt.datetime | None:
    """The duty holds through the whole last day, in the edition's time zone."""
    if day is None:
        return None
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, ZoneInfo(edition.timezone))


@rule_route(MANAGE_ROLES)
def edition_roles_index(request: HttpRequest) -> HttpResponse:
    editions = list(editions_organised_by(request.user).order_by("-year"))
    return render(request, "backoffice/roles/index.html", {"editions": editions})


@rule_route(MANAGE_ROLES, obj=edition_from_url)
def edition_roles(request: HttpRequest, edition: str) -> HttpResponseBase:
    current = _current(request)
    actor = Actor.of(request.user)
    action = request.POST.get("action") if request.method == "POST" else None
    form = EditionRoleGrantForm(request.POST if action == "grant" else None)
    if action == "revoke":
        role = get_object_or_404(
            EditionRole.objects.select_related("user"),
            pk=query_int(request.POST.get("role"), default=0),
            edition=current,
        )
        try:
            edition_role_revoke(role=role, actor=actor)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Se revocó la función «%(duty)s» de %(email)s.")
                % {"duty": role.get_duty_display(), "email": role.user.email},
            )
        return redirect("backoffice:edition_roles", edition=current.slug)
    if action == "grant" and form.is_valid():
        data = form.cleaned_data
        user = (
            get_user_model()
            .objects.filter(email__iexact=data["email"].strip())
            .order_by("pk")
            .first()
        )
        if user is None:
            form.add_error(
                "email",
                _(
                    "No hay ninguna cuenta con ese correo. Pida a la persona que cree su "
                    "cuenta y vuelva a intentarlo."
                ),
            )
        else:
            try:
                role = edition_role_grant(
                    edition=current,
                    user=user,
                    duty=data["duty"],
                    expires_at=_expiry(current, data["expires_on"]),
                    note=data["note"],
                    actor=actor,
                )
            except ValidationError as error:
                service_errors_to_form(
                    form, error, field_names={"user": "email", "expires_at": "expires_on"}
                )
            else:
                messages.success(
                    request,
                    _("%(email)s ya tiene la función «%(duty)s».")
                    % {"email": user.email, "duty": role.get_duty_display()},
                )
                return redirect("backoffice:edition_roles", edition=current.slug)
    return render(
        request,
        "backoffice/roles/edition.html",
        {
            "edition": current,
            "roles": list(edition_roles_active(edition=current)),
            "history": edition_roles_history(edition=current),
            "form": form,
            "section": "roles",
        },
    )
