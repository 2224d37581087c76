"""The schedule builder: a grid per day (rooms × time), a placement form that
refuses or warns with the reason, and the publication of numbered versions.

Works without JavaScript and from the keyboard: every session on the grid and
in the list of sessions to place is a link to its placement form.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from datacon.common.access import rule_route
from datacon.common.actor import Actor
from datacon.common.forms import service_errors_to_form
from datacon.editions.models import Edition
from datacon.editions.selectors import edition_from_url
from datacon.program.builder import day_parity
from datacon.program.forms import PlacementForm, PublishForm
from datacon.program.models import (
    Participation,
    ParticipationStatus,
    ScheduleVersion,
    Session,
    SessionPlacement,
)
from datacon.program.notices import participation_remind, schedule_publish_with_notices
from datacon.program.parity import sessions_parity_flags
from datacon.program.publication import unpublished_changes
from datacon.program.schedule import (
    BuilderState,
    PlacementNeedsConfirmation,
    PlacementRefused,
    builder_state,
    placement_clear,
)
from datacon.program.schedule_grid import GridColumn, GridItem, grid_day
from datacon.program.selectors import participations_pending
from datacon.proposals.models import CallSessionType, Proposal, ProposalStatus

SCHEDULE = "program.schedule"


def _current(request: HttpRequest) -> Edition:
    edition = request.access_object  # type: ignore[attr-defined]
    assert isinstance(edition, Edition)
    return edition


def _columns(state: BuilderState, used_venue_columns: set[int]) -> list[GridColumn]:
    columns: list[GridColumn] = []
    for venue in state.venues:
        rooms = list(venue.rooms.all())
        for room in rooms:
            columns.append(
                GridColumn(
                    key=f"r{room.pk}",
                    label=room.name,
                    venue_label=venue.name,
                    capacity=room.capacity,
                    venue_id=venue.pk,
                    room_id=room.pk,
                )
            )
        if not rooms or venue.pk in used_venue_columns:
            columns.append(
                GridColumn(
                    key=f"v{venue.pk}",
                    label=_("Sin sala") if rooms else venue.name,
                    venue_label=venue.name,
                    capacity=venue.capacity,
                    venue_id=venue.pk,
                )
            )
    return columns


def _grid(state: BuilderState, day: dt.date) -> Any:
    tz = state.edition.tz
    conflicts = state.conflicts_by_session()
    items: list[GridItem] = []
    venue_columns: set[int] = set()
    for placement in state.placed():
        assert placement.starts_at is not None and placement.ends_at is not None
        starts = placement.starts_at.astimezone(tz)
        if starts.date() != day:
            continue
        if placement.room_id:
            key = f"r{placement.room_id}"
        elif placement.venue_id:
            key = f"v{placement.venue_id}"
            venue_columns.add(placement.venue_id)
        else:
            key = "none"
        items.append(
            GridItem(
                column_key=key,
                starts=starts,
                ends=placement.ends_at.astimezone(tz),
                payload={
                    "placement": placement,
                    "session": placement.session,
                    "starts": starts,
                    "ends": placement.ends_at.astimezone(tz),
                    "minutes": int((placement.ends_at - placement.starts_at).total_seconds() // 60),
                    "conflicts": conflicts.get(placement.session_id, []),
                },
            )
        )
    columns = _columns(state, venue_columns)
    if any(item.column_key == "none" for item in items):
        columns.append(GridColumn(key="none", label=_("Sin sede"), venue_label=""))
    opens = [v.opens_at for v in state.venues if v.opens_at]
    closes = [v.closes_at for v in state.venues if v.closes_at]
    return grid_day(
        day=day,
        number=state.edition.day_number(day),
        columns=columns,
        items=items,
        day_start=min(opens) if opens else None,
        day_end=max(closes) if closes else None,
    )


@rule_route(SCHEDULE, obj=edition_from_url)
def schedule(request: HttpRequest, edition: str) -> HttpResponse:
    current = _current(request)
    state = builder_state(edition=current)
    days = current.days
    selected = days[0] if days else None
    wanted = request.GET.get("dia", "")
    for day in days:
        if day.isoformat() == wanted:
            selected = day
    grid = _grid(state, selected) if selected else None
    unplaced = state.unplaced()
    by_session = {
        p.session_id: p
        for p in Proposal.objects.filter(edition=current, session__isnull=False).only(
            "pk", "number", "status", "session_id", "edition_id"
        )
    }
    for placement in state.placements:
        placement.proposal = by_session.get(placement.session_id)  # type: ignore[attr-defined]
    return render(
        request,
        "backoffice/proposals/schedule.html",
        {
            "edition": current,
            "state": state,
            "days": days,
            "selected": selected,
            "grid": grid,
            "unplaced": unplaced,
            "conflicts": state.conflicts,
            "cancelled": [p for p in state.placements if p.session.status == "cancelled"],
            "day_parity": day_parity(state, selected) if selected else None,
            "changes": unpublished_changes(edition=current),
            "builder_text": _builder_text(),
            "versions": list(
                ScheduleVersion.objects.filter(edition=current).defer("snapshot", "parity")[:5]
            ),
            "section": "schedule",
        },
    )


def _builder_text() -> dict[str, str]:
    """What the drag-and-drop script says, translated here (the script has no catalogue)."""
    return {
        "picked": _(
            "Moviendo %(session)s. Use las flechas para elegir un espacio del programa, "
            "Intro para colocarla allí o Escape para cancelar."
        ),
        "cancelled": _("Movimiento cancelado."),
        "free": _("libre"),
        "taken": _("ocupado por %(sessions)s"),
        "unplace_target": _(
            "Lista de sesiones por colocar: suelte aquí para quitarla del programa"
        ),
        "saving": _("Guardando…"),
        "failed": _("No se pudo guardar el movimiento. Revise su conexión e intente de nuevo."),
        "nothing_to_undo": _("No hay movimientos que deshacer."),
        "warnings": _("Advertencias:"),
        "carry_to": _("Llevar %(session)s a %(day)s"),
        "too_short": _("Una sesión dura al menos 30 minutos."),
        "carried": _(
            "%(session)s viene de otro día: elija un espacio de este día (tóquelo, o use las "
            "flechas e Intro) o pulse Escape para dejarla donde estaba."
        ),
    }


def _default_duration(session: Session) -> int:
    proposal = getattr(session, "proposal", None)
    if proposal is not None:
        item = CallSessionType.objects.filter(
            call__edition_id=session.edition_id, session_type_id=session.session_type_id
        ).first()
        if item is not None:
            return item.duration_minutes
    return session.session_type.default_duration_minutes


def _placement_initial(
    request: HttpRequest,
    edition: Edition,
    session: Session,
    placement: SessionPlacement | None,
) -> dict[str, Any]:
    """The placement form as the session stands, or as the grid's link suggests."""
    initial: dict[str, Any] = {"duration": _default_duration(session)}
    if placement is not None and placement.is_placed:
        assert placement.starts_at is not None and placement.ends_at is not None
        local = placement.starts_at.astimezone(edition.tz)
        initial.update(
            day=local.date().isoformat(),
            start=local.time().strftime("%H:%M"),
            duration=int((placement.ends_at - placement.starts_at).total_seconds() // 60),
            place=f"r{placement.room_id}" if placement.room_id else f"v{placement.venue_id}",
        )
    elif request.GET.get("dia"):
        initial["day"] = request.GET["dia"]
    if request.GET.get("hora"):
        initial["start"] = request.GET["hora"]
    if request.GET.get("lugar"):
        initial["place"] = request.GET["lugar"]
    if placement is not None and placement.expected_audience:
        initial["expected_audience"] = placement.expected_audience
    return initial


@rule_route(SCHEDULE, obj=edition_from_url)
def place(request: HttpRequest, edition: str, pk: int) -> HttpResponseBase:
    current = _current(request)
    session = get_object_or_404(
        Session.objects.select_related("session_type", "placement"), pk=pk, edition=current
    )
    state = builder_state(edition=current)
    placement = next((p for p in state.placements if p.session_id == session.pk), None)
    warnings: list[Any] = []
    refused: list[Any] = []
    if request.method == "POST" and request.POST.get("action") == "clear":
        placement_clear(session=session, actor=Actor.of(request.user))
        messages.success(request, _("La sesión salió del programa (cambio sin publicar)."))
        return redirect("backoffice:proposals_schedule", edition=current.slug)
    if request.method == "POST":
        form = PlacementForm(request.POST, edition=current, venues=state.venues)
        if form.is_valid():
            starts = form.placement()[0]
            try:
                accepted = form.place_session(
                    session=session,
                    actor=Actor.of(request.user),
                    accept_warnings=form.cleaned_data["accept_warnings"],
                )
            except PlacementRefused as error:
                refused = error.conflicts
            except PlacementNeedsConfirmation as error:
                warnings = error.conflicts
            except ValidationError as error:
                service_errors_to_form(form, error)
            else:
                if accepted:
                    messages.warning(
                        request,
                        _("Sesión colocada con advertencias: %(warnings)s")
                        % {"warnings": " ".join(c.message for c in accepted)},
                    )
                else:
                    messages.success(request, _("Sesión colocada (cambio sin publicar)."))
                return redirect(
                    f"{_schedule_url(current)}?dia={starts.date().isoformat()}#s{session.pk}"
                )
    else:
        form = PlacementForm(
            initial=_placement_initial(request, current, session, placement),
            edition=current,
            venues=state.venues,
        )
    people = list(session.participations.select_related("person").order_by("order", "id"))
    return render(
        request,
        "backoffice/proposals/place.html",
        {
            "edition": current,
            "session": session,
            "placement": placement,
            "form": form,
            "warnings": warnings,
            "refused": refused,
            "people": people,
            "current_conflicts": state.conflicts_by_session().get(session.pk, []),
            "section": "schedule",
        },
        status=200,
    )


def _schedule_url(edition: Edition) -> str:
    from django.urls import reverse

    return reverse("backoffice:proposals_schedule", kwargs={"edition": edition.slug})


@rule_route(SCHEDULE, obj=edition_from_url)
def publish(request: HttpRequest, edition: str) -> HttpResponseBase:
    current = _current(request)
    flags = sessions_parity_flags(edition=current)
    first = not ScheduleVersion.objects.filter(edition=current).exists()
    form = PublishForm(request.POST or None, initial={"renumber": first})
    if request.method == "POST" and form.is_valid():
        if flags and not form.cleaned_data["acknowledge_parity"]:
            form.add_error(
                "acknowledge_parity",
                _("Hay paneles sin paridad. Revíselos o marque esta casilla para publicar así."),
            )
        else:
            try:
                version, notices = schedule_publish_with_notices(
                    edition=current,
                    actor=Actor.of(request.user),
                    note=form.cleaned_data["note"],
                    renumber=True if first else form.cleaned_data["renumber"],
                    notify=form.cleaned_data["notify"],
                    review_notices=form.cleaned_data["review_notices"],
                )
            except ValidationError as error:  # e.g. two sessions in one room: nothing published
                service_errors_to_form(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Se publicó la versión %(number)s del programa. "
                        "Avisos por correo: %(notices)s."
                    )
                    % {"number": version.number, "notices": notices},
                )
                return redirect("backoffice:proposals_schedule", edition=current.slug)
    state = builder_state(edition=current)
    unconfirmed = list(
        current.proposals.filter(status=ProposalStatus.ACCEPTED, session__isnull=False).only(
            "pk", "number", "title", "edition_id"
        )
    )
    return render(
        request,
        "backoffice/proposals/publish.html",
        {
            "edition": current,
            "form": form,
            "first": first,
            "changes": unpublished_changes(edition=current),
            "flags": flags,
            "conflicts": state.conflicts,
            "unplaced": state.unplaced(),
            "unconfirmed": unconfirmed,
            "pending_people": participations_pending(edition=current),
            "edition_public": current.is_public,
            "section": "schedule",
        },
    )


@rule_route(SCHEDULE, obj=edition_from_url)
@require_POST
def remind(request: HttpRequest, edition: str, pk: int) -> HttpResponseBase:
    """Queue a reminder e-mail (through the outbox) to someone who has not confirmed."""
    current = _current(request)
    participation = get_object_or_404(
        Participation.objects.select_related("person", "session__edition"),
        pk=pk,
        session__edition=current,
        status=ParticipationStatus.PENDING,
    )
    try:
        participation_remind(participation=participation, actor=Actor.of(request.user))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Se puso en la bandeja de salida un recordatorio para %(name)s.")
            % {"name": participation.person.public_name},
        )
    return redirect("backoffice:proposals_publish", edition=current.slug)
