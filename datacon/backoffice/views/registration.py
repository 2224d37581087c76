"""Organisers' and check-in staff's screens for registration.

Who may open each screen is a named rule on the edition of the URL
(datacon/registration/permissions.py, datacon/editions/permissions.py):

* Attendee list: `registration.view`; personal data (name, e-mail,
  organisation, accessibility needs) and the CSV with it only for
  `registration.see_attendee_data` (attendee-data officers of the edition:
  organisers do not have it by being organisers), and every export is logged
  (AttendeeExport + audit).
* Check-in per venue and per session, phone first: a typed code always works;
  the browser's camera reads QR codes where it can (static/public/registration.js).
  Answers JSON to the script, or redirects back with a message without it.
* Live counts and the figures for the memoria.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from datacon.common import csvout
from datacon.common.access import rule_route
from datacon.common.actor import Actor
from datacon.common.query import query_int
from datacon.editions.models import Edition, Venue
from datacon.editions.selectors import edition_from_url
from datacon.program.models import Session
from datacon.registration import selectors, services
from datacon.registration.models import (
    AttendanceMode,
    AttendeeExport,
    Registration,
    RegistrationSettings,
    RegistrationStatus,
)

SCREENS = "registration.back_office"
VIEW = "registration.view"
CHECKIN = "registration.checkin"
MANAGE = "registration.manage"
PERSONAL_DATA = "registration.see_attendee_data"
PAGE_SIZE = 100


def _edition(request: HttpRequest) -> Edition:
    """The edition of the URL, loaded (and its rule checked) by `rule_route`."""
    edition: Edition = request.access_object  # type: ignore[attr-defined]
    return edition


def _may(request: HttpRequest, edition: Edition) -> dict[str, bool]:
    """What the screens may offer this person at this edition (links, columns, buttons)."""
    actor = Actor.of(request.user)
    return {
        "view": actor.has_perm(VIEW, edition),
        "checkin": actor.has_perm(CHECKIN, edition),
        "manage": actor.has_perm(MANAGE, edition),
        "personal_data": actor.has_perm(PERSONAL_DATA, edition),
    }


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@rule_route(SCREENS)
def registration_overview(request: HttpRequest) -> HttpResponse:
    """The editions with registration this person has a duty at (every edition for the
    platform-wide groups), each with the screens they may open."""
    actor = Actor.of(request.user)
    rows = [
        (config, _may(request, config.edition))
        for config in RegistrationSettings.objects.select_related("edition").order_by(
            "-edition__year"
        )
        if actor.has_perm(SCREENS, config.edition)
    ]
    # Editions this person may open registration for (the edition's "registro" record).
    unconfigured = [
        edition
        for edition in Edition.objects.filter(registration_settings__isnull=True).order_by("-year")
        if actor.has_perm("registration.manage", edition)
    ]
    return render(
        request,
        "backoffice/registration/overview.html",
        {"rows": rows, "unconfigured": unconfigured},
    )


@rule_route(VIEW, obj=edition_from_url)
def registration_dashboard(request: HttpRequest, edition: str) -> HttpResponse:
    current = _edition(request)
    config = selectors.registration_settings_for(edition=current)
    if config is None:
        raise Http404("Sin registro")
    counts = selectors.live_counts(edition=current)
    return render(
        request,
        "backoffice/registration/dashboard.html",
        {
            "edition": current,
            "config": config,
            "counts": counts,
            "figures": selectors.attendance_figures(edition=current),
            "window": selectors.registration_window(config=config, now=timezone.now()),
            "streaming_url": selectors.streaming_url_for(config=config),
            "accessibility_count": Registration.objects.filter(
                edition=current, status=RegistrationStatus.CONFIRMED
            )
            .exclude(accessibility_needs="")
            .count(),
            "pending_streaming": Registration.objects.filter(
                edition=current,
                status=RegistrationStatus.CONFIRMED,
                mode=AttendanceMode.ONLINE,
                streaming_sent_at__isnull=True,
            )
            .exclude(email="")
            .count(),
            "exports": list(
                AttendeeExport.objects.filter(edition=current).select_related("actor")[:10]
            ),
            "may": _may(request, current),
        },
    )


@rule_route(VIEW, obj=edition_from_url)
def registration_attendees(request: HttpRequest, edition: str) -> HttpResponse:
    current = _edition(request)
    may = _may(request, current)
    private = may["personal_data"]
    venue_id = request.GET.get("sede", "")
    status = request.GET.get("estado", "")
    mode = request.GET.get("modalidad", "")
    query = (request.GET.get("q") or "").strip()[:100]
    registrations = selectors.attendees_for_organisers(
        edition=current,
        status=status if status in RegistrationStatus.values else "",
        venue_id=query_int(venue_id),
        mode=mode if mode in AttendanceMode.values else "",
        query=query,
        may_see_personal_data=private,
    )
    page = Paginator(registrations, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "backoffice/registration/attendees.html",
        {
            "edition": current,
            "page": page,
            "private": private,
            "may_export_private": private,
            "may_cancel": may["manage"],
            "may": may,
            "venues": list(current.venues.filter(is_virtual=False).order_by("order", "name")),
            "statuses": RegistrationStatus.choices,
            "modes": AttendanceMode.choices,
            "selected": {"sede": venue_id, "estado": status, "modalidad": mode, "q": query},
        },
    )


@rule_route(VIEW, obj=edition_from_url)
def registration_attendees_export(request: HttpRequest, edition: str) -> HttpResponseBase:
    current = _edition(request)
    with_personal = request.GET.get("datos_personales") == "1"
    filename, content = services.attendees_export_csv(
        edition=current, actor=Actor.of(request.user), with_personal_data=with_personal
    )
    response = HttpResponse(content, content_type=csvout.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@rule_route(MANAGE, obj=edition_from_url)
@require_POST
def registration_attendee_cancel(request: HttpRequest, edition: str, pk: int) -> HttpResponseBase:
    current = _edition(request)
    registration = get_object_or_404(Registration, pk=pk, edition=current)
    _registration, changed = services.registration_cancel(
        registration=registration, actor=Actor.of(request.user)
    )
    if changed:
        messages.success(
            request,
            _("Registro %(code)s cancelado; su lugar pasó a la lista de espera.")
            % {"code": registration.ticket_display},
        )
    else:
        messages.info(request, _("Ese registro ya estaba cancelado."))
    return redirect(reverse("backoffice:registration_attendees", kwargs={"edition": current.slug}))


@rule_route(CHECKIN, obj=edition_from_url)
def registration_checkin_home(request: HttpRequest, edition: str) -> HttpResponse:
    current = _edition(request)
    return render(
        request,
        "backoffice/registration/checkin_home.html",
        {
            "edition": current,
            "venues": list(current.venues.filter(is_virtual=False).order_by("order", "name")),
            "sessions": selectors.checkin_sessions(edition=current),
            "may": _may(request, current),
        },
    )


def _checkin(
    request: HttpRequest,
    *,
    edition: Edition,
    place_label: str,
    counts_key: str,
    outcome_for: object,
) -> HttpResponseBase:
    if request.method == "POST":
        outcome = outcome_for(request.POST.get("code", ""))  # type: ignore[operator]
        if _wants_json(request):
            return JsonResponse(outcome.as_json(), status=200 if outcome.ok else 400)
        level = (
            messages.SUCCESS
            if outcome.kind == "checked_in"
            else (messages.WARNING if outcome.kind == "already" else messages.ERROR)
        )
        who = " · ".join(part for part in (outcome.name, outcome.ticket) if part)
        messages.add_message(request, level, f"{outcome.message} {who}".strip())
        return redirect(request.path)
    counts = selectors.live_counts(edition=edition)
    current = next(
        (info for info in [*counts.venues, *counts.sessions] if info.key == counts_key),
        None,
    )
    return render(
        request,
        "backoffice/registration/checkin.html",
        {
            "edition": edition,
            "place_label": place_label,
            "counts_key": counts_key,
            "current": current,
            "may": _may(request, edition),
        },
    )


@rule_route(CHECKIN, obj=edition_from_url)
def registration_checkin_venue(request: HttpRequest, edition: str, venue: int) -> HttpResponseBase:
    current = _edition(request)
    place = get_object_or_404(Venue.objects.select_related("edition"), pk=venue, edition=current)
    actor = Actor.of(request.user)
    return _checkin(
        request,
        edition=current,
        place_label=place.name,
        counts_key=f"venue:{place.pk}",
        outcome_for=lambda code: services.checkin_venue(venue=place, code=code, actor=actor),
    )


@rule_route(CHECKIN, obj=edition_from_url)
def registration_checkin_session(
    request: HttpRequest, edition: str, session: int
) -> HttpResponseBase:
    current = _edition(request)
    place = get_object_or_404(
        Session.objects.select_related("edition"), pk=session, edition=current
    )
    return _checkin(
        request,
        edition=current,
        place_label=f"{place.code} · {place.title}",
        counts_key=f"session:{place.pk}",
        outcome_for=lambda code: services.checkin_session(
            session=place, code=code, actor=Actor.of(request.user)
        ),
    )


@rule_route(CHECKIN, obj=edition_from_url)
def registration_live_counts(request: HttpRequest, edition: str) -> HttpResponseBase:
    current = _edition(request)
    return JsonResponse(selectors.live_counts(edition=current).as_json())


@rule_route(VIEW, obj=edition_from_url)
def registration_figures(request: HttpRequest, edition: str) -> HttpResponseBase:
    current = _edition(request)
    figures = selectors.attendance_figures(edition=current)
    if request.GET.get("formato") == "csv":
        header = [
            "dimension",
            "clave",
            "etiqueta",
            "registradas",
            "asistentes",
            "no_asistieron",
            "lista_de_espera",
            "cupo",
        ]
        rows = [
            ["total", "", "", figures.registered, figures.attended, figures.no_shows,
             figures.waiting, None],
            *(
                [dimension, row.key, row.label, row.registered, row.attended, row.no_shows,
                 row.waiting, row.capacity]
                for dimension, row in figures.rows()
            ),
        ]  # fmt: skip
        response = HttpResponse(csvout.csv_bytes(header, rows), content_type=csvout.CONTENT_TYPE)
        response["Content-Disposition"] = (
            f'attachment; filename="cifras-asistencia-{current.slug}.csv"'
        )
        return response
    return render(
        request,
        "backoffice/registration/figures.html",
        {
            "edition": current,
            "figures": figures,
            "modes": (figures.in_person, figures.online),
            "sessions": list(figures.by_session),
            "may": _may(request, current),
        },
    )


@rule_route(MANAGE, obj=edition_from_url)
@require_POST
def registration_streaming_send(request: HttpRequest, edition: str) -> HttpResponseBase:
    current = _edition(request)
    try:
        sent = services.streaming_links_send(edition=current, actor=Actor.of(request.user))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Enlace de la transmisión encolado para %(n)s personas.") % {"n": sent}
        )
    return redirect("backoffice:registration_dashboard", edition=current.slug)


@rule_route(MANAGE, obj=edition_from_url)
@require_POST
def registration_waitlists_promote(request: HttpRequest, edition: str) -> HttpResponseBase:
    current = _edition(request)
    promoted = services.waitlists_promote(edition=current, actor=Actor.of(request.user))
    messages.success(
        request,
        _("%(n)s personas pasaron de la lista de espera a confirmadas.") % {"n": promoted},
    )
    return redirect("backoffice:registration_dashboard", edition=current.slug)


@rule_route(VIEW, obj=edition_from_url)
def registration_export_log(request: HttpRequest, edition: str) -> HttpResponse:
    current = _edition(request)
    page = Paginator(
        AttendeeExport.objects.filter(edition=current).select_related("actor"), PAGE_SIZE
    ).get_page(request.GET.get("pagina"))
    return render(
        request,
        "backoffice/registration/export_log.html",
        {"edition": current, "page": page, "may": _may(request, current)},
    )
