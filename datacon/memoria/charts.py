"""Charts drawn by the server as SVG: readable without JavaScript, in the PDF and on disk.

Each chart is an <svg role="img"> with a <title> and a <desc> that states the
figures in words (the text alternative), and it always sits next to a data
table with the same numbers. Colours are inline attributes, so the chart looks
the same in the page, the PDF and the static archive, and every colour meets
3:1 contrast against white; the values are also printed as text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

PALETTE = ("#0b5563", "#a4155c", "#6b3fa0", "#1d6e3a", "#8a5a00", "#1f4e8c", "#5b6770")
FONT = "DejaVu Sans, Verdana, sans-serif"
WIDTH = 640
LABEL_WIDTH = 190
VALUE_GAP = 6
ROW_HEIGHT = 26
BAR_HEIGHT = 16


def _number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


def _frame(
    chart_id: str, title: str, description: str, height: int, body: list[str], legend: str = ""
) -> SafeString:
    ident = escape(chart_id)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{ident}" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" font-family="{FONT}" font-size="13">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
        *body,
        legend,
        "</svg>",
    ]
    return mark_safe("".join(parts))


_TITLE_AND_DESC = re.compile(
    r'<title id="(?P<id>[^"]+)-title">(?P<title>[^<]*)</title>'
    r'<desc id="(?P=id)-desc">(?P<desc>[^<]*)</desc>'
)


def titles_with_descriptions(html: str) -> str:
    """Each chart's <title> followed by its figures in words, for the tagged PDF.

    A page reads both (aria-labelledby names the title and the <desc>), but a
    PDF /Figure has one alternative text, which WeasyPrint takes from the
    <title>: without this it would say "Sesiones por tipo" and not the numbers.
    Only charts drawn by _frame() match (their title is followed by their desc).
    """

    def merged(match: re.Match[str]) -> str:
        ident, title, desc = match["id"], match["title"], match["desc"]
        return f'<title id="{ident}-title">{title}. {desc}</title><desc id="{ident}-desc">{desc}</desc>'

    return _TITLE_AND_DESC.sub(merged, html)


def bar_chart(
    *,
    chart_id: str,
    title: str,
    items: Sequence[tuple[str, float]],
    unit: str = "",
    color: str = PALETTE[0],
) -> SafeString:
    """Horizontal bars, one per item, with the value written after each bar."""
    maximum = max((value for _label, value in items), default=0) or 1
    area = WIDTH - LABEL_WIDTH - 60
    body = []
    for index, (label, value) in enumerate(items):
        y = 8 + index * ROW_HEIGHT
        length = round(area * value / maximum, 1)
        body.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 12}" text-anchor="end" fill="#17202a">'
            f"{escape(_short(label))}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length}" height="{BAR_HEIGHT}" fill="{color}"/>'
            f'<text x="{LABEL_WIDTH + length + VALUE_GAP}" y="{y + 12}" fill="#17202a">'
            f"{_number(value)}</text>"
        )
    suffix = f" {unit}" if unit else ""
    description = "; ".join(f"{label}: {_number(value)}{suffix}" for label, value in items)
    return _frame(chart_id, title, description + ".", 16 + len(items) * ROW_HEIGHT, body)


@dataclass(frozen=True)
class Segment:
    label: str
    value: float
    color: str


def stacked_bar_chart(
    *, chart_id: str, title: str, rows: Sequence[tuple[str, Sequence[Segment]]]
) -> SafeString:
    """One bar per row, split into coloured shares (e.g. women, men, other, undeclared)."""
    area = WIDTH - LABEL_WIDTH - 20
    body = []
    descriptions = []
    legend_items: dict[str, str] = {}
    for index, (label, segments) in enumerate(rows):
        y = 8 + index * ROW_HEIGHT
        total = sum(segment.value for segment in segments) or 1
        body.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 12}" text-anchor="end" fill="#17202a">'
            f"{escape(_short(label))}</text>"
        )
        x = float(LABEL_WIDTH)
        for segment in segments:
            legend_items.setdefault(segment.label, segment.color)
            if not segment.value:
                continue
            length = round(area * segment.value / total, 1)
            body.append(
                f'<rect x="{round(x, 1)}" y="{y}" width="{length}" height="{BAR_HEIGHT}" '
                f'fill="{segment.color}"><title>{escape(segment.label)}: '
                f"{_number(segment.value)}</title></rect>"
            )
            if length > 34:
                body.append(
                    f'<text x="{round(x + 4, 1)}" y="{y + 12}" fill="#ffffff">'
                    f"{_number(segment.value)}</text>"
                )
            x += length
        descriptions.append(
            f"{label}: "
            + ", ".join(f"{segment.label} {_number(segment.value)}" for segment in segments)
        )
    legend_y = 16 + len(rows) * ROW_HEIGHT
    legend = _legend(legend_items, legend_y)
    return _frame(
        chart_id, title, "; ".join(descriptions) + ".", legend_y + 22, body, legend=legend
    )


def grouped_bar_chart(
    *,
    chart_id: str,
    title: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
) -> SafeString:
    """Vertical bars grouped by category (e.g. editions), one colour per series."""
    height_area = 180
    top = 14
    left = 40
    groups = max(len(categories), 1)
    group_width = (WIDTH - left - 10) / groups
    bar_width = max(min((group_width - 12) / max(len(series), 1), 36), 4)
    maximum = max((v for _name, values in series for v in values if v), default=0) or 1
    body = [
        f'<line x1="{left}" y1="{top + height_area}" x2="{WIDTH - 10}" '
        f'y2="{top + height_area}" stroke="#5b6770"/>'
    ]
    legend_items: dict[str, str] = {}
    descriptions = []
    for s_index, (name, values) in enumerate(series):
        color = PALETTE[s_index % len(PALETTE)]
        legend_items[name] = color
        parts = []
        for c_index, value in enumerate(values):
            category = categories[c_index]
            x = left + c_index * group_width + 6 + s_index * bar_width
            if value is None:
                parts.append(_("%(category)s sin dato") % {"category": category})
                continue
            height = round(height_area * value / maximum, 1)
            y = top + height_area - height
            body.append(
                f'<rect x="{round(x, 1)}" y="{y}" width="{round(bar_width - 2, 1)}" '
                f'height="{height}" fill="{color}"><title>{escape(name)} · {escape(category)}: '
                f"{_number(value)}</title></rect>"
                f'<text x="{round(x + (bar_width - 2) / 2, 1)}" y="{round(y - 3, 1)}" '
                f'text-anchor="middle" font-size="11" fill="#17202a">{_number(value)}</text>'
            )
            parts.append(f"{category} {_number(value)}")
        descriptions.append(f"{name}: " + ", ".join(parts))
    for c_index, category in enumerate(categories):
        x = left + c_index * group_width + group_width / 2
        body.append(
            f'<text x="{round(x, 1)}" y="{top + height_area + 16}" text-anchor="middle" '
            f'fill="#17202a">{escape(_short(category, 16))}</text>'
        )
    legend_y = top + height_area + 34
    return _frame(
        chart_id,
        title,
        "; ".join(descriptions) + ".",
        legend_y + 22,
        body,
        legend=_legend(legend_items, legend_y),
    )


def _legend(items: dict[str, str], y: float) -> str:
    parts = []
    x = 10.0
    for label, color in items.items():
        parts.append(
            f'<rect x="{round(x, 1)}" y="{y}" width="12" height="12" fill="{color}"/>'
            f'<text x="{round(x + 17, 1)}" y="{y + 11}" fill="#17202a">{escape(label)}</text>'
        )
        x += 30 + 7.2 * len(label)
    return "".join(parts)


def _short(text: str, limit: int = 26) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
