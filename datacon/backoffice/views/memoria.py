"""Back office for memorias: write the narrative, record reported figures, preview, publish."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from datacon.backoffice.access import staff_required
from datacon.common.urls import public_base
from datacon.editions.models import Edition
from datacon.memoria import selectors
from datacon.memoria.forms import MemoriaTextForm, ReportedFigureFormSet
from datacon.memoria.models import Memoria, ReportedFigure
from datacon.memoria.services import (
    memoria_ensure,
    memoria_publish,
    memoria_save,
    memoria_sections_save,
    memoria_unpublish,
    reported_figure_delete,
    reported_figure_save,
)


@staff_required("memoria.view_memoria")
def memoria_list(request: HttpRequest) -> HttpResponse:
    editions = list(Edition.objects.order_by("-year").select_related("memoria"))
    rows = []
    for edition in editions:
        memoria = getattr(edition, "memoria", None)
        rows.append({"edition": edition, "memoria": memoria})
    return render(request, "backoffice/memoria/list.html", {"rows": rows})


def _figure_initial(memoria: Memoria) -> list[dict]:
    return [
        {
            "key": f.key, "value": f.value, "qualifier": f.qualifier, "source": f.source,
            "source_url": f.source_url, "note": f.note,
        }
        for f in sorted(memoria.figures.all(), key=lambda f: f.position)
    ]  # fmt: skip


@staff_required("memoria.change_memoria")
def memoria_edit(request: HttpRequest, edition: str) -> HttpResponse:
    current = get_object_or_404(Edition, slug=edition)
    memoria = memoria_ensure(edition=current, actor=request.user)
    if request.method == "POST":
        form = MemoriaTextForm(request.POST, memoria=memoria)
        formset = ReportedFigureFormSet(request.POST, prefix="cifras")
        if form.is_valid() and formset.is_valid():
            try:
                _save(request, memoria, form, formset)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Memoria guardada."))
                return redirect("backoffice:memoria_edit", edition=current.slug)
        messages.error(request, _("Revise los campos marcados; no se guardó nada."))
    else:
        form = MemoriaTextForm(memoria=memoria)
        formset = ReportedFigureFormSet(prefix="cifras", initial=_figure_initial(memoria))
    return render(
        request,
        "backoffice/memoria/edit.html",
        {"edition": current, "memoria": memoria, "form": form, "formset": formset},
    )


def _save(request: HttpRequest, memoria: Memoria, form: MemoriaTextForm, formset: Any) -> None:
    with transaction.atomic():
        subtitle = form.cleaned_data["subtitle"].strip()
        if subtitle != memoria.subtitle:
            memoria.subtitle = subtitle
            memoria_save(memoria=memoria, actor=request.user)
        memoria_sections_save(memoria=memoria, sections=form.sections(), actor=request.user)
        kept: set[str] = set()
        for figure_form in formset.forms:
            data = figure_form.cleaned_data
            if not data.get("key") or data.get("delete"):
                continue
            kept.add(data["key"])
            reported_figure_save(
                memoria=memoria, key=data["key"], value=data["value"], qualifier=data["qualifier"],
                source=data["source"], source_url=data["source_url"], note=data["note"],
                actor=request.user,
            )  # fmt: skip
        for figure in ReportedFigure.objects.filter(memoria=memoria).exclude(key__in=kept):
            reported_figure_delete(figure=figure, actor=request.user)


@staff_required("memoria.change_memoria")
@require_POST
def memoria_publication(request: HttpRequest, edition: str) -> HttpResponse:
    current = get_object_or_404(Edition, slug=edition)
    memoria = memoria_ensure(edition=current, actor=request.user)
    if request.POST.get("accion") == "publicar":
        memoria_publish(memoria=memoria, actor=request.user)
        messages.success(request, _("Memoria publicada."))
    else:
        memoria_unpublish(memoria=memoria, actor=request.user)
        messages.success(request, _("La memoria volvió a borrador: su texto ya no es público."))
    return redirect("backoffice:memoria_edit", edition=current.slug)


@staff_required("memoria.view_memoria")
def memoria_preview(request: HttpRequest, edition: str) -> HttpResponse:
    current = get_object_or_404(Edition, slug=edition)

    return render(
        request,
        "backoffice/memoria/preview.html",
        {
            "edition": current,
            "data": selectors.memoria_data(edition=current, preview=True),
            "public_url": public_base(),
        },
    )
