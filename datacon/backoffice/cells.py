"""What a back-office list shows of a record's field: one formatting for both record
mechanisms (an edition's records, datacon/backoffice/records.py, and the platform's,
datacon/backoffice/catalogue.py).

Dates and times read as everywhere else on the site (datacon/common/dates.py), in
local time; amounts with thousands grouped; Markdown as its words, cut short with
"…"; yes/no as ✓/—.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db.models import Model
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import Truncator

from datacon.common.dates import fecha, fecha_hora
from datacon.common.text import markdown_to_text

LONGEST_TEXT = 90  # characters of a text column
MARKDOWN_MARKS = ("*", "_", "#", "[", "`", ">")


def cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else "—"
    if isinstance(value, dt.datetime):
        return fecha_hora(timezone.localtime(value) if timezone.is_aware(value) else value)
    if isinstance(value, dt.date):
        return fecha(value)
    if isinstance(value, Decimal):
        return number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)
    if isinstance(value, str):
        text = markdown_to_text(value) if any(mark in value for mark in MARKDOWN_MARKS) else value
        return Truncator(" ".join(text.split())).chars(LONGEST_TEXT)
    return value


def record_row(
    record: Model, columns: Sequence[str], labels: Sequence[str]
) -> list[tuple[str, Any]]:
    """(column label, what the list shows) for each column of the record."""
    values = []
    for label, name in zip(labels, columns, strict=True):
        display = getattr(record, f"get_{name}_display", None)
        values.append((label, cell(display() if callable(display) else getattr(record, name))))
    return values
