"""Organisers' and check-in staff's screens for registration.

* Attendee list: personal data (name, e-mail, organisation, accessibility
  needs) only for holders of `registration.view_private_attendees`; the CSV
  with personal data only for `registration.export_private_attendees`, and
  every export is logged (AttendeeExport + audit).
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

from datacon.backoffice.access import staff_required
from datacon.common import csvout
from datacon.editions.models import Edition, Venue
from datacon.program.models import Session
from datacon.registration import selectors, services
from datacon.registration.models import (
    AttendanceMode,
    AttendeeExport,
    Registration,
    RegistrationSettings,
    RegistrationStatus,
)

VIEW = "registration.view_registration"
CHECKIN = "registration.checkin_attendees"
CHANGE = "registration.change_registration"
CHANGE_SETTINGS = "registration.change_registrationsettings"
PAGE_SIZE = 100


def _edition(slug: str) -> Edition:
    return get_object_or_404(Edition.objects.select_related("organiser"), slug=slug)


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@staff_required(VIEW)
def registration_overview(request: HttpRequest) -> HttpResponse:
    configs = list(
        RegistrationSettings.objects.select_related("edition").order_by("-edition__year")
    )
    return render(
        request,
        "backoffice/registration/overview.html",
        {
            "configs": configs,
            "without": list(
                Edition.objects.filter(registration_settings__isnull=True).order_by("-year")
            ),
        },
    )


@staff_required(VIEW)
def registration_dashboard(request: HttpRequest, edition: str) -> HttpResponse:
    current = _edition(edition)
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
        },
    )


@staff_required(VIEW)
def registration_attendees(request: HttpRequest, edition: str) -> HttpResponse:
    current = _edition(edition)
    private = request.user.has_perm("registration.view_private_attendees")
    venue_id = request.GET.get("sede", "")
    status = request.GET.get("estado", "")
    mode = request.GET.get("modalidad", "")
    query = (request.GET.get("q") or "").strip()[:100]
    registrations = selectors.attendees_for_organisers(
        edition=current,
        status=status if status in RegistrationStatus.values else "",
        venue_id=int(venue_id) if venue_id.isdigit() else None,
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
            "may_export_private": request.user.has_perm("registration.export_private_attendees"),
            "may_cancel": request.user.has_perm(CHANGE),
            "venues": list(current.venues.filter(is_virtual=False).order_by("order", "name")),
            "statuses": RegistrationStatus.choices,
            "modes": AttendanceMode.choices,
            "selected": {"sede": venue_id, "estado": status, "modalidad": mode, "q": query},
        },
    )


@staff_required(VIEW)
def registration_attendees_export(request: HttpRequest, edition: str) -> HttpResponseBase:
    current = _edition(edition)
    with_personal = request.GET.get("datos_personales") == "1"
    filename, content = services.attendees_export_csv(
        edition=current, actor=request.user, with_personal_data=with_personal
    )
    response = HttpResponse(content, content_type=csvout.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@staff_required(CHANGE)
@require_POST
def registration_attendee_cancel(request: HttpRequest, edition: str, pk: int) -> HttpResponseBase:
    current = _edition(edition)
    registration = get_object_or_404(Registration, pk=pk, edition=current)
    _registration, changed = services.registration_cancel(
        registration=registration, actor=request.user
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


@staff_required(CHECKIN)
def registration_checkin_home(request: HttpRequest, edition: str) -> HttpResponse:
    current = _edition(edition)
    return render(
        request,
        "backoffice/registration/checkin_home.html",
        {
            "edition": current,
            "venues": list(current.venues.filter(is_virtual=False).order_by("order", "name")),
            "sessions": selectors.checkin_sessions(edition=current),
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
        },
    )


@staff_required(CHECKIN)
def registration_checkin_venue(request: HttpRequest, edition: str, venue: int) -> HttpResponseBase:
    current = _edition(edition)
    place = get_object_or_404(Venue.objects.select_related("edition"), pk=venue, edition=current)
    return _checkin(
        request,
        edition=current,
        place_label=place.name,
        counts_key=f"venue:{place.pk}",
        outcome_for=lambda code: services.checkin_venue(venue=place, code=code, actor=request.user),
    )


@staff_required(CHECKIN)
def registration_checkin_session(
    request: HttpRequest, edition: str, session: int
) -> HttpResponseBase:
    current = _edition(edition)
    place = get_object_or_404(
        Session.objects.select_related("edition"), pk=session, edition=current
    )
    return _checkin(
        request,
        edition=current,
        place_label=f"{place.code} · {place.title}",
        counts_key=f"session:{place.pk}",
        outcome_for=lambda code: services.checkin_session(
            session=place, code=code, actor=request.user
        ),
    )


@staff_required(CHECKIN)
def registration_live_counts(request: HttpRequest, edition: str) -> HttpResponseBase:
    current = _edition(edition)
    return JsonResponse(selectors.live_counts(edition=current).as_json())


@staff_required(VIEW)
def registration_figures(request: HttpRequest, edition: str) -> HttpResponseBase:
    current = _edition(edition)
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
        },
    )


@staff_required(CHANGE_SETTINGS)
@require_POST
def registration_streaming_send(request: HttpRequest, edition: str) -> HttpResponseBase:
    current = _edition(edition)
    try:
        sent = services.streaming_links_send(edition=current, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Enlace de la transmisión encolado para %(n)s personas.") % {"n": sent}
        )
    return redirect("backoffice:registration_dashboard", edition=current.slug)


@staff_required(CHANGE_SETTINGS)
@require_POST
def registration_waitlists_promote(request: HttpRequest, edition: str) -> HttpResponseBase:
    current = _edition(edition)
    promoted = services.waitlists_promote(edition=current, actor=request.user)
    messages.success(
        request,
        _("%(n)s personas pasaron de la lista de espera a confirmadas.") % {"n": promoted},
    )
    return redirect("backoffice:registration_dashboard", edition=current.slug)


@staff_required(VIEW)
def registration_export_log(request: HttpRequest, edition: str) -> HttpResponse:
    current = _edition(edition)
    page = Paginator(
        AttendeeExport.objects.filter(edition=current).select_related("actor"), PAGE_SIZE
    ).get_page(request.GET.get("pagina"))
    return render(
        request,
        "backoffice/registration/export_log.html",
        {"edition": current, "page": page},
    )
