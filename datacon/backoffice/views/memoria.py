"""Back office for memorias: write the narrative, record reported figures, preview, publish.

Back-office readers see the list and previews (`memoria.view`); organisers of
the edition write and publish (`memoria.edit`).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from datacon.common.access import rule_route
from datacon.common.actor import Actor
from datacon.common.forms import service_errors_to_form
from datacon.common.urls import public_base
from datacon.editions.models import Edition
from datacon.editions.selectors import edition_from_url
from datacon.memoria import selectors
from datacon.memoria.forms import MemoriaTextForm, ReportedFigureFormSet
from datacon.memoria.models import Memoria
from datacon.memoria.services import (
    FigureInput,
    memoria_contents_save,
    memoria_ensure,
    memoria_publish,
    memoria_unpublish,
)


def _edition(request: HttpRequest) -> Edition:
    edition: Edition = request.access_object  # type: ignore[attr-defined]
    return edition


@rule_route("memoria.view")
def memoria_list(request: HttpRequest) -> HttpResponse:
    editions = list(Edition.objects.order_by("-year").select_related("memoria"))
    rows = []
    for edition in editions:
        memoria = getattr(edition, "memoria", None)
        rows.append({"edition": edition, "memoria": memoria})
    return render(request, "backoffice/memoria/list.html", {"rows": rows})


def _figure_initial(memoria: Memoria) -> list[dict[str, Any]]:
    return [
        {
            "key": f.key, "value": f.value, "qualifier": f.qualifier, "source": f.source,
            "source_url": f.source_url, "note": f.note,
        }
        for f in sorted(memoria.figures.all(), key=lambda f: f.position)
    ]  # fmt: skip


@rule_route("memoria.edit", obj=edition_from_url)
def memoria_edit(request: HttpRequest, edition: str) -> HttpResponseBase:
    current = _edition(request)
    actor = Actor.of(request.user)
    memoria = memoria_ensure(edition=current, actor=actor)
    if request.method == "POST":
        form = MemoriaTextForm(request.POST, memoria=memoria)
        formset = ReportedFigureFormSet(request.POST, prefix="cifras")
        if form.is_valid() and formset.is_valid():
            try:
                memoria_contents_save(
                    memoria=memoria,
                    subtitle=form.cleaned_data["subtitle"],
                    sections=form.sections(),
                    subtitle_en=form.cleaned_data["subtitle_en"],
                    english=form.english(),
                    figures=_figures(formset),
                    actor=actor,
                )
            except ValidationError as error:
                service_errors_to_form(form, error)
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


def _figures(formset: Any) -> list[FigureInput]:
    """The figures the editor keeps (rows without an indicator or marked to remove drop out)."""
    figures = []
    for figure_form in formset.forms:
        data = figure_form.cleaned_data
        if data.get("key") and not data.get("delete"):
            figures.append(
                FigureInput(
                    key=data["key"],
                    value=data["value"],
                    qualifier=data["qualifier"],
                    source=data["source"],
                    source_url=data["source_url"],
                    note=data["note"],
                )
            )
    return figures


@rule_route("memoria.edit", obj=edition_from_url)
@require_POST
def memoria_publication(request: HttpRequest, edition: str) -> HttpResponseBase:
    current = _edition(request)
    actor = Actor.of(request.user)
    memoria = memoria_ensure(edition=current, actor=actor)
    if request.POST.get("accion") == "publicar":
        memoria_publish(memoria=memoria, actor=actor)
        messages.success(request, _("Memoria publicada."))
    else:
        memoria_unpublish(memoria=memoria, actor=actor)
        messages.success(request, _("La memoria volvió a borrador: su texto ya no es público."))
    return redirect("backoffice:memoria_edit", edition=current.slug)


@rule_route("memoria.view", obj=edition_from_url)
def memoria_preview(request: HttpRequest, edition: str) -> HttpResponseBase:
    current = _edition(request)

    return render(
        request,
        "backoffice/memoria/preview.html",
        {
            "edition": current,
            "data": selectors.memoria_data(edition=current, preview=True),
            "public_url": public_base(),
        },
    )
