"""Proportional bars drawn as SVG geometry instead of inline `style="width: …%"`.

The Content-Security-Policy (common/security_headers.py) allows no inline
styles, and a bar's length is data, not style: it goes in the `x`/`width`
attributes of an SVG rectangle, in a 0–100 coordinate system stretched over
the box the stylesheet gives the bar. Colours stay in the stylesheet (the
rectangles' classes), so pages, print and the static archive look as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Segment:
    start: float  # 0-100
    width: float  # 0-100
    css: str
    title: str = ""


def _number(value: float) -> str:
    # Never localised: SVG coordinates always use a decimal point.
    return f"{min(max(float(value), 0.0), 100.0):.2f}".rstrip("0").rstrip(".")


def bar_svg(segments: Iterable[Segment], *, lines: Iterable[tuple[float, str]] = ()) -> SafeString:
    """Rectangles (and vertical lines of constant thickness, e.g. a "today" mark) in a
    decorative SVG that fills its container; the figures themselves are text elsewhere."""
    parts = [
        '<svg class="bar-svg" viewBox="0 0 100 1" preserveAspectRatio="none" '
        'aria-hidden="true" focusable="false">'
    ]
    for segment in segments:
        if segment.width <= 0:
            continue
        title = f"<title>{escape(segment.title)}</title>" if segment.title else ""
        parts.append(
            f'<rect class="{escape(segment.css)}" x="{_number(segment.start)}" y="0" '
            f'width="{_number(segment.width)}" height="1">{title}</rect>'
        )
    for x, css in lines:
        parts.append(
            f'<line class="{escape(css)}" x1="{_number(x)}" x2="{_number(x)}" y1="0" y2="1" '
            'vector-effect="non-scaling-stroke"/>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def stacked(shares: Sequence[tuple[float | None, str]]) -> list[Segment]:
    """Consecutive segments from (share in %, css class) pairs."""
    segments, start = [], 0.0
    for share, css in shares:
        width = float(share or 0)
        segments.append(Segment(start, width, css))
        start += width
    return segments
