"""`load_record`: the public record of the real editions, without the demo (issue 12.5)."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from datacon.common.models import AuditEntry
from datacon.editions.models import Edition
from datacon.program.models import ScheduleVersion, Session
from datacon.sources.models import SourcedFact

pytestmark = pytest.mark.django_db


def _load() -> str:
    out = io.StringIO()
    call_command("load_record", stdout=out)
    return out.getvalue()


def test_load_record_loads_the_real_editions_only_and_publishes_their_programs():
    _load()

    assert list(Edition.objects.order_by("year").values_list("year", "is_demo")) == [
        (2021, False),
        (2022, False),
        (2023, False),
        (2024, False),
    ]
    assert get_user_model().objects.count() == 0
    with_program = set(Session.objects.values_list("edition__year", flat=True))
    assert with_program != set()
    assert (
        set(ScheduleVersion.objects.filter(number=1).values_list("edition__year", flat=True))
        == with_program
    )
    assert not Session.objects.filter(published=False).exists()
    assert SourcedFact.objects.exists()


def test_load_record_twice_changes_nothing():
    _load()
    entries = AuditEntry.objects.count()

    assert _load().strip() == "El registro ya estaba cargado; no se cambió nada."
    assert AuditEntry.objects.count() == entries
