"""Template helpers used by every surface: Markdown, language links, licences, bars."""

from __future__ import annotations

from django import template
from django.urls import translate_url
from django.utils.safestring import SafeString

from datacon.common import dates
from datacon.common.bars import Segment, bar_svg, stacked
from datacon.common.choices import LICENCE_URLS
from datacon.common.text import markdown_to_html

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    return markdown_to_html(text or "")


@register.simple_tag(takes_context=True)
def url_in_language(context, language: str) -> str:  # type: ignore[no-untyped-def]
    """The current page's address in another language (/ediciones/… ↔ /en/ediciones/…)."""
    request = context.get("request")
    if request is None:
        return "/"
    url = translate_url(request.get_full_path(), language)
    return url


@register.filter
def licence_url(code: str) -> str:
    return LICENCE_URLS.get(code, "")


@register.filter(name="long_date", expects_localtime=True)
def long_date_filter(value, with_weekday: bool = True) -> str:  # type: ignore[no-untyped-def]
    """ "martes 11 de mayo de 2021" in Spanish, "Tuesday 11 May 2021" in English."""
    return dates.long_date(value, with_weekday)


@register.filter(name="fecha", expects_localtime=True)
def fecha_filter(value) -> str:  # type: ignore[no-untyped-def]
    """ "17 de octubre de 2024" / "17 October 2024" (datacon.common.dates)."""
    return dates.fecha(value)


@register.filter(name="fecha_hora", expects_localtime=True)
def fecha_hora_filter(value) -> str:  # type: ignore[no-untyped-def]
    """ "17 de octubre de 2024, 10:00" / "17 October 2024, 10:00"."""
    return dates.fecha_hora(value)


@register.filter(name="mes", expects_localtime=True)
def mes_filter(value) -> str:  # type: ignore[no-untyped-def]
    """ "octubre de 2024" / "October 2024"."""
    return dates.mes(value)


@register.filter(name="dia", expects_localtime=True)
def dia_filter(value) -> str:  # type: ignore[no-untyped-def]
    """The day of the month, "17"."""
    return dates.dia(value)


# Python callers import it from here (schedule text, forms, services).
long_date = dates.long_date


@register.filter
def user_label(user) -> str:  # type: ignore[no-untyped-def]
    """How a back-office account is shown: its full name, else its e-mail, else "".

    The one way templates show an account. A missing account (an event recorded
    by the system, or by a co-speaker who answered without signing in) is "",
    so `|user_label|default:_("sistema")` works where `user.email` as a filter
    argument raised and broke the whole page.
    """
    if user is None:
        return ""
    full_name = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return full_name or getattr(user, "email", "") or ""


@register.simple_tag
def progress_bar(value: float | None) -> SafeString:
    """The filled part of a 0-100 % bar (inside an element that gives the bar its box)."""
    return bar_svg([Segment(0, float(value or 0), "progress-fill")])


@register.simple_tag
def stacked_bar(*pairs: object) -> SafeString:
    """Shares side by side: {% stacked_bar 40 "bar-w" 35 "bar-m" %}."""
    shares = [(float(pairs[i] or 0), str(pairs[i + 1])) for i in range(0, len(pairs) - 1, 2)]  # type: ignore[arg-type]
    return bar_svg(stacked(shares))
