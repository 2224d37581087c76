"""Public registration pages: register, workshops with seats, ticket, cancellation link, figures.

Pages that show live seats or a person's own registration are never cached
(`private, no-store`); the public figures and the opt-in list of attendees
are cached under the "registration" scope, which every registration write bumps.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from datacon.common.access import link_route, public_route, signed_in_route
from datacon.common.actor import Actor
from datacon.common.forms import service_errors_to_form
from datacon.common.http import public_page
from datacon.common.ratelimit import client_address, rate_limit_hit
from datacon.common.versions import CONFERENCE, REGISTRATION
from datacon.editions.models import Edition, Venue
from datacon.editions.selectors import edition_get_public
from datacon.people.privacy_selectors import privacy_notice_current
from datacon.program.models import Session
from datacon.registration import selectors, services
from datacon.registration.forms import RegistrationForm
from datacon.registration.models import (
    ACTIVE_STATUSES,
    AttendanceMode,
    Registration,
    RegistrationSettings,
    RegistrationStatus,
    SessionSignup,
    ticket_code_normalise,
)
from datacon.registration.qr import ticket_qr_svg
from datacon.registration.tokens import CancelTokenInvalid, cancel_token_read


def _private(response: HttpResponseBase) -> HttpResponseBase:
    response["Cache-Control"] = "private, no-store"
    return response


def _venues_in_person(edition: Edition) -> list[Venue]:
    return list(edition.venues.filter(is_virtual=False).order_by("order", "name"))


def _details(form: RegistrationForm) -> dict[str, Any]:
    """What the person typed, as the registration services take it."""
    data = form.cleaned_data
    return {
        "mode": data["mode"],
        "venue": data.get("venue"),
        "name": data["name"],
        "organisation": data.get("organisation", ""),
        "sector": data.get("sector", ""),
        "state": data.get("state", ""),
        "accessibility_needs": data.get("accessibility_needs", ""),
        "listed": data.get("listed", False),
    }


def _register(
    request: HttpRequest, form: RegistrationForm, edition: Edition
) -> HttpResponseBase | None:
    """Register on a valid POST (a redirect), or leave the form with what to fix (None)."""
    if rate_limit_hit(
        key=f"registration:{request.user.pk}:{client_address(request)}",
        limit=10,
        window_seconds=600,
    ):
        form.add_error(None, _("Demasiados intentos seguidos. Espere unos minutos."))
        return None
    if not form.is_valid():
        return None
    actor = Actor.of(request.user)
    assert actor.account is not None  # the view is for signed-in people only
    try:
        registration = services.registration_create(
            edition=edition,
            user=actor.account,
            consent_given=form.cleaned_data.get("consent", False),
            language=get_language() or "es-mx",
            actor=actor,
            **_details(form),
        )
    except ValidationError as error:
        service_errors_to_form(form, error)
        return None
    if registration.status == RegistrationStatus.CONFIRMED:
        messages.success(
            request,
            _("¡Listo! Su registro está confirmado. Le enviamos su boleto por correo."),
        )
    else:
        messages.warning(
            request,
            _(
                "La sede está llena: quedó en la lista de espera. Le avisaremos por correo si se libera un lugar."
            ),
        )
    return redirect("public:registration_start", edition=edition.slug)


def _registration_form(
    request: HttpRequest, config: RegistrationSettings, venues: list[Venue], notice_url: str
) -> RegistrationForm:
    notice = privacy_notice_current(edition=config.edition)
    return RegistrationForm(
        request.POST if request.method == "POST" else None,
        config=config,
        venues=venues,
        notice_url=notice_url,
        notice_version=notice.version if notice else None,
        initial={"name": request.user.get_full_name()},  # type: ignore[union-attr]
    )


@public_route
def registration_start(request: HttpRequest, edition: str) -> HttpResponseBase:
    current = edition_get_public(slug=edition)
    config = selectors.registration_settings_for(edition=current)
    window = selectors.registration_window(config=config, now=timezone.now())
    notice = privacy_notice_current(edition=current)
    mine = selectors.registration_active_for(edition=current, user=request.user)
    venues = _venues_in_person(current) if config else []
    notice_url = reverse("public:privacy_edition", kwargs={"edition": current.slug})
    form = None
    can_register = (
        config is not None and window == selectors.WindowState.OPEN and notice is not None
    )
    if request.user.is_authenticated and can_register and config is not None:
        form = _registration_form(request, config, venues, notice_url)
        if request.method == "POST":
            done = _register(request, form, current)
            if done is not None:
                return done
    elif request.method == "POST":
        messages.error(
            request, selectors.WINDOW_MESSAGES.get(window, _("No es posible registrarse ahora."))
        )
    position = selectors.waiting_position(registration=mine) if mine else None
    context = {
        "edition": current,
        "config": config,
        "window": window,
        "window_message": selectors.WINDOW_MESSAGES.get(window, ""),
        "notice": notice,
        "notice_url": notice_url,
        "mine": mine,
        "position": position,
        "form": form if mine is None or (form is not None and form.errors) else None,
        "venues": selectors.venue_availability(edition=current) if config else [],
        "online": selectors.online_availability(config=config)
        if config and config.allow_online
        else None,
        "has_workshops": bool(config) and selectors.session_availability(edition=current) != [],
        "login_url": reverse("account_login") + "?next=" + request.path,
        "signup_url": reverse("account_signup") + "?next=" + request.path,
    }
    return _private(render(request, "public/registration/start.html", context))


@public_route
def registration_sessions(request: HttpRequest, edition: str) -> HttpResponseBase:
    current = edition_get_public(slug=edition)
    config = selectors.registration_settings_for(edition=current)
    mine = selectors.registration_active_for(edition=current, user=request.user)
    signups = selectors.signups_by_session_for(registration=mine)
    sessions = selectors.limited_sessions(edition=current)
    for session in sessions:
        session.my_signup = signups.get(session.pk)  # type: ignore[attr-defined]
        session.seats_left = max(session.seats.capacity - session.n_confirmed, 0)  # type: ignore[attr-defined]
    return _private(
        render(
            request,
            "public/registration/sessions.html",
            {
                "edition": current,
                "config": config,
                "mine": mine,
                "sessions": sessions,
                "now": timezone.now(),
                "login_url": reverse("account_login") + "?next=" + request.path,
            },
        )
    )


def _back(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


@signed_in_route
@require_POST
def registration_session_action(request: HttpRequest, edition: str, code: str) -> HttpResponseBase:
    current = edition_get_public(slug=edition)
    session = Session.objects.filter(edition=current, code=code).select_related("edition").first()
    if session is None:
        raise Http404("Sesión no encontrada")
    back = _back(
        request,
        reverse("public:registration_sessions", kwargs={"edition": current.slug})
        + f"#sesion-{code}",
    )
    mine = selectors.registration_active_for(edition=current, user=request.user)
    action = request.POST.get("action", "")
    if mine is None:
        messages.error(
            request, _("Primero regístrese a la edición; después podrá inscribirse a talleres.")
        )
        return redirect(back)
    if rate_limit_hit(key=f"signup:{request.user.pk}", limit=30, window_seconds=600):
        messages.error(request, _("Demasiados intentos seguidos. Espere unos minutos."))
        return redirect(back)
    actor = Actor.of(request.user)
    try:
        if action == "join":
            signup, created = services.session_signup(
                registration=mine, session=session, actor=actor
            )
            if not created:
                messages.info(
                    request, _("Ya estaba inscrito en %(code)s; no cambió nada.") % {"code": code}
                )
            elif signup.status == RegistrationStatus.CONFIRMED:
                messages.success(
                    request,
                    _("Tiene lugar en %(code)s. Le enviamos la confirmación por correo.")
                    % {"code": code},
                )
            else:
                messages.warning(
                    request,
                    _(
                        "%(code)s está lleno: quedó en la lista de espera (lugar %(n)s). Si se libera un lugar, es suyo y le avisamos."
                    )
                    % {"code": code, "n": selectors.signup_position(signup=signup)},
                )
        elif action == "leave":
            # Giving up a seat is never one click: the confirmation page asks first.
            return redirect(
                "public:registration_session_leave", edition=current.slug, code=session.code
            )
        else:
            messages.error(request, _("Acción desconocida."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect(back)


@signed_in_route
def registration_session_leave(request: HttpRequest, edition: str, code: str) -> HttpResponseBase:
    """Give up a workshop seat or a waiting-list place: GET asks, POST gives it up."""
    current = edition_get_public(slug=edition)
    session = Session.objects.filter(edition=current, code=code).select_related("edition").first()
    if session is None:
        raise Http404("Sesión no encontrada")
    back = (
        reverse("public:registration_sessions", kwargs={"edition": current.slug})
        + f"#sesion-{session.code}"
    )
    mine = selectors.registration_active_for(edition=current, user=request.user)
    held = (
        SessionSignup.objects.filter(
            registration=mine, session=session, status__in=ACTIVE_STATUSES
        ).first()
        if mine is not None
        else None
    )
    if held is None:
        messages.info(
            request, _("No estaba inscrito en %(code)s; no cambió nada.") % {"code": code}
        )
        return redirect(back)
    if request.method == "POST":
        try:
            services.session_signup_cancel(signup=held, actor=Actor.of(request.user))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Dejó su lugar en %(code)s.") % {"code": code})
        return redirect(back)
    confirmed = held.status == RegistrationStatus.CONFIRMED
    return _private(
        render(
            request,
            "public/registration/leave.html",
            {
                "edition": current,
                "session": session,
                "signup": held,
                "confirmed": confirmed,
                "position": None if confirmed else selectors.signup_position(signup=held),
                "back": back,
            },
        )
    )


def _own_registration(request: HttpRequest, edition: str) -> Registration:
    current = edition_get_public(slug=edition)
    registration = (
        Registration.objects.filter(edition=current, user=request.user)  # type: ignore[misc]
        .select_related("edition", "venue")
        .order_by("-created_at")
        .first()
    )
    if registration is None:
        raise Http404("Registro no encontrado")
    return registration


@signed_in_route
def registration_mine(request: HttpRequest, edition: str) -> HttpResponseBase:
    """See and correct one's own registration (rectification), or change venue/mode."""
    registration = _own_registration(request, edition)
    current = registration.edition
    config = selectors.registration_settings_for(edition=current)
    if config is None:
        raise Http404("Sin registro")
    form = None
    if registration.is_active:
        initial = {
            "name": registration.name,
            "mode": registration.mode,
            "venue": registration.venue_id,
            "organisation": registration.organisation,
            "sector": registration.sector,
            "state": registration.state,
            "accessibility_needs": registration.accessibility_needs,
            "listed": registration.listed,
        }
        form = RegistrationForm(
            request.POST if request.method == "POST" else None,
            config=config,
            venues=_venues_in_person(current),
            editing=True,
            initial=initial,
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.registration_update(
                    registration=registration, actor=Actor.of(request.user), **_details(form)
                )
            except ValidationError as error:
                service_errors_to_form(form, error)
            else:
                messages.success(request, _("Sus datos de registro quedaron corregidos."))
                return redirect("public:registration_mine", edition=current.slug)
    return _private(
        render(
            request,
            "public/registration/mine.html",
            {
                "edition": current,
                "registration": registration,
                "position": selectors.waiting_position(registration=registration),
                "form": form,
                "signups": [
                    s for s in selectors.signups_by_session_for(registration=registration).values()
                ],
            },
        )
    )


@signed_in_route
def registration_ticket(request: HttpRequest, edition: str) -> HttpResponseBase:
    registration = _own_registration(request, edition)
    if registration.status != RegistrationStatus.CONFIRMED:
        messages.info(request, _("Su registro no tiene boleto: no está confirmado."))
        return redirect("public:registration_mine", edition=registration.edition.slug)
    return _private(
        render(
            request,
            "public/registration/ticket.html",
            {
                "edition": registration.edition,
                "registration": registration,
                "qr": ticket_qr_svg(registration.ticket_code, scale=8),
                "signups": [
                    s
                    for s in selectors.signups_by_session_for(registration=registration).values()
                    if s.status == RegistrationStatus.CONFIRMED
                ],
            },
        )
    )


@signed_in_route
def registration_cancel_mine(request: HttpRequest, edition: str) -> HttpResponseBase:
    """Cancel one's own registration from the account: GET asks, POST cancels."""
    registration = _own_registration(request, edition)
    if request.method != "POST":
        if not registration.is_active:
            messages.info(request, _("Este registro ya estaba cancelado; no cambió nada."))
            return redirect("public:registration_mine", edition=registration.edition.slug)
        context = {
            "registration": registration,
            "edition": registration.edition,
            "keep_url": reverse(
                "public:registration_mine", kwargs={"edition": registration.edition.slug}
            ),
        }
        return _private(render(request, "public/registration/cancel.html", context))
    _registration, changed = services.registration_cancel(
        registration=registration, actor=Actor.of(request.user)
    )
    if changed:
        messages.success(request, _("Su registro quedó cancelado. Gracias por liberar su lugar."))
    else:
        messages.info(request, _("Este registro ya estaba cancelado; no cambió nada."))
    return redirect("public:account")


@link_route
def registration_cancel(request: HttpRequest, token: str) -> HttpResponseBase:
    """The signed link in e-mails: GET asks, POST cancels (mail scanners only GET)."""
    context: dict[str, Any] = {"token": token}
    try:
        data = cancel_token_read(token)
    except CancelTokenInvalid:
        context["problem"] = "invalid"
        return _private(render(request, "public/registration/cancel.html", context, status=400))
    registration = (
        Registration.objects.select_related("edition", "venue")
        .filter(pk=data.registration_id)
        .first()
    )
    if registration is None or registration.ticket_code != data.ticket_code:
        context["problem"] = "invalid"
        return _private(render(request, "public/registration/cancel.html", context, status=400))
    context.update({"registration": registration, "edition": registration.edition})
    if data.expired:
        context["problem"] = "expired"
        if request.method == "POST" and request.POST.get("action") == "resend":
            if rate_limit_hit(key=f"cancel-resend:{registration.pk}", limit=3, window_seconds=3600):
                messages.error(
                    request, _("Ya enviamos varios enlaces; revise su correo o espere una hora.")
                )
            elif services.cancel_link_resend(
                registration=registration,
                actor=Actor.via_link("expired cancellation link", request.user),
            ):
                messages.success(request, _("Le enviamos un enlace nuevo al correo del registro."))
            context["resent"] = True
        return _private(render(request, "public/registration/cancel.html", context, status=410))
    if registration.status == RegistrationStatus.CANCELLED:
        context["problem"] = "already"
        return _private(render(request, "public/registration/cancel.html", context))
    if request.method == "POST":
        registration, _changed = services.registration_cancel_by_link(
            token=token, actor=Actor.via_link("cancellation link", request.user)
        )
        context["done"] = True
        context["registration"] = registration
    return _private(render(request, "public/registration/cancel.html", context))


@link_route
def registration_stream(request: HttpRequest, code: str) -> HttpResponseBase:
    """The personal streaming link: counts online attendance during the event, then redirects."""
    registration = (
        Registration.objects.select_related("edition")
        .filter(ticket_code=ticket_code_normalise(code))
        .first()
    )
    if registration is None or registration.mode != AttendanceMode.ONLINE:
        raise Http404("Enlace no encontrado")
    config = selectors.registration_settings_for(edition=registration.edition)
    url = selectors.streaming_url_for(config=config) if config else ""
    if registration.status != RegistrationStatus.CONFIRMED or not url:
        return _private(
            render(
                request,
                "public/registration/stream_unavailable.html",
                {
                    "edition": registration.edition,
                    "registration": registration,
                    "has_url": bool(url),
                },
                status=404 if not url else 403,
            )
        )
    services.online_join_record(
        registration=registration, actor=Actor.via_link("personal streaming link", request.user)
    )
    return _private(redirect(url))


@public_route
@public_page([REGISTRATION, CONFERENCE])
def registration_attendees(request: HttpRequest, edition: str) -> HttpResponse:
    current = edition_get_public(slug=edition)
    config = selectors.registration_settings_for(edition=current)
    if config is None or not config.public_list_enabled:
        raise Http404("Sin lista pública")
    return render(
        request,
        "public/registration/attendees.html",
        {"edition": current, "attendees": selectors.attendees_listed(edition=current)},
    )


@public_route
@public_page([REGISTRATION, CONFERENCE])
def registration_figures(request: HttpRequest, edition: str) -> HttpResponse:
    current = edition_get_public(slug=edition)
    config = selectors.registration_settings_for(edition=current)
    if config is None:
        raise Http404("Sin registro")
    figures = selectors.attendance_figures(edition=current)
    return render(
        request,
        "public/registration/figures.html",
        {
            "edition": current,
            "figures": figures,
            "modes": (figures.in_person, figures.online),
            "sessions": [row for row in figures.by_session if row.is_public],
        },
    )
