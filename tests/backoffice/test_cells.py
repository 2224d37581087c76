"""What the back-office lists show of a field (datacon/backoffice/cells.py): the meeting
list printed "2021-12-01 16:00:00+00:00" for a meeting its form showed at 10:00, and goals
as raw Markdown."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone, translation

from datacon.backoffice.cells import cell


def test_a_moment_reads_in_local_time_like_the_rest_of_the_site():
    utc = dt.datetime(2021, 12, 1, 16, 0, tzinfo=dt.UTC)
    with timezone.override(ZoneInfo("America/Mexico_City")), translation.override("es-mx"):
        assert cell(utc) == "1 de diciembre de 2021, 10:00"
        assert cell(dt.date(2023, 11, 10)) == "10 de noviembre de 2023"


def test_amounts_markdown_and_long_texts():
    with translation.override("en"):
        assert cell(Decimal("12750.5")) == "12,750.50"
    assert cell("Definir **actividades, tiempos y componentes** del plan") == (
        "Definir actividades, tiempos y componentes del plan"
    )
    assert cell("palabra " * 30).endswith("…")
    assert len(cell("palabra " * 30)) == 90
    assert (cell(True), cell(False), cell(None)) == ("✓", "—", "")
