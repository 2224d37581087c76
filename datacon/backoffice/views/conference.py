"""Back-office screens of the conference core: the start page, an edition's
co-conveners and venue candidates, and a new edition from the last one.

The start page is for anyone with a back-office duty and lists only the
editions they may act on; an edition's screens are for its organisers
(`editions.organise`), whatever edition they organise elsewhere.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from datacon.common.access import rule_route
from datacon.common.actor import Actor
from datacon.common.forms import service_errors_to_form
from datacon.common.query import query_int
from datacon.editions import venue_selectors
from datacon.editions.copying import edition_new_from
from datacon.editions.forms import EditionCopyForm, VenueCandidateForm
from datacon.editions.models import (
    CoConvenerApplication,
    CoConvenerStatus,
    Edition,
    VenueCandidate,
    VenueCandidateStatus,
    VenueCriterion,
)
from datacon.editions.permissions import editions_for_back_office, editions_organised_by
from datacon.editions.selectors import edition_from_url
from datacon.editions.services import (
    co_convener_decide,
    venue_candidate_save,
    venue_candidate_scores_save,
    venue_candidate_status_set,
)

ORGANISE = "editions.organise"


def _current(request: HttpRequest) -> Edition:
    edition = request.access_object  # type: ignore[attr-defined]
    assert isinstance(edition, Edition)
    return edition


def _int(value: str | None) -> int | None:
    return query_int(value)


@rule_route("editions.back_office")
def home(request: HttpRequest) -> HttpResponse:
    editions = list(
        editions_for_back_office(request.user)
        .order_by("-year")
        .only("pk", "slug", "title", "year", "status")
    )
    return render(request, "backoffice/home.html", {"editions": editions})


# --- co-conveners ------------------------------------------------------------------------


@rule_route(ORGANISE, obj=edition_from_url)
def co_conveners(request: HttpRequest, edition: str) -> HttpResponseBase:
    current = _current(request)
    if request.method == "POST":
        application = get_object_or_404(
            CoConvenerApplication, pk=_int(request.POST.get("application")), edition=current
        )
        approve = request.POST.get("decision") == "approve"
        try:
            co_convener_decide(
                application=application,
                approve=approve,
                actor=Actor.of(request.user),
                note=request.POST.get("note", ""),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(name)s ya aparece como organización co-convocante.")
                % {"name": application.organisation_name}
                if approve
                else _("Solicitud no aprobada."),
            )
        return redirect("backoffice:proposals_co_conveners", edition=current.slug)
    applications = list(
        CoConvenerApplication.objects.filter(edition=current)
        .select_related("organisation", "decided_by")
        .order_by("status", "-created_at")
    )
    return render(
        request,
        "backoffice/proposals/co_conveners.html",
        {
            "edition": current,
            "pending": [a for a in applications if a.status == CoConvenerStatus.PENDING],
            "decided": [a for a in applications if a.status != CoConvenerStatus.PENDING],
            "section": "co_conveners",
        },
    )


# --- venue candidates -------------------------------------------------------------------


@rule_route(ORGANISE, obj=edition_from_url)
def venue_candidates(request: HttpRequest, edition: str) -> HttpResponseBase:
    current = _current(request)
    form = VenueCandidateForm(request.POST or None)
    if request.method == "POST" and request.POST.get("action") == "status":
        candidate = get_object_or_404(
            VenueCandidate, pk=_int(request.POST.get("candidate")), edition=current
        )
        status = request.POST.get("status", "")
        if status in VenueCandidateStatus.values:
            venue_candidate_status_set(
                candidate=candidate, status=status, actor=Actor.of(request.user)
            )
            messages.success(request, _("Estado actualizado."))
        return redirect("backoffice:proposals_venues", edition=current.slug)
    if request.method == "POST" and form.is_valid():
        candidate = form.save(commit=False)
        candidate.edition = current
        try:
            venue_candidate_save(candidate=candidate, actor=Actor.of(request.user))
        except ValidationError as error:
            service_errors_to_form(form, error)
        else:
            messages.success(request, _("Entidad candidata añadida; califíquela en sus criterios."))
            return redirect("backoffice:proposals_venue", edition=current.slug, pk=candidate.pk)
    return render(
        request,
        "backoffice/proposals/venues.html",
        {
            "edition": current,
            "comparison": venue_selectors.venue_comparison(edition=current),
            "form": form,
            "section": "venues",
        },
    )


@rule_route(ORGANISE, obj=edition_from_url)
def venue_candidate(request: HttpRequest, edition: str, pk: int) -> HttpResponseBase:
    current = _current(request)
    candidate = get_object_or_404(
        VenueCandidate.objects.prefetch_related("scores"), pk=pk, edition=current
    )
    stored = {s.criterion: s for s in candidate.scores.all()}
    errors: dict[str, list[str]] = {}
    values: dict[str, dict[str, Any]] = {}
    for criterion in VenueCriterion.values:
        row = stored.get(criterion)
        values[criterion] = {
            "score": row.score if row else None,
            "evidence": row.evidence if row else "",
            "evidence_url": row.evidence_url if row else "",
        }
    if request.method == "POST":
        for criterion in VenueCriterion.values:
            raw_score = (request.POST.get(f"{criterion}-score") or "").strip()
            score: int | None = None
            if raw_score:
                try:
                    score = int(raw_score)
                except ValueError:
                    errors.setdefault(f"{criterion}-score", []).append(
                        _("Escriba un número entero del 1 al 5.")
                    )
            values[criterion] = {
                "score": score if score is not None else raw_score or None,
                "evidence": request.POST.get(f"{criterion}-evidence", ""),
                "evidence_url": request.POST.get(f"{criterion}-evidence_url", ""),
            }
        if not errors:
            try:
                venue_candidate_scores_save(
                    candidate=candidate,
                    scores={
                        key: {
                            **value,
                            "score": value["score"] if isinstance(value["score"], int) else None,
                        }
                        for key, value in values.items()
                    },
                    actor=Actor.of(request.user),
                )
            except ValidationError as error:
                errors = error.message_dict
            else:
                messages.success(request, _("Puntuaciones guardadas."))
                return redirect("backoffice:proposals_venues", edition=current.slug)
    rows = [
        {
            "key": key,
            "label": label,
            "values": values[key],
            "errors": errors.get(f"{key}-score", []) + errors.get(f"{key}-evidence_url", []),
        }
        for key, label in VenueCriterion.choices
    ]
    return render(
        request,
        "backoffice/proposals/venue.html",
        {"edition": current, "candidate": candidate, "rows": rows, "section": "venues"},
    )


# --- a new edition from the last one -----------------------------------------------------


@rule_route("editions.create")
def edition_copy(request: HttpRequest) -> HttpResponseBase:
    last = editions_organised_by(request.user).order_by("-year").first()
    initial: dict[str, Any] = {}
    if last is not None:
        initial = {
            "source": last.pk,
            "number": last.number + 1,
            "year": last.year + 1,
            "title": f"DATACON {last.year + 1}",
        }
    form = EditionCopyForm(request.POST or None, initial=initial)
    # Copy only from an edition this account organises.
    source_field = form.fields["source"]
    assert isinstance(source_field, forms.ModelChoiceField)
    source_field.queryset = editions_organised_by(request.user).order_by("-year")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            edition = edition_new_from(
                source=data["source"],
                number=data["number"],
                year=data["year"],
                title=data["title"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                actor=Actor.of(request.user),
            )
        except ValidationError as error:
            service_errors_to_form(form, error)
        else:
            messages.success(
                request,
                _("Se creó %(title)s como borrador, con la configuración de %(source)s.")
                % {"title": edition.title, "source": data["source"].title},
            )
            return redirect("backoffice:proposals_edition", edition=edition.slug)
    return render(request, "backoffice/proposals/edition_copy.html", {"form": form})
