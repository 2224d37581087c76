"""One date format per language, from one owner (datacon.common.dates)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from django.template import Context, Template
from django.utils import timezone, translation

from datacon.common import dates

MOMENT = dt.datetime(2024, 10, 17, 10, 0)
DAY = dt.date(2024, 10, 17)


def test_spanish_dates_read_as_people_write_them() -> None:
    with translation.override("es-mx"):
        assert dates.fecha(DAY) == "17 de octubre de 2024"
        assert dates.fecha_hora(MOMENT) == "17 de octubre de 2024, 10:00"
        assert dates.mes(DAY) == "octubre de 2024"
        assert dates.long_date(DAY) == "jueves 17 de octubre de 2024"


def test_english_dates_use_the_english_order() -> None:
    with translation.override("en"):
        assert dates.fecha(DAY) == "17 October 2024"
        assert dates.fecha_hora(MOMENT) == "17 October 2024, 10:00"
        assert dates.mes(DAY) == "October 2024"


def test_the_filters_show_an_aware_moment_in_the_current_time_zone() -> None:
    moment = dt.datetime(2024, 10, 17, 16, 0, tzinfo=dt.UTC)
    template = Template(
        "{% load datacon tz %}{% timezone 'America/Mexico_City' %}"
        "{{ moment|fecha }} · {{ moment|fecha_hora }}{% endtimezone %}"
    )
    with translation.override("es-mx"):
        html = template.render(Context({"moment": moment}))
    assert html == "17 de octubre de 2024 · 17 de octubre de 2024, 10:00"
    assert dates.fecha(None) == ""
    assert timezone.is_aware(moment)


# A date in an attribute for machines (datetime="…", a query string) may be ISO 8601;
# everything a person reads goes through the filters fecha/fecha_hora/mes/dia/long_date.
MACHINE_DATE = re.compile(r"""(?:[\w-]+="|\?\w+=)\{\{[^{}]*\|date:'(?:c|Y-m-d)'\s*\}\}""")
ANY_DATE_FILTER = re.compile(r"\|date\b")


def test_no_template_formats_a_date_for_people_by_itself() -> None:
    root = Path(__file__).resolve().parents[2] / "datacon"
    offenders = []
    for path in sorted(root.rglob("templates/**/*.html")):
        text = MACHINE_DATE.sub("", path.read_text(encoding="utf-8"))
        for line_number, line in enumerate(text.splitlines(), start=1):
            if ANY_DATE_FILTER.search(line):
                offenders.append(f"{path.relative_to(root)}:{line_number}")
    assert offenders == []
