"""Back-office screens of access-to-information request imports and analysis runs: the
upload (with the report of every skipped line), the history and running the analysis."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from datacon.common.access import rule_route
from datacon.common.actor import Actor
from datacon.demand.analysis.run import requests_analyse
from datacon.demand.forms import (
    ImportUploadForm,
)
from datacon.demand.importer import ImportRefused, requests_import
from datacon.demand.models import (
    AnalysisRun,
    ImportRun,
    InformationRequest,
)

UPLOAD_MAX_BYTES = getattr(settings, "DEMAND_UPLOAD_MAX_BYTES", 50 * 1024 * 1024)
# Above this many requests the analysis takes minutes: run it with the command instead.
SYNC_ANALYSIS_LIMIT = getattr(settings, "DEMAND_SYNC_ANALYSIS_LIMIT", 200_000)


# --- imports and analysis -----------------------------------------------------------------------------


def _imports_context(form: ImportUploadForm | None = None) -> dict[str, Any]:
    return {
        "form": form or ImportUploadForm(max_bytes=UPLOAD_MAX_BYTES),
        "imports": list(ImportRun.objects.select_related("actor").order_by("-started_at")[:30]),
        "runs": list(AnalysisRun.objects.order_by("-started_at")[:10]),
        "request_count": InformationRequest.objects.count(),
        "sync_limit": SYNC_ANALYSIS_LIMIT,
    }


@rule_route("demand.view_imports")
def imports(request: HttpRequest) -> HttpResponse:
    return render(request, "backoffice/demand/imports.html", _imports_context())


@rule_route("demand.import")
@require_POST
def import_upload(request: HttpRequest) -> HttpResponse:
    form = ImportUploadForm(request.POST, request.FILES, max_bytes=UPLOAD_MAX_BYTES)
    if not form.is_valid():
        return render(request, "backoffice/demand/imports.html", _imports_context(form), status=400)
    upload = form.cleaned_data["file"]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "solicitudes.csv"
        with path.open("wb") as target:
            for chunk in upload.chunks():
                target.write(chunk)
        try:
            report = requests_import(
                path=path,
                source=form.cleaned_data["source"],
                encoding=form.cleaned_data["encoding"],
                actor=Actor.of(request.user),
                display_name=upload.name,
            )
        except ImportRefused as refused:
            form.add_error("file", refused.message)
            return render(
                request, "backoffice/demand/imports.html", _imports_context(form), status=400
            )
    messages.success(
        request,
        _(
            "Importación terminada: %(read)s filas leídas, %(created)s nuevas, %(updated)s "
            "actualizadas, %(unchanged)s sin cambios, %(skipped)s omitidas."
        )
        % {
            "read": report.rows_read,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "skipped": report.skipped_count,
        },
    )
    if form.cleaned_data["analyse"] and report.changed:
        _analyse(request)
    return redirect("backoffice:demand_import", pk=report.run_id)


def _analyse(request: HttpRequest) -> None:
    total = InformationRequest.objects.count()
    if total > SYNC_ANALYSIS_LIMIT:
        messages.warning(
            request,
            _(
                "Hay %(total)s solicitudes: ejecute el análisis con la orden analyse_pnt_requests "
                "(tarda varios minutos)."
            )
            % {"total": total},
        )
        return
    run = requests_analyse(actor=Actor.of(request.user))
    messages.success(
        request,
        _(
            "Análisis terminado: %(topics)s temas, %(groups)s grupos de preguntas repetidas, %(candidates)s candidatos."
        )
        % {
            "topics": run.topics_count,
            "groups": run.groups_count,
            "candidates": run.candidates_count,
        },
    )


@rule_route("demand.analyse")
@require_POST
def analyse(request: HttpRequest) -> HttpResponse:
    _analyse(request)
    return redirect("backoffice:demand_imports")


def import_from_url(pk: int) -> ImportRun:
    return get_object_or_404(ImportRun, pk=pk)


@rule_route("demand.view_imports", obj=import_from_url)
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run: ImportRun = request.access_object  # type: ignore[attr-defined]
    skipped = Paginator(run.skipped_rows, 100).get_page(request.GET.get("pagina"))
    return render(
        request,
        "backoffice/demand/import_detail.html",
        {
            "run": run,
            "skipped": skipped,
            "warnings": sorted(run.warnings.items(), key=lambda i: -i[1]),
        },
    )
