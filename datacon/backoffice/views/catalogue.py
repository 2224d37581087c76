"""Back-office screens of the platform's records that belong to no edition: a list, a
create/edit screen and a delete screen for every kind of datacon/backoffice/catalogue_kinds.py.

`/gestion/registros/<kind>/...` declares the `backoffice.*_catalogue_record`
rules, which ask the kind's own rule on the record (datacon/backoffice/
permissions.py). The policy's kinds keep their older addresses
(`/gestion/politica/registros/<kind>/...`, `policy.view` and
`policy.edit_record`): the same screens, limited to the policy's kinds.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Model
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseNotAllowed,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from datacon.backoffice.catalogue import (
    CatalogueKind,
    catalogue_act,
    catalogue_delete,
    catalogue_submit,
)
from datacon.backoffice.catalogue_kinds import KINDS, POLICY_SLUGS, kind_groups
from datacon.backoffice.deletion import deletion_preview
from datacon.common.access import allowed, rule_route
from datacon.common.actor import Actor

VIEW = "backoffice.view_catalogue_record"
EDIT = "backoffice.edit_catalogue_record"
DELETE = "backoffice.delete_catalogue_record"
PER_PAGE = 50


@dataclass(frozen=True)
class Screens:
    """The URL names a family of screens links to (the catalogue's, or the policy's)."""

    home: str
    home_label: str | Promise
    list: str
    new: str
    edit: str
    slugs: frozenset[str] | None = None  # None: every kind

    def kind(self, slug: str) -> CatalogueKind:
        kind = KINDS.get(slug)
        if kind is None or (self.slugs is not None and slug not in self.slugs):
            raise Http404("Tipo de registro desconocido")
        return kind


CATALOGUE = Screens(
    "backoffice:catalogue_home", gettext_lazy("Registros de la plataforma"),
    "backoffice:catalogue_records", "backoffice:catalogue_record_new",
    "backoffice:catalogue_record_edit",
)  # fmt: skip
POLICY = Screens(
    "backoffice:policy_home", gettext_lazy("Política nacional"),
    "backoffice:policy_records", "backoffice:policy_record_new",
    "backoffice:policy_record_edit", POLICY_SLUGS,
)  # fmt: skip


def record_new_from_url(*, kind: str, **_url: object) -> Model:
    """An unsaved record of the kind: the rules ask for its add_ permission."""
    return CATALOGUE.kind(kind).model()


def record_from_url(*, kind: str, pk: int, **_url: object) -> Model:
    """The stored record: the rules ask for its change_ or delete_ permission."""
    found: Model = get_object_or_404(CATALOGUE.kind(kind).model, pk=pk)
    return found


def _menu(actor: Actor, screens: Screens) -> list[tuple[str, list[CatalogueKind]]]:
    """The kinds this account may list, under their headings."""
    kinds = [
        kind
        for kind in KINDS.values()
        if (screens.slugs is None or kind.slug in screens.slugs)
        and allowed(actor, kind.view_rule, kind.model())
    ]
    return kind_groups(kinds)


@rule_route("editions.back_office")
def catalogue_home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "backoffice/catalogue/home.html",
        {"groups": _menu(Actor.of(request.user), CATALOGUE), "screens": CATALOGUE},
    )


def _list(request: HttpRequest, screens: Screens, kind: CatalogueKind) -> HttpResponse:
    page = Paginator(kind.records(), PER_PAGE).get_page(request.GET.get("pagina"))
    actor = Actor.of(request.user)
    first = page.object_list[0] if page.object_list else None
    return render(
        request,
        "backoffice/catalogue/list.html",
        {
            "kind": kind,
            "screens": screens,
            "groups": _menu(actor, screens),
            "page": page,
            "labels": kind.column_labels(),
            "rows": [(record, kind.row(record)) for record in page.object_list],
            "may_add": kind.may_add(actor),
            "may_change": first is not None and allowed(actor, kind.edit_rule, first),
        },
    )


def _edit(
    request: HttpRequest, screens: Screens, kind: CatalogueKind, record: Model
) -> HttpResponseBase:
    creating = record.pk is None
    if creating and not kind.may_add(Actor.of(request.user)):
        raise Http404("Este tipo de registro no se crea aquí")
    actor = Actor.of(request.user)
    locked = "" if creating else str(kind.locked(record))
    form = kind.form_class(actor)(request.POST or None, request.FILES or None, instance=record)
    for field in form.fields.values() if locked else ():
        field.disabled = True  # shown as it stands; a POST changes nothing
    if request.method == "POST" and not locked and form.is_valid():
        saved = catalogue_submit(kind=kind, form=form, actor=actor)
        if saved is not None:
            messages.success(
                request,
                (
                    _("Registro creado: «%(record)s».")
                    if creating
                    else _("Cambios guardados en «%(record)s».")
                )
                % {"record": saved},
            )
            return redirect(screens.list, kind=kind.slug)
    may_delete = (
        not creating and kind.deleter is not None and allowed(actor, kind.delete_rule, record)
    )
    return render(
        request,
        "backoffice/catalogue/form.html",
        {
            "kind": kind,
            "screens": screens,
            "groups": _menu(actor, screens),
            "record": None if creating else record,
            "form": form,
            "may_delete": may_delete,
            "locked": locked,
            "actions": [] if creating else [a for a in kind.actions if a.shown(record)],
        },
    )


@rule_route(VIEW, obj=record_new_from_url)
def catalogue_records(request: HttpRequest, kind: str) -> HttpResponse:
    return _list(request, CATALOGUE, CATALOGUE.kind(kind))


@rule_route(EDIT, obj=record_new_from_url)
def catalogue_record_new(request: HttpRequest, kind: str) -> HttpResponseBase:
    return _edit(request, CATALOGUE, CATALOGUE.kind(kind), request.access_object)  # type: ignore[attr-defined]


@rule_route(EDIT, obj=record_from_url)
def catalogue_record_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponseBase:
    return _edit(request, CATALOGUE, CATALOGUE.kind(kind), request.access_object)  # type: ignore[attr-defined]


@rule_route(DELETE, obj=record_from_url)
def catalogue_record_delete(request: HttpRequest, kind: str, pk: int) -> HttpResponseBase:
    """GET asks first, naming the record; POST deletes it through the kind's service."""
    record_kind = CATALOGUE.kind(kind)
    record: Model = request.access_object  # type: ignore[attr-defined]
    also, problems = deletion_preview(record)
    if request.method == "POST" and not problems:
        name = str(record)
        problems = catalogue_delete(kind=record_kind, record=record, actor=Actor.of(request.user))
        if not problems:
            messages.success(request, _("Registro borrado: «%(record)s».") % {"record": name})
            return redirect(CATALOGUE.list, kind=record_kind.slug)
    return render(
        request,
        "backoffice/catalogue/delete.html",
        {
            "kind": record_kind,
            "screens": CATALOGUE,
            "groups": _menu(Actor.of(request.user), CATALOGUE),
            "record": record,
            "problems": problems,
            "also": also,
            "cancel": reverse(CATALOGUE.edit, kwargs={"kind": record_kind.slug, "pk": record.pk}),
        },
        status=409 if problems and request.method == "POST" else 200,
    )


