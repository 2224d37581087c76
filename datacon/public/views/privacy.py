"""Privacy notices (public) and the person's own ARCO screens (signed in).

Access and portability: download everything as JSON or CSV. Rectification:
correct the account's name and each registration. Cancellation: delete the
account (registrations become anonymous). Opposition: object to non-essential
uses. Every screen is the person's own; nothing here is cached.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from datacon.common.access import public_route, signed_in_route
from datacon.common.actor import Actor
from datacon.common.http import public_page
from datacon.common.query import query_int
from datacon.common.ratelimit import rate_limit_hit
from datacon.common.versions import CONFERENCE
from datacon.editions.selectors import edition_get_public
from datacon.people.forms import DeleteAccountForm, ObjectionsForm, RectifyAccountForm
from datacon.people.models_privacy import NonEssentialUse
from datacon.people.privacy_selectors import (
    personal_data_collect,
    personal_data_csv,
    personal_data_json,
    privacy_notice_get,
    privacy_notice_versions,
    use_objections_of,
)
from datacon.people.privacy_services import (
    account_delete,
    account_rectify,
    personal_data_access_record,
    use_objections_set,
)
from datacon.people.signed_in import account_of
from datacon.registration.selectors import registrations_of_user


def _private(response: HttpResponseBase) -> HttpResponseBase:
    response["Cache-Control"] = "private, no-store"
    return response


def _version(request: HttpRequest) -> int | None:
    value = request.GET.get("version", "")
    return query_int(value)


@public_route
@public_page([CONFERENCE])
def privacy_platform(request: HttpRequest) -> HttpResponse:
    notice = privacy_notice_get(edition=None, version=_version(request))
    return render(
        request,
        "public/privacy/notice.html",
        {"notice": notice, "versions": privacy_notice_versions(edition=None)},
    )


@public_route
@public_page([CONFERENCE])
def privacy_edition(request: HttpRequest, edition: str) -> HttpResponse:
    current = edition_get_public(slug=edition)
    notice = privacy_notice_get(edition=current, version=_version(request))
    return render(
        request,
        "public/privacy/notice.html",
        {
            "edition": current,
            "notice": notice,
            "versions": privacy_notice_versions(edition=current),
        },
    )


@signed_in_route
def privacy_my_data(request: HttpRequest) -> HttpResponseBase:
    data = personal_data_collect(user=account_of(request))
    summary = [
        (
            provider["label"],
            [(table.replace("_", " "), len(rows)) for table, rows in provider["tables"].items()],
        )
        for provider in data["providers"].values()
    ]
    return _private(
        render(
            request,
            "public/privacy/my_data.html",
            {
                "summary": summary,
                "objections": use_objections_of(user=account_of(request)),
                "uses": NonEssentialUse.choices,
            },
        )
    )


def _download(request: HttpRequest, kind: str) -> HttpResponseBase:
    if rate_limit_hit(key=f"mydata:{request.user.pk}", limit=20, window_seconds=3600):
        messages.error(request, _("Demasiadas descargas seguidas. Inténtelo en una hora."))
        return redirect("public:privacy_my_data")
    stamp = timezone.localdate().isoformat()
    if kind == "json":
        content, content_type = (
            personal_data_json(user=account_of(request)),
            "application/json; charset=utf-8",
        )
    else:
        content, content_type = (
            personal_data_csv(user=account_of(request)),
            "text/csv; charset=utf-8",
        )
    user = request.user
    assert isinstance(user, User)
    personal_data_access_record(user=user, kind=kind, actor=Actor.of(user))
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="mis-datos-datacon-{stamp}.{kind}"'
    return _private(response)


@signed_in_route
def privacy_download_json(request: HttpRequest) -> HttpResponseBase:
    return _download(request, "json")


@signed_in_route
def privacy_download_csv(request: HttpRequest) -> HttpResponseBase:
    return _download(request, "csv")


@signed_in_route
def privacy_rectify(request: HttpRequest) -> HttpResponseBase:
    user = request.user
    form = RectifyAccountForm(
        request.POST if request.method == "POST" else None,
        initial={"first_name": user.first_name, "last_name": user.last_name},  # type: ignore[union-attr]
    )
    if request.method == "POST" and form.is_valid():
        assert isinstance(user, User)
        account_rectify(
            user=user,
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            actor=Actor.of(user),
        )
        messages.success(request, _("Sus datos quedaron corregidos."))
        return redirect("public:privacy_rectify")
    return _private(
        render(
            request,
            "public/privacy/rectify.html",
            {"form": form, "registrations": registrations_of_user(user=user)},
        )
    )


@signed_in_route
def privacy_objections(request: HttpRequest) -> HttpResponseBase:
    form = ObjectionsForm(
        request.POST if request.method == "POST" else None,
        initial={"objections": sorted(use_objections_of(user=account_of(request)))},
    )
    if request.method == "POST" and form.is_valid():
        user = request.user
        assert isinstance(user, User)
        use_objections_set(
            user=user, objections=form.cleaned_data["objections"], actor=Actor.of(user)
        )
        messages.success(request, _("Guardamos sus preferencias de uso de datos."))
        return redirect("public:privacy_objections")
    return _private(render(request, "public/privacy/objections.html", {"form": form}))


@signed_in_route
def privacy_delete(request: HttpRequest) -> HttpResponseBase:
    user = request.user
    form = DeleteAccountForm(
        request.POST if request.method == "POST" else None, user=account_of(request)
    )
    if request.method == "POST" and form.is_valid():
        try:
            assert isinstance(user, User)
            account_delete(user=user, actor=Actor.of(user))
        except (ValidationError, ProtectedError):
            messages.error(
                request,
                _(
                    "No pudimos eliminar la cuenta porque otro registro la necesita. No se borró "
                    "nada. Escriba al contacto de privacidad para resolverlo."
                ),
            )
        else:
            logout(request)
            messages.success(
                request,
                _(
                    "Eliminamos su cuenta. Sus registros quedaron anónimos; las cifras agregadas se conservan."
                ),
            )
            return redirect("public:home")
    return _private(
        render(
            request,
            "public/privacy/delete.html",
            {"form": form, "registrations": registrations_of_user(user=user)},
        )
    )
