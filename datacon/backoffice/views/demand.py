"""Organisers' and working groups' screens for the demand capability.

* the triage queue of information needs, and one screen per need to change its
  status (with its public reason), mark duplicates, attach a standard, name the
  institutions that hold the data, link where it came up, edit or moderate it;
* request imports and analysis runs are in `demand_imports.py`;
* candidate datasets, promoted into the registry in one click;
* standards and institution merges.

Every write goes through the demand services; views only parse forms.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from datacon.common.access import rule_route
from datacon.common.actor import Actor
from datacon.common.forms import service_errors_to_form
from datacon.demand import catalogue, promotion, services
from datacon.demand.forms import (
    HideForm,
    HoldersForm,
    MentionForm,
    NeedEditForm,
    StandardChoiceForm,
    StandardForm,
    TriageForm,
)
from datacon.demand.mentions import mention_kind
from datacon.demand.models import (
    DatasetCandidate,
    DataStandard,
    DemandDimension,
    InformationNeed,
    Institution,
    MonthlyDemand,
    NeedMention,
    NeedStatus,
)
from datacon.demand.selectors import candidates_ranked

TRIAGE = "demand.triage"


def need_from_url(pk: int, **_mention: int) -> InformationNeed:
    return get_object_or_404(
        InformationNeed.objects.select_related("standard", "duplicate_of"), pk=pk
    )


def _need(request: HttpRequest) -> InformationNeed:
    need: InformationNeed = request.access_object  # type: ignore[attr-defined]
    return need


# --- triage ----------------------------------------------------------------------------------------


@rule_route(TRIAGE)
def triage_queue(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("estado", NeedStatus.PROPOSED)
    if status not in (*NeedStatus.values, "todas", "ocultas"):
        status = NeedStatus.PROPOSED
    needs = (
        InformationNeed.objects.annotate(support_count=Count("supports", distinct=True))
        .select_related("standard", "duplicate_of")
        .prefetch_related("holders")
    )
    if status == "ocultas":
        needs = needs.filter(is_hidden=True)
    elif status != "todas":
        needs = needs.filter(status=status, is_hidden=False)
    query = (request.GET.get("q") or "").strip()[:100]
    if query:
        needs = needs.filter(Q(title__icontains=query) | Q(description__icontains=query))
    counts = dict(
        InformationNeed.objects.filter(is_hidden=False)
        .values("status")
        .annotate(total=Count("id"))
        .values_list("status", "total")
    )
    page = Paginator(needs.order_by("-support_count", "created_at"), 50).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "backoffice/demand/triage_queue.html",
        {
            "page": page,
            "status": status,
            "query": query,
            "statuses": [
                (value, label, counts.get(value, 0)) for value, label in NeedStatus.choices
            ],
            "hidden_count": InformationNeed.objects.filter(is_hidden=True).count(),
        },
    )


def _need_context(need: InformationNeed, **forms: Any) -> dict[str, Any]:
    mentions = list(need.mentions.select_related("content_type").order_by("created_at"))
    rows = []
    for mention in mentions:
        kind = mention_kind(f"{mention.content_type.app_label}.{mention.content_type.model}")
        target = mention.target
        rows.append(
            (
                mention,
                str(kind.label) if kind else mention.content_type.model,
                str(target) if target is not None else _("(registro eliminado)"),
            )
        )
    return {
        "need": need,
        "support_count": need.supports.count(),
        "events": list(need.events.order_by("-at", "-id")),
        "mention_rows": rows,
        "triage_form": forms.get("triage_form")
        or TriageForm(
            need=need,
            initial={
                "status": need.status,
                "reason": need.status_reason,
                "duplicate_of": need.duplicate_of_id,
                "opened_url": need.opened_url,
            },
        ),
        "edit_form": forms.get("edit_form") or NeedEditForm(instance=need),
        "standard_form": forms.get("standard_form")
        or StandardChoiceForm(initial={"standard": need.standard_id}),
        "holders_form": forms.get("holders_form")
        or HoldersForm(initial={"institutions": list(need.holders.values_list("pk", flat=True))}),
        "mention_form": forms.get("mention_form") or MentionForm(),
        "hide_form": forms.get("hide_form") or HideForm(),
        "candidates": list(need.candidates.select_related("institution")),
    }


def _render_need(
    request: HttpRequest, need: InformationNeed, status: int = 200, **forms: Any
) -> HttpResponse:
    return render(
        request, "backoffice/demand/need_triage.html", _need_context(need, **forms), status=status
    )


@rule_route(TRIAGE, obj=need_from_url)
def need_triage(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_need(request, _need(request))


@rule_route(TRIAGE, obj=need_from_url)
@require_POST
def need_status(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need(request)
    form = TriageForm(request.POST, need=need)
    if not form.is_valid():
        return _render_need(request, need, status=400, triage_form=form)
    data = form.cleaned_data
    try:
        services.need_status_set(
            need=need,
            status=data["status"],
            reason=data["reason"],
            duplicate_of=data["duplicate_of"],
            opened_url=data["opened_url"],
            actor=Actor.of(request.user),
        )
    except ValidationError as error:
        service_errors_to_form(form, error)
        return _render_need(request, need, status=400, triage_form=form)
    messages.success(request, _("Estado actualizado."))
    return redirect("backoffice:demand_need", pk=need.pk)


@rule_route(TRIAGE, obj=need_from_url)
@require_POST
def need_edit(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need(request)
    form = NeedEditForm(request.POST, instance=InformationNeed.objects.get(pk=pk))
    if not form.is_valid():
        return _render_need(request, need, status=400, edit_form=form)
    services.need_update(
        need=need,
        actor=Actor.of(request.user),
        **{name: form.cleaned_data[name] for name in services.EDITABLE_FIELDS},
    )
    messages.success(request, _("Cambios guardados."))
    return redirect("backoffice:demand_need", pk=need.pk)


@rule_route(TRIAGE, obj=need_from_url)
@require_POST
def need_standard(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need(request)
    form = StandardChoiceForm(request.POST)
    if not form.is_valid():
        return _render_need(request, need, status=400, standard_form=form)
    services.need_standard_set(
        need=need, standard=form.cleaned_data["standard"], actor=Actor.of(request.user)
    )
    messages.success(request, _("Estándar actualizado."))
    return redirect("backoffice:demand_need", pk=need.pk)


@rule_route(TRIAGE, obj=need_from_url)
@require_POST
def need_holders(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need(request)
    form = HoldersForm(request.POST)
    if not form.is_valid():
        return _render_need(request, need, status=400, holders_form=form)
    services.need_holders_set(
        need=need, institutions=form.cleaned_data["institutions"], actor=Actor.of(request.user)
    )
    messages.success(request, _("Instituciones actualizadas."))
    return redirect("backoffice:demand_need", pk=need.pk)


@rule_route(TRIAGE, obj=need_from_url)
@require_POST
def need_mention_add(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need(request)
    form = MentionForm(request.POST)
    if not form.is_valid():
        return _render_need(request, need, status=400, mention_form=form)
    model, object_id = form.cleaned_data["target"]
    from django.apps import apps

    target = apps.get_model(model)._default_manager.filter(pk=object_id).first()
    if target is None:
        form.add_error("target", _("Ese registro ya no existe."))
        return _render_need(request, need, status=400, mention_form=form)
    try:
        services.need_mention_add(
            need=need,
            target=target,
            note=form.cleaned_data["note"],
            actor=Actor.of(request.user),
        )
    except ValidationError as error:
        form.add_error("target", error)
        return _render_need(request, need, status=400, mention_form=form)
    messages.success(request, _("Vínculo agregado."))
    return redirect("backoffice:demand_need", pk=need.pk)


@rule_route(TRIAGE, obj=need_from_url)
@require_POST
def need_mention_remove(request: HttpRequest, pk: int, mention: int) -> HttpResponse:
    item = get_object_or_404(NeedMention, pk=mention, need_id=pk)
    services.need_mention_remove(mention=item, actor=Actor.of(request.user))
    messages.success(request, _("Vínculo quitado."))
    return redirect("backoffice:demand_need", pk=pk)


@rule_route(TRIAGE, obj=need_from_url)
@require_POST
def need_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need(request)
    if request.POST.get("accion") == "mostrar":
        services.need_visibility_set(need=need, hidden=False, actor=Actor.of(request.user))
        messages.success(request, _("La necesidad es visible de nuevo."))
        return redirect("backoffice:demand_need", pk=need.pk)
    form = HideForm(request.POST)
    if not form.is_valid():
        return _render_need(request, need, status=400, hide_form=form)
    services.need_visibility_set(
        need=need, hidden=True, reason=form.cleaned_data["reason"], actor=Actor.of(request.user)
    )
    messages.success(request, _("La necesidad quedó oculta al público."))
    return redirect("backoffice:demand_need", pk=need.pk)


# --- candidates ------------------------------------------------------------------------------------


@rule_route(TRIAGE)
def candidate_list(request: HttpRequest) -> HttpResponse:
    slug = (request.GET.get("institucion") or "")[:80]
    institution = Institution.objects.filter(slug=slug).first() if slug else None
    page = Paginator(candidates_ranked(institution=institution), 50).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "backoffice/demand/candidates.html",
        {"page": page, "institution": institution},
    )


def candidate_from_url(pk: int) -> DatasetCandidate:
    return get_object_or_404(DatasetCandidate, pk=pk)


@rule_route(TRIAGE, obj=candidate_from_url)
@require_POST
def candidate_promote(request: HttpRequest, pk: int) -> HttpResponse:
    candidate: DatasetCandidate = request.access_object  # type: ignore[attr-defined]
    already = candidate.promoted_need_id is not None
    need = promotion.candidate_promote(candidate=candidate, actor=Actor.of(request.user))
    if already:
        messages.info(request, _("Ese candidato ya estaba en el registro."))
    else:
        messages.success(
            request,
            _("«%(title)s» está ahora en el registro. Revise su título, sector y descripción.")
            % {"title": need.title},
        )
    return redirect("backoffice:demand_need", pk=need.pk)


# --- standards and institutions ----------------------------------------------------------------------


@rule_route("demand.view_standards")
def standard_list(request: HttpRequest) -> HttpResponse:
    standards = DataStandard.objects.annotate(need_count=Count("needs")).order_by("name")
    return render(request, "backoffice/demand/standards.html", {"standards": standards})


def standard_from_url(pk: int | None = None) -> DataStandard:
    return get_object_or_404(DataStandard, pk=pk) if pk else DataStandard()


@rule_route("demand.edit_standards", obj=standard_from_url)
def standard_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    standard: DataStandard = request.access_object  # type: ignore[attr-defined]
    form = StandardForm(request.POST or None, instance=standard)
    if request.method == "POST" and form.is_valid():
        instance = form.save(commit=False)
        instance.fields = form.cleaned_data["fields_text"]
        try:
            catalogue.standard_save(standard=instance, actor=Actor.of(request.user))
        except ValidationError as error:
            service_errors_to_form(form, error)
        else:
            messages.success(request, _("Estándar guardado."))
            return redirect("backoffice:demand_standards")
    return render(
        request,
        "backoffice/demand/standard_form.html",
        {"form": form, "standard": standard},
        status=400 if request.method == "POST" else 200,
    )


@rule_route("demand.edit_institutions")
def institution_list(request: HttpRequest) -> HttpResponse:
    # Request counts from the monthly table, not by counting a million requests.
    totals = dict(
        MonthlyDemand.objects.filter(dimension=DemandDimension.INSTITUTION)
        .values("key")
        .annotate(total=Sum("requests"))
        .values_list("key", "total")
    )
    institutions = list(Institution.objects.prefetch_related("aliases").order_by("name"))
    for institution in institutions:
        institution.request_count = totals.get(str(institution.pk), 0)  # type: ignore[attr-defined]
    return render(request, "backoffice/demand/institutions.html", {"institutions": institutions})


@rule_route("demand.merge_institutions")
@require_POST
def institution_merge(request: HttpRequest) -> HttpResponse:
    source = Institution.objects.filter(pk=request.POST.get("source") or 0).first()
    target = Institution.objects.filter(pk=request.POST.get("target") or 0).first()
    if source is None or target is None:
        messages.error(request, _("Elija las dos instituciones."))
        return redirect("backoffice:demand_institutions")
    try:
        catalogue.institution_merge(source=source, target=target, actor=Actor.of(request.user))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("«%(source)s» se unió a «%(target)s»; su nombre queda como otra forma de escribirla.")
            % {"source": source.name, "target": target.name},
        )
    return redirect("backoffice:demand_institutions")
