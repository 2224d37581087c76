"""Charts drawn on the server as SVG, with a text alternative. No JavaScript library.

Each chart is an `<svg role="img">` with a `<title>` and `<desc>` (read by
screen readers); pages put the same figures in a table next to it, so the
chart is never the only way to read them. Colours come from the site's palette
and keep 3:1 contrast against the background.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils.formats import date_format, number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from datacon.common.bars import Segment, bar_svg

BAR = "#0b5563"
BAR_LIGHT = "#7fb3bd"
INK = "#17202a"
MUTED = "#4a5562"
GRID = "#d5dde2"


def month_label(month: dt.date) -> str:
    """ "may 2021" in Spanish, "May 2021" in English."""
    return date_format(month, "M Y").lower() if not _english() else date_format(month, "M Y")


def _english() -> bool:
    from django.utils.translation import get_language

    return (get_language() or "").startswith("en")


def _nice_max(value: int) -> int:
    if value <= 5:
        return max(value, 1)
    magnitude = 10 ** (len(str(value)) - 1)
    for step in (1, 2, 2.5, 5, 10):
        candidate = int(step * magnitude)
        if candidate >= value:
            return candidate
    return value


def monthly_bars(
    months: Sequence[dt.date],
    counts: Sequence[int],
    *,
    title: str,
    chart_id: str,
    width: int = 720,
    height: int = 220,
) -> SafeString:
    """Bars per month with a y axis, year ticks and a summary in <desc>."""
    if not months:
        return mark_safe("")
    left, right, top, bottom = 48, 8, 12, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = _nice_max(max(counts) if counts else 0)
    step = plot_w / len(months)
    bar_w = max(step * 0.8, 1.0)
    total = sum(counts)
    busiest = max(range(len(counts)), key=lambda i: (counts[i], -i)) if counts else 0
    desc = _(
        "%(total)s solicitudes entre %(first)s y %(last)s; el mes con más fue %(peak_month)s "
        "con %(peak)s."
    ) % {
        "total": number_format(total, force_grouping=True),
        "first": month_label(months[0]),
        "last": month_label(months[-1]),
        "peak_month": month_label(months[busiest]),
        "peak": number_format(counts[busiest], force_grouping=True),
    }
    parts = [
        f'<svg class="demand-chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" preserveAspectRatio="xMidYMid meet" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>',
    ]
    for fraction in (0, 0.5, 1):
        y = top + plot_h * (1 - fraction)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="{MUTED}">{number_format(int(peak * fraction), force_grouping=True)}</text>'
        )
    for index, (month, count) in enumerate(zip(months, counts, strict=True)):
        bar_h = plot_h * count / peak if peak else 0
        x = left + index * step + (step - bar_w) / 2
        y = top + plot_h - bar_h
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{bar_h:.1f}" fill="{BAR}">'
            f"<title>{escape(month_label(month))}: {number_format(count, force_grouping=True)}</title></rect>"
        )
        if month.month == 1 or index == 0:
            parts.append(
                f'<text x="{left + index * step:.1f}" y="{height - 8}" font-size="11" '
                f'fill="{MUTED}">{month.year}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def sparkline(
    counts: Sequence[int], *, label: str, width: int = 120, height: int = 28
) -> SafeString:
    """A small line of monthly counts, for tables (the figures are in the same row)."""
    if not counts:
        return mark_safe("")
    peak = max(counts) or 1
    step = width / max(len(counts) - 1, 1)
    points = " ".join(
        f"{index * step:.1f},{height - 2 - (height - 4) * count / peak:.1f}"
        for index, count in enumerate(counts)
    )
    return mark_safe(
        f'<svg class="demand-spark" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">'
        f'<polyline fill="none" stroke="{BAR}" stroke-width="1.5" points="{points}"/></svg>'
    )


def share_bar(value: int, peak: int, *, label: str) -> SafeString:
    """A horizontal bar proportional to value/peak, hidden from screen readers (the number is next to it)."""
    share = 100.0 * value / peak if peak else 0.0
    return mark_safe(
        f'<span class="demand-bar" aria-hidden="true" title="{escape(label)}">'
        + bar_svg([Segment(0, share, "demand-bar-fill")])
        + "</span>"
    )
