"""Back-office screens of the policy process's records: one list, one create/edit screen.

Processes, meetings, agreements, expenses, commitments, progress reports, year
assessments, contacts, working groups and documents share the
same two views, driven by `KINDS` (the URL's kind → model, form and titles).
Saving goes through `policy_record_save` (each record's own service, in the
unit of work); who may add or change a kind is `policy.edit_record`, made of
the Django permissions the platform's groups hold (datacon/policy/roles.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from datacon.common.access import allowed, rule_route
from datacon.common.actor import Actor
from datacon.common.forms import service_errors_to_form
from datacon.policy.forms import (
    AgreementRecordForm,
    CommitmentRecordForm,
    ContactRecordForm,
    DocumentRecordForm,
    ExpenseRecordForm,
    GroupRecordForm,
    MeetingRecordForm,
    ProcessRecordForm,
    ProgressReportRecordForm,
    YearAssessmentRecordForm,
)
from datacon.policy.services import policy_record_save

EDIT = "policy.edit_record"
PER_PAGE = 50


@dataclass(frozen=True)
class RecordKind:
    slug: str
    form: type[forms.ModelForm]  # type: ignore[type-arg]
    plural: str | Promise
    new_title: str | Promise
    ordering: tuple[str, ...]
    related: tuple[str, ...] = ()

    @property
    def model(self) -> type[Model]:
        model = self.form._meta.model
        assert model is not None
        return model


KINDS: dict[str, RecordKind] = {
    kind.slug: kind
    for kind in (
        RecordKind(
            "procesos",
            ProcessRecordForm,
            gettext_lazy("Procesos"),
            gettext_lazy("Nuevo proceso"),
            ("-created_at", "-id"),
        ),
        RecordKind(
            "reuniones",
            MeetingRecordForm,
            gettext_lazy("Reuniones"),
            gettext_lazy("Nueva reunión"),
            ("-starts_at", "-id"),
            ("process",),
        ),
        RecordKind(
            "acuerdos",
            AgreementRecordForm,
            gettext_lazy("Acuerdos"),
            gettext_lazy("Nuevo acuerdo"),
            ("-meeting__starts_at", "number"),
            ("meeting",),
        ),
        RecordKind(
            "gastos",
            ExpenseRecordForm,
            gettext_lazy("Gastos"),
            gettext_lazy("Nuevo gasto"),
            ("-spent_on", "-id"),
            ("process",),
        ),
        RecordKind(
            "compromisos",
            CommitmentRecordForm,
            gettext_lazy("Compromisos"),
            gettext_lazy("Nuevo compromiso"),
            ("code", "id"),
            ("process",),
        ),
        RecordKind(
            "avances",
            ProgressReportRecordForm,
            gettext_lazy("Avances de compromisos"),
            gettext_lazy("Nuevo avance"),
            ("-reported_on", "-id"),
            ("commitment",),
        ),
        RecordKind(
            "valoraciones",
            YearAssessmentRecordForm,
            gettext_lazy("Valoraciones anuales"),
            gettext_lazy("Nueva valoración anual"),
            ("-year", "-id"),
            ("process",),
        ),
        RecordKind(
            "contactos",
            ContactRecordForm,
            gettext_lazy("Contactos responsables"),
            gettext_lazy("Nuevo contacto"),
            ("process", "order", "name"),
            ("process",),
        ),
        RecordKind(
            "grupos",
            GroupRecordForm,
            gettext_lazy("Grupos de trabajo"),
            gettext_lazy("Nuevo grupo"),
            ("process", "order", "name"),
            ("process",),
        ),
        RecordKind(
            "documentos",
            DocumentRecordForm,
            gettext_lazy("Documentos"),
            gettext_lazy("Nuevo documento"),
            ("process", "order", "title"),
            ("process",),
        ),
    )
}


def _kind(slug: str) -> RecordKind:
    kind = KINDS.get(slug)
    if kind is None:
        raise Http404("Tipo de registro desconocido")
    return kind


def record_new_from_url(*, kind: str, **_url: object) -> Model:
    """An unsaved record of the kind: `policy.edit_record` then asks for its add_ permission."""
    return _kind(kind).model()


def record_from_url(*, kind: str, pk: int, **_url: object) -> Model:
    """The stored record: `policy.edit_record` then asks for its change_ permission."""
    found: Model = get_object_or_404(_kind(kind).model, pk=pk)
    return found


@rule_route("policy.view")
def policy_records(request: HttpRequest, kind: str) -> HttpResponse:
    record_kind = _kind(kind)
    records = (
        record_kind.model._default_manager.select_related(*record_kind.related)
        .all()
        .order_by(*record_kind.ordering)
    )
    page = Paginator(records, PER_PAGE).get_page(request.GET.get("pagina"))
    actor = Actor.of(request.user)
    return render(
        request,
        "backoffice/policy/records.html",
        {
            "kind": record_kind,
            "kinds": KINDS.values(),
            "page": page,
            "may_add": allowed(actor, EDIT, record_kind.model()),
            "may_change": bool(page.object_list) and allowed(actor, EDIT, page.object_list[0]),
        },
    )


def _edit(request: HttpRequest, kind: RecordKind, record: Model) -> HttpResponseBase:
    creating = record.pk is None
    form = kind.form(request.POST or None, request.FILES or None, instance=record)
    if request.method == "POST" and form.is_valid():
        try:
            saved = policy_record_save(record=form.save(commit=False), actor=Actor.of(request.user))
        except ValidationError as error:
            service_errors_to_form(form, error)
        else:
            messages.success(
                request,
                (
                    _("Registro creado: «%(record)s».")
                    if creating
                    else _("Cambios guardados en «%(record)s».")
                )
                % {"record": saved},
            )
            return redirect("backoffice:policy_records", kind=kind.slug)
    return render(
        request,
        "backoffice/policy/record_form.html",
        {"kind": kind, "record": None if creating else record, "form": form},
    )


@rule_route(EDIT, obj=record_new_from_url)
def policy_record_new(request: HttpRequest, kind: str) -> HttpResponseBase:
    return _edit(request, _kind(kind), request.access_object)  # type: ignore[attr-defined]


@rule_route(EDIT, obj=record_from_url)
def policy_record_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponseBase:
    return _edit(request, _kind(kind), request.access_object)  # type: ignore[attr-defined]
