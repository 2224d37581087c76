"""Plain-language descriptions of schedule changes, for the changelog and the notices."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from datacon.common.dates import long_date


def _when(data: dict[str, Any]) -> str:
    starts, ends = data.get("starts_at"), data.get("ends_at")
    if not starts:
        return _("sin horario")
    start = dt.datetime.fromisoformat(starts)
    text = f"{long_date(start.date())}, {start:%H:%M}"
    if ends:
        text += f"–{dt.datetime.fromisoformat(ends):%H:%M}"
    return text


def _where(data: dict[str, Any]) -> str:
    parts = [part for part in (data.get("venue"), data.get("room")) if part]
    return " · ".join(parts) if parts else _("sin sede")


def change_summary(change: Any) -> str:
    """E.g. "cambio de horario: martes 18 de mayo de 2027, 10:00–11:00 → 12:00–13:00"."""
    kind, before, after = change.kind, change.before or {}, change.after or {}
    if kind in ("added", "restored"):
        label = _("nueva sesión") if kind == "added" else _("sesión restablecida")
        return f"{label}: {_when(after)}, {_where(after)}"
    if kind == "cancelled":
        return _("sesión cancelada (estaba el %(when)s)") % {"when": _when(before)}
    if kind == "moved":
        return _("cambio de horario: %(before)s → %(after)s") % {
            "before": _when(before),
            "after": _when(after),
        }
    if kind == "relocated":
        return _("cambio de lugar: %(before)s → %(after)s") % {
            "before": _where(before),
            "after": _where(after),
        }
    if kind == "retitled":
        return _("cambio de título: «%(before)s» → «%(after)s»") % {
            "before": before.get("title", ""),
            "after": after.get("title", ""),
        }
    if kind == "recoded":
        return _("cambio de código: %(before)s → %(after)s") % {
            "before": before.get("code", ""),
            "after": after.get("code", ""),
        }
    if kind == "people":
        return _("cambio de participantes: %(after)s") % {
            "after": ", ".join(after.get("people") or []) or _("nadie")
        }
    return str(kind)
