"""The drag-and-drop builder's one endpoint: move a session (or take it off the grid)
and answer, in JSON, what the move did and what is wrong with the schedule now.

The builder's script posts here; without the script the per-session placement
form (`schedule.place`) does the same through the same services. A move made by
dragging accepts warnings (they are shown right after it, and the audit entry
keeps them); a room taken twice is refused with the reason. An undo is a move
back to where the session stood, posted with `deshacer=1`: the same checks, its
own audit action.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseBase, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from datacon.backoffice.views.schedule import SCHEDULE, _current, _default_duration
from datacon.common.access import rule_route
from datacon.common.actor import Actor
from datacon.editions.selectors import edition_from_url
from datacon.program.builder import conflict_data, day_parity, placement_position
from datacon.program.forms import PlacementForm
from datacon.program.models import ProgramAction, Session, SessionPlacement
from datacon.program.schedule import (
    PlacementNeedsConfirmation,
    PlacementRefused,
    builder_state,
    placement_clear,
    session_label,
)


def _answer(
    request: HttpRequest, *, edition: Any, ok: bool, message: str, status: int = 200, **extra: Any
) -> JsonResponse:
    state = builder_state(edition=edition, sync=False)
    data: dict[str, Any] = {
        "ok": ok,
        "message": message,
        "conflicts": [conflict_data(c) for c in state.conflicts],
        "pending": state.pending_count,
    }
    day = extra.pop("day", None)
    if day is not None:
        parity = day_parity(state, day)
        data["parity"] = {
            "day": parity.day.isoformat(),
            "women": parity.women,
            "men": parity.men,
            "others": parity.others,
            "women_share": parity.women_share,
            "flags": [{"session": f.session_id, "reason": f.reason} for f in parity.flags],
        }
    data.update(extra)
    return JsonResponse(data, status=status)


def _pending(session: Session) -> bool:
    """Whether the move left a change to publish (an undo may bring it back as published)."""
    return bool(
        SessionPlacement.objects.filter(session=session).values_list("pending", flat=True).first()
    )


@rule_route(SCHEDULE, obj=edition_from_url)
@require_POST
def move(request: HttpRequest, edition: str, pk: int) -> HttpResponseBase:
    current = _current(request)
    session = get_object_or_404(
        Session.objects.select_related("session_type", "placement"), pk=pk, edition=current
    )
    state = builder_state(edition=current)
    placement = next((p for p in state.placements if p.session_id == session.pk), None)
    before = placement_position(placement, current.tz)
    previous = before.as_form() if before else {"quitar": "1"}
    undo = request.POST.get("deshacer") == "1"
    actor = Actor.of(request.user)
    label = session_label(session)
    if request.POST.get("quitar") == "1":
        placement_clear(
            session=session,
            actor=actor,
            action=ProgramAction.SCHEDULE_UNDO if undo else ProgramAction.SCHEDULE_UNPLACE,
        )
        message = (
            _("%(session)s salió del programa (cambio sin publicar).")
            if _pending(session)
            else _("%(session)s salió del programa.")
        ) % {"session": label}
        if undo:
            message = _("Movimiento deshecho. %(message)s") % {"message": message}
        return _answer(
            request,
            edition=current,
            ok=True,
            message=message,
            session=session.pk,
            previous=previous,
            warnings=[],
        )
    duration = request.POST.get("duracion") or str(
        before.duration if before else _default_duration(session)
    )
    form = PlacementForm(
        {
            "day": request.POST.get("dia", ""),
            "start": request.POST.get("hora", ""),
            "duration": duration,
            "place": request.POST.get("lugar", ""),
            "expected_audience": placement.expected_audience or "" if placement else "",
            "accept_warnings": "on",
        },
        edition=current,
        venues=state.venues,
    )
    if not form.is_valid():
        return _answer(
            request,
            edition=current,
            ok=False,
            status=400,
            message=" ".join(str(m) for errors in form.errors.values() for m in errors),
            session=session.pk,
        )
    starts, ends, venue, room = form.placement()
    try:
        accepted = form.place_session(
            session=session,
            actor=actor,
            accept_warnings=True,
            action=ProgramAction.SCHEDULE_UNDO if undo else ProgramAction.SCHEDULE_PLACE,
        )
    except (PlacementRefused, PlacementNeedsConfirmation) as error:
        return _answer(
            request,
            edition=current,
            ok=False,
            status=409,
            message=_("No se puede colocar aquí: %(reasons)s")
            % {"reasons": " ".join(c.message for c in error.conflicts)},
            session=session.pk,
            refused=[conflict_data(c) for c in error.conflicts],
            day=starts.astimezone(current.tz).date(),
        )
    except ValidationError as error:
        return _answer(
            request,
            edition=current,
            ok=False,
            status=400,
            message=" ".join(error.messages),
            session=session.pk,
        )
    local_start, local_end = starts.astimezone(current.tz), ends.astimezone(current.tz)
    place_label = room.name if room else venue.name
    message = (
        _("%(session)s: %(start)s–%(end)s, %(place)s (cambio sin publicar).")
        if _pending(session)
        else _("%(session)s: %(start)s–%(end)s, %(place)s (como en la versión publicada).")
    ) % {
        "session": label,
        "start": local_start.strftime("%H:%M"),
        "end": local_end.strftime("%H:%M"),
        "place": place_label,
    }
    if undo:
        message = _("Movimiento deshecho. %(message)s") % {"message": message}
    return _answer(
        request,
        edition=current,
        ok=True,
        message=message,
        session=session.pk,
        previous=previous,
        warnings=[c.message for c in accepted],
        day=local_start.date(),
    )
