"""Back-office screens of an edition's configuration: its own data, and one list and
one create/edit screen for every kind of record in datacon/backoffice/record_kinds.py.

The screens are for the edition's organisers (`editions.organise` on the URL's
edition: another edition's organiser gets a 403); each kind's own rule is asked
again on the edition, and its service asks it when saving. A record of another
edition is a 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from datacon.backoffice.deletion import deletion_preview
from datacon.backoffice.record_kinds import EDITION_SETTINGS, KINDS
from datacon.backoffice.records import RecordKind, record_form, record_remove, record_submit
from datacon.common.access import require, rule_route
from datacon.common.actor import Actor
from datacon.common.bilingual import english_name
from datacon.editions.models import Edition
from datacon.editions.selectors import edition_from_url

ORGANISE = "editions.organise"
PER_PAGE = 50


def _current(request: HttpRequest) -> Edition:
    edition = request.access_object  # type: ignore[attr-defined]
    assert isinstance(edition, Edition)
    return edition


def _kind(request: HttpRequest, slug: str, edition: Edition) -> RecordKind:
    kind = KINDS.get(slug)
    if kind is None:
        raise Http404("Tipo de registro desconocido")
    require(Actor.of(request.user), kind.rule, edition)
    return kind


def _english_names(kind: RecordKind) -> set[str]:
    return {english_name(name) for name in getattr(kind.model, "TRANSLATED_FIELDS", ())}


def _edit(
    request: HttpRequest,
    *,
    kind: RecordKind,
    edition: Edition,
    record: Model,
    done: str,
    title: Any,
) -> HttpResponseBase:
    with timezone.override(edition.tz):
        return _edit_in_edition_tz(
            request, kind=kind, edition=edition, record=record, done=done, title=title
        )


def _edit_in_edition_tz(
    request: HttpRequest,
    *,
    kind: RecordKind,
    edition: Edition,
    record: Model,
    done: str,
    title: Any,
) -> HttpResponseBase:
    creating = record.pk is None
    form = record_form(kind, edition, record, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        saved = record_submit(kind=kind, edition=edition, form=form, actor=Actor.of(request.user))
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
            return redirect(done)
    english = _english_names(kind)
    return render(
        request,
        "backoffice/records/form.html",
        {
            "edition": edition,
            "kind": kind,
            "kinds": KINDS.values(),
            "form": form,
            "title": title,
            "fields": [field for field in form if field.name not in english],
            "english_fields": [field for field in form if field.name in english],
            "cancel": done,
            "delete_url": (
                reverse(
                    "backoffice:edition_record_delete",
                    kwargs={"edition": edition.slug, "kind": kind.slug, "pk": record.pk},
                )
                if kind.deletable and record.pk is not None
                else ""
            ),
            "section": "configuration",
        },
    )


@rule_route(ORGANISE, obj=edition_from_url)
def edition_settings(request: HttpRequest, edition: str) -> HttpResponseBase:
    current = _current(request)
    return _edit(
        request,
        kind=EDITION_SETTINGS,
        edition=current,
        record=current,
        done=request.path,
        title=_("Datos de la edición"),
    )


@rule_route(ORGANISE, obj=edition_from_url)
def edition_records(request: HttpRequest, edition: str, kind: str) -> HttpResponse:
    current = _current(request)
    record_kind = _kind(request, kind, current)
    page = Paginator(record_kind.records(current), PER_PAGE).get_page(request.GET.get("pagina"))
    with timezone.override(current.tz):
        return render(
            request,
            "backoffice/records/list.html",
            {
                "edition": current,
                "kind": record_kind,
                "kinds": KINDS.values(),
                "page": page,
                "labels": record_kind.column_labels(),
                "rows": [(record, record_kind.row(record)) for record in page.object_list],
                "section": "configuration",
            },
        )


@rule_route(ORGANISE, obj=edition_from_url)
def edition_record_new(request: HttpRequest, edition: str, kind: str) -> HttpResponseBase:
    current = _current(request)
    record_kind = _kind(request, kind, current)
    if record_kind.new_title is None:
        raise Http404("Este tipo de registro no se crea aquí")
    return _edit(
        request,
        kind=record_kind,
        edition=current,
        record=record_kind.new_record(current),
        done=_list_url(current, record_kind),
        title=record_kind.new_title,
    )


@rule_route(ORGANISE, obj=edition_from_url)
def edition_record_edit(request: HttpRequest, edition: str, kind: str, pk: int) -> HttpResponseBase:
    current = _current(request)
    record_kind = _kind(request, kind, current)
    record = get_object_or_404(record_kind.records(current), pk=pk)
    return _edit(
        request,
        kind=record_kind,
        edition=current,
        record=record,
        done=_list_url(current, record_kind),
        title=str(record),
    )


@rule_route(ORGANISE, obj=edition_from_url)
def edition_record_delete(
    request: HttpRequest, edition: str, kind: str, pk: int
) -> HttpResponseBase:
    """GET: what will be deleted, and a button; POST: delete it (or say what depends on it)."""
    current = _current(request)
    record_kind = _kind(request, kind, current)
    if not record_kind.deletable:
        raise Http404("Este tipo de registro no se borra aquí")
    record = get_object_or_404(record_kind.records(current), pk=pk)
    done = _list_url(current, record_kind)
    also, problems = deletion_preview(record)
    if request.method == "POST" and not problems:
        name = str(record)
        problems = record_remove(
            kind=record_kind, edition=current, record=record, actor=Actor.of(request.user)
        )
        if not problems:
            messages.success(request, _("Registro borrado: «%(record)s».") % {"record": name})
            return redirect(done)
    return render(
        request,
        "backoffice/records/delete.html",
        {
            "edition": current,
            "kind": record_kind,
            "kinds": KINDS.values(),
            "record": record,
            "also": also,
            "problems": problems,
            "cancel": done,
            "section": "configuration",
        },
        status=409 if problems and request.method == "POST" else 200,
    )


def _list_url(edition: Edition, kind: RecordKind) -> str:
    return reverse(
        "backoffice:edition_records", kwargs={"edition": edition.slug, "kind": kind.slug}
    )
