"""Back-office screen of a session's materials: slides, videos, documents, reports.

For the edition's organisers (`program.materials`); reached from the session's
page in the schedule builder. What is added shows on the session's public page.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from datacon.common.access import rule_route
from datacon.common.actor import Actor
from datacon.common.forms import service_errors_to_form
from datacon.common.query import query_int
from datacon.editions.models import Edition
from datacon.editions.selectors import edition_from_url
from datacon.program.forms import MaterialForm
from datacon.program.models import Material, Session
from datacon.program.services import MATERIALS, material_remove, material_save


@rule_route(MATERIALS, obj=edition_from_url)
def session_materials(request: HttpRequest, edition: str, pk: int) -> HttpResponseBase:
    current = request.access_object  # type: ignore[attr-defined]
    assert isinstance(current, Edition)
    session = get_object_or_404(
        Session.objects.select_related("session_type"), pk=pk, edition=current
    )
    here = redirect("backoffice:proposals_materials", edition=current.slug, pk=session.pk)
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "remove":
        raw = request.POST.get("material", "")
        material = get_object_or_404(Material, pk=query_int(raw, default=0), session=session)
        material_remove(material=material, actor=Actor.of(request.user))
        messages.success(request, _("Se quitó «%(title)s».") % {"title": material})
        return here
    form = MaterialForm(
        request.POST if action == "add" else None,
        request.FILES if action == "add" else None,
    )
    if action == "add" and form.is_valid():
        material = form.save(commit=False)
        material.session = session
        try:
            material_save(material=material, actor=Actor.of(request.user))
        except ValidationError as error:
            service_errors_to_form(form, error)
        else:
            messages.success(request, _("Material añadido: «%(title)s».") % {"title": material})
            return here
    return render(
        request,
        "backoffice/proposals/materials.html",
        {
            "edition": current,
            "session": session,
            "materials": list(session.materials.order_by("order", "id")),
            "form": form,
            "section": "schedule",
        },
    )
