"""Template helpers used by every surface: Markdown, language links, licences, bars."""

from __future__ import annotations

from django import template
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import SafeString

from datacon.common import bilingual, dates
from datacon.common.bars import Segment, bar_svg, stacked
from datacon.common.choices import LICENCE_URLS
from datacon.common.text import markdown_to_html
from datacon.common.urls import absolute_url

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


@register.filter(name="tr")
def tr_filter(obj, field: str) -> str:  # type: ignore[no-untyped-def]
    """Plain text of a translated field in the visitor's language (attributes, <title>)."""
    return bilingual.localized_text(obj, field)


@register.simple_tag(name="tr")
def tr_tag(obj, field: str, markdown: bool = False) -> SafeString:  # type: ignore[no-untyped-def]
    """A translated field as HTML, marked with `lang` when it is not in the page's language."""
    return bilingual.render(bilingual.localized(obj, field), markdown=markdown)


@register.simple_tag(takes_context=True)
def alternate_links(context) -> SafeString:  # type: ignore[no-untyped-def]
    """<link rel="alternate" hreflang> to this page in each language, and x-default."""
    request = context.get("request")
    if request is None:
        return SafeString("")
    spanish = absolute_url(translate_url(request.get_full_path(), "es-mx"))
    english = absolute_url(translate_url(request.get_full_path(), "en"))
    return format_html(
        '<link rel="alternate" hreflang="es-MX" href="{}">\n'
        '  <link rel="alternate" hreflang="en" href="{}">\n'
        '  <link rel="alternate" hreflang="x-default" href="{}">',
        spanish,
        english,
        spanish,
    )


@register.simple_tag
def spanish_lang() -> SafeString:
    """` lang="es-MX"` on the English site, for content that exists only in Spanish
    (a document's paragraphs, comments): screen readers switch to a Spanish voice."""
    if bilingual.page_language() == bilingual.SPANISH:
        return SafeString("")
    return format_html(' lang="{}"', bilingual.SPANISH)


@register.simple_tag
def spanish_note() -> SafeString:
    """The visible "Only available in Spanish" note, on the English site only."""
    if bilingual.page_language() == bilingual.SPANISH:
        return SafeString("")
    return format_html('<p class="lang-note">{}</p>', bilingual.fallback_note(bilingual.SPANISH))
