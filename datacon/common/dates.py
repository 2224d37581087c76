"""How dates are shown to people: the one owner of every human-readable date.

Driven by the active language: "17 de octubre de 2024" and
"17 de octubre de 2024, 10:00" in Spanish, "17 October 2024" and
"17 October 2024, 10:00" in English. Templates reach these through the
filters `fecha`, `fecha_hora`, `mes`, `dia` and `long_date` (common/templatetags/
datacon.py); Python code (messages, validation errors) calls them directly with
a value already in the wanted time zone. Machine formats (ISO 8601 in
`datetime="…"` attributes, query strings, file names) are not this module's job.

A guard test (tests/common/test_dates.py) fails when a template formats a date
with `|date:"…"` for people instead of coming here.
"""

from __future__ import annotations

import datetime as dt

from django.utils.dateformat import format as _format
from django.utils.translation import get_language

DateLike = dt.date | dt.datetime


def _english() -> bool:
    return (get_language() or "").startswith("en")


def fecha(value: DateLike | None) -> str:
    """ "17 de octubre de 2024" / "17 October 2024"."""
    if not value:
        return ""
    if _english():
        return _format(value, "j F Y")
    return _format(value, r"j \d\e F \d\e Y").lower()


def fecha_hora(value: dt.datetime | None) -> str:
    """ "17 de octubre de 2024, 10:00" / "17 October 2024, 10:00"."""
    if not value:
        return ""
    return f"{fecha(value)}, {_format(value, 'H:i')}"


def mes(value: DateLike | None) -> str:
    """ "octubre de 2024" / "October 2024": for dates known only to the month."""
    if not value:
        return ""
    if _english():
        return _format(value, "F Y")
    return _format(value, r"F \d\e Y").lower()


def dia(value: DateLike | None) -> str:
    """The day of the month alone, "17" (a calendar badge next to `mes`)."""
    if not value:
        return ""
    return _format(value, "j")


def long_date(value: DateLike | None, with_weekday: bool = True) -> str:
    """ "martes 11 de mayo de 2021" / "Tuesday 11 May 2021" (without weekday: `fecha`)."""
    if not value:
        return ""
    if not with_weekday:
        return fecha(value)
    if _english():
        return _format(value, "l j F Y")
    return _format(value, r"l j \d\e F \d\e Y").lower()
