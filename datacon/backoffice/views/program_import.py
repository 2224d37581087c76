"""Importing a program from a schedule.xml, schedule.json or the CSV template.

Two steps, nothing kept on the server between them: the upload gives a dry run
(every row it will create or change, every error with its line and field); the
"Importar" form asks for the same file again and imports it only if its SHA-256
is the one of the dry run.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from datacon.common import csvout
from datacon.common.access import rule_route
from datacon.common.actor import Actor
from datacon.editions.models import Edition
from datacon.editions.selectors import edition_from_url
from datacon.program.forms import ProgramImportForm
from datacon.program.importing import common
from datacon.program.importing.apply import ImportResult, program_import
from datacon.program.importing.csv_template import template_bytes
from datacon.program.importing.rows import ImportRefused

PERMISSION = "editions.organise"
TEMPLATE = "backoffice/proposals/program_import.html"


def _current(request: HttpRequest) -> Edition:
    edition = request.access_object  # type: ignore[attr-defined]
    assert isinstance(edition, Edition)
    return edition


def _render(
    request: HttpRequest,
    edition: Edition,
    form: ProgramImportForm,
    result: ImportResult | None = None,
    problems: list[Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    confirm_form = None
    if result is not None and result.plan.ok and result.plan.changes_anything:
        confirm_form = ProgramImportForm(
            max_bytes=common.MAX_BYTES,
            initial={
                "sha256": result.sha256,
                "venue_state": form.cleaned_data.get("venue_state", ""),
                "confirm_sessions": form.cleaned_data.get("confirm_sessions", False),
            },
            auto_id="confirm_%s",
        )
    return render(
        request,
        TEMPLATE,
        {
            "edition": edition,
            "form": form,
            "result": result,
            "plan": result.plan if result else None,
            "problems": problems
            if problems is not None
            else (result.plan.problems if result else []),
            "confirm_form": confirm_form,
            "plan_created": result.plan.count("create") if result else 0,
            "plan_changed": result.plan.count("change") if result else 0,
            "plan_unchanged": result.plan.count("unchanged") if result else 0,
            "max_mb": common.MAX_BYTES // (1024 * 1024),
            "section": "schedule",
        },
        status=status,
    )


@rule_route(PERMISSION, obj=edition_from_url)
def program_import_view(request: HttpRequest, edition: str) -> HttpResponseBase:
    current = _current(request)
    if request.method != "POST":
        return _render(request, current, ProgramImportForm(max_bytes=common.MAX_BYTES))
    form = ProgramImportForm(request.POST, request.FILES, max_bytes=common.MAX_BYTES)
    if not form.is_valid():
        return _render(request, current, form, status=400)
    upload = form.cleaned_data["file"]
    expected = form.cleaned_data["sha256"]
    dry_run = not expected
    try:
        result = program_import(
            edition=current,
            content=upload.read(),
            filename=upload.name or "",
            actor=Actor.of(request.user),
            dry_run=dry_run,
            venue_state=form.cleaned_data["venue_state"],
            confirm_sessions=form.cleaned_data["confirm_sessions"],
            expected_sha256=expected,
        )
    except ImportRefused as refused:
        form.add_error("file", _("No se pudo leer el archivo; vea los errores."))
        return _render(request, current, form, problems=refused.problems, status=400)
    if dry_run or not result.applied:
        return _render(request, current, form, result, status=200 if result.plan.ok else 400)
    plan = result.plan
    messages.success(
        request,
        _(
            "Programa importado: %(created)s sesiones nuevas, %(changed)s con cambios, "
            "%(unchanged)s sin cambios. Las personas quedan por confirmar."
        )
        % {
            "created": plan.count("create"),
            "changed": plan.count("change"),
            "unchanged": plan.count("unchanged"),
        },
    )
    return redirect("backoffice:proposals_schedule", edition=current.slug)


@rule_route(PERMISSION, obj=edition_from_url)
def program_import_template(request: HttpRequest, edition: str) -> HttpResponse:
    response = HttpResponse(template_bytes(), content_type=csvout.CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="plantilla-programa.csv"'
    return response