@rule_route(EDIT, obj=record_from_url)
def catalogue_record_action(
    request: HttpRequest, kind: str, pk: int, action: str
) -> HttpResponseBase:
    """POST: a step of the record beyond saving it (publish a notice...), through its service."""
    record_kind = CATALOGUE.kind(kind)
    step = record_kind.action(action)
    if step is None:
        raise Http404("Acción desconocida")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    record: Model = request.access_object  # type: ignore[attr-defined]
    result, problems = catalogue_act(
        kind=record_kind, action=step, record=record, actor=Actor.of(request.user)
    )
    for problem in problems:
        messages.error(request, problem)
    if result is not None:
        messages.success(request, str(step.done))
        record = result
    return redirect(CATALOGUE.edit, kind=record_kind.slug, pk=record.pk)


# --- the policy's older addresses: the same screens, the policy's kinds only ---------------


def policy_record_new_from_url(*, kind: str, **_url: object) -> Model:
    return POLICY.kind(kind).model()


def policy_record_from_url(*, kind: str, pk: int, **_url: object) -> Model:
    found: Model = get_object_or_404(POLICY.kind(kind).model, pk=pk)
    return found


@rule_route("policy.view")
def policy_records(request: HttpRequest, kind: str) -> HttpResponse:
    return _list(request, POLICY, POLICY.kind(kind))


@rule_route("policy.edit_record", obj=policy_record_new_from_url)
def policy_record_new(request: HttpRequest, kind: str) -> HttpResponseBase:
    return _edit(request, POLICY, POLICY.kind(kind), request.access_object)  # type: ignore[attr-defined]


@rule_route("policy.edit_record", obj=policy_record_from_url)
def policy_record_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponseBase:
    return _edit(request, POLICY, POLICY.kind(kind), request.access_object)  # type: ignore[attr-defined]
