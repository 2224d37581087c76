"""manage.py import_program (issue 17.5)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from datacon.editions.models import Edition
from datacon.program.models import Session
from tests.program.importing.conftest import DATA, counts

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("import_program", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_dry_run_then_import_then_nothing_to_do(jda: Edition) -> None:
    path = str(DATA / "pretalx-schedule.json")

    preview = _run(jda.slug, path, "--dry-run", "--state", "14")
    assert "Vista previa: 4 nuevas, 0 con cambios, 0 sin cambios, 0 errores." in preview
    assert Session.objects.filter(edition=jda).count() == 0

    assert "Programa importado: 4 nuevas" in _run(jda.slug, path, "--state", "14")
    before = counts()
    assert "0 nuevas, 0 con cambios, 4 sin cambios" in _run(jda.slug, path, "--state", "14")
    assert counts() == before


def test_errors_stop_the_import(jda: Edition, tmp_path: Path) -> None:
    bad = tmp_path / "programa.csv"
    bad.write_text("codigo,titulo,fecha\nS0101,Hola,2026-10-99\n", encoding="utf-8")
    errors = io.StringIO()
    with pytest.raises(CommandError, match="No se importó nada"):
        call_command("import_program", jda.slug, str(bad), stdout=io.StringIO(), stderr=errors)
    assert "línea 2 · fecha:" in errors.getvalue()
