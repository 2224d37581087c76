"""Organisers' and reviewers' screens for the call for proposals.

Organisers of the edition (`proposals.organise`, `proposals.decide`...): call
settings, proposals, reviewer assignment, ranking, decisions, parity.
Reviewers (`proposals.review_queue`, `proposals.review` on their assignment):
their own queue and scoring form, where the per-record rule applies (only their
assignments, minus declared conflicts, anonymised when the edition asks).
Co-conveners, venue candidates and new editions are in `conference.py`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from datacon.backoffice.record_kinds import KINDS
from datacon.common.access import rule_route
from datacon.common.actor import Actor
from datacon.common.forms import service_errors_to_form
from datacon.common.query import query_int, query_ints
from datacon.editions.models import Edition
from datacon.editions.permissions import editions_organised_by
from datacon.editions.selectors import edition_from_url
from datacon.people.signed_in import account_of
from datacon.program.parity import sessions_parity_flags
from datacon.program.selectors import parity_figures
from datacon.proposals import review_selectors, selectors
from datacon.proposals.forms import CallForm, DecisionForm, ScoreForm
from datacon.proposals.models import DECISIONS, Call, Proposal, ProposalStatus, ReviewAssignment
from datacon.proposals.review_selectors import assignment_from_url
from datacon.proposals.services import (
    assignment_create,
    assignment_delete,
    assignments_from_teams,
    call_create,
    call_save,
    conflict_declare,
    conflict_withdraw,
    proposal_decide,
    review_save,
)

ORGANISE = "proposals.organise"


def _current(request: HttpRequest) -> Edition:
    edition = request.access_object  # type: ignore[attr-defined]
    assert isinstance(edition, Edition)
    return edition


def _int(value: str | None) -> int | None:
    return query_int(value)


# --- call and edition hub -------------------------------------------------------------


@rule_route(ORGANISE)
def calls(request: HttpRequest) -> HttpResponse:
    # Only the editions this account organises (all of them for the platform's organisers).
    editions = list(editions_organised_by(request.user).order_by("-year").select_related("call"))
    counts = selectors.proposal_counts_by_edition()
    for edition in editions:
        edition.proposal_count = counts.get(edition.pk, 0)  # type: ignore[attr-defined]
    return render(request, "backoffice/proposals/calls.html", {"editions": editions})


@rule_route(ORGANISE, obj=edition_from_url)
def edition_hub(request: HttpRequest, edition: str) -> HttpResponse:
    current = _current(request)
    call = selectors.call_for_edition(edition=current)
    return render(
        request,
        "backoffice/proposals/edition.html",
        {
            "edition": current,
            "call": call,
            "counts": selectors.status_counts(edition=current),
            "statuses": ProposalStatus.choices,
            "record_kinds": KINDS.values(),
            "section": "hub",
        },
    )


@rule_route("proposals.configure", obj=edition_from_url)
def call_settings(request: HttpRequest, edition: str) -> HttpResponseBase:
    current = _current(request)
    call = selectors.call_for_edition(edition=current)
    form = CallForm(request.POST or None, instance=call, edition=current)
    if request.method == "POST" and form.is_valid():
        try:
            if call is None:
                data = form.cleaned_data
                call_create(
                    edition=current,
                    opens_at=data["opens_at"],
                    closes_at=data["closes_at"],
                    text=data["text"],
                    anonymous_review=data["anonymous_review"],
                    max_people=data["max_people"],
                    contact_email=data["contact_email"],
                    actor=Actor.of(request.user),
                )
            else:
                updated: Call = form.save(commit=False)
                updated.opens_at = form.cleaned_data["opens_at"]
                updated.closes_at = form.cleaned_data["closes_at"]
                call_save(call=updated, actor=Actor.of(request.user))
        except ValidationError as error:
            service_errors_to_form(form, error)
        else:
            messages.success(request, _("Convocatoria guardada."))
            return redirect("backoffice:proposals_edition", edition=current.slug)
    return render(
        request,
        "backoffice/proposals/call_settings.html",
        {"edition": current, "call": call, "form": form, "section": "settings"},
    )


# --- proposals --------------------------------------------------------------------------


@rule_route(ORGANISE, obj=edition_from_url)
def proposal_list(request: HttpRequest, edition: str) -> HttpResponse:
    current = _current(request)
    filters = selectors.ProposalFilters(
        status=request.GET.get("estado", "")
        if request.GET.get("estado") in ProposalStatus.values
        else "",
        session_type_id=_int(request.GET.get("tipo")),
        track_id=_int(request.GET.get("eje")),
        query=(request.GET.get("q") or "").strip()[:100],
        unreviewed=request.GET.get("sin_revisar") == "1",
    )
    page = Paginator(
        selectors.proposals_for_organisers(edition=current, filters=filters), 50
    ).get_page(request.GET.get("pagina"))
    return render(
        request,
        "backoffice/proposals/list.html",
        {
            "edition": current,
            "page": page,
            "filters": filters,
            "statuses": ProposalStatus.choices,
            "session_types": list(current.session_types.all()),
            "tracks": list(current.tracks.all()),
            "reviewers": selectors.reviewers_available(edition=current),
            "section": "list",
        },
    )


def _detail_page(
    request: HttpRequest,
    current: Edition,
    proposal: Proposal,
    decision_form: DecisionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    criteria = review_selectors.review_criteria(edition=current)
    reviews = review_selectors.organiser_reviews(proposal=proposal, criteria=criteria)
    count = review_selectors.review_count(proposal=proposal)
    return render(
        request,
        "backoffice/proposals/detail.html",
        {
            "edition": current,
            "proposal": proposal,
            "criteria": criteria,
            "reviews": reviews,
            "summary": review_selectors.reviews_summary(reviews=reviews),
            "review_count": count,
            "emails": selectors.proposal_emails(proposal=proposal),
            "reviewers": selectors.reviewers_available(edition=current),
            "decision_form": decision_form or DecisionForm(reviewed=count.completed > 0),
            "can_decide": proposal.status in (*DECISIONS, ProposalStatus.SUBMITTED),
            "sees_private": request.user.has_perm("people.view_private_data"),
            "section": "list",
        },
        status=status,
    )


@rule_route(ORGANISE, obj=edition_from_url)
def proposal_detail(request: HttpRequest, edition: str, pk: int) -> HttpResponse:
    current = _current(request)
    proposal = selectors.proposal_for_organisers(edition=current, pk=pk)
    return _detail_page(request, current, proposal)


@rule_route("proposals.decide", obj=edition_from_url)
@require_POST
def proposal_decide_view(request: HttpRequest, edition: str, pk: int) -> HttpResponseBase:
    current = _current(request)
    proposal = selectors.proposal_for_organisers(edition=current, pk=pk)
    reviewed = review_selectors.review_count(proposal=proposal).completed > 0
    form = DecisionForm(request.POST, reviewed=reviewed)
    if form.is_valid():
        try:
            proposal_decide(
                proposal=proposal,
                decision=form.cleaned_data["decision"],
                actor=Actor.of(request.user),
                note=form.cleaned_data["note"],
                without_reviews=form.cleaned_data.get("accept_without_reviews", False),
            )
        except ValidationError as error:
            service_errors_to_form(form, error)
        else:
            messages.success(
                request,
                _("Decisión registrada. Los correos esperan su revisión en la bandeja de salida."),
            )
            return redirect("backoffice:proposals_detail", edition=current.slug, pk=proposal.pk)
    # What was chosen and typed stays on the page, with the reason next to it.
    return _detail_page(request, current, proposal, decision_form=form, status=400)


@rule_route("proposals.decide", obj=edition_from_url)
@require_POST
def bulk_decide(request: HttpRequest, edition: str) -> HttpResponseBase:
    """Decide several proposals at once (from the ranking)."""
    current = _current(request)
    decision = request.POST.get("decision", "")
    ids = query_ints(request.POST.getlist("proposal"))
    if decision not in DECISIONS or not ids:
        messages.error(request, _("Elija al menos una propuesta y una decisión."))
        return redirect(
            request.POST.get("next") or "backoffice:proposals_ranking", edition=current.slug
        )
    done = 0
    for proposal in current.proposals.filter(pk__in=ids):
        try:
            proposal_decide(proposal=proposal, decision=decision, actor=Actor.of(request.user))
            done += 1
        except ValidationError as error:
            messages.warning(request, f"{proposal.reference}: {' '.join(error.messages)}")
    messages.success(
        request,
        _("%(count)s decisiones registradas; sus correos esperan revisión en la bandeja de salida.")
        % {"count": done},
    )
    return redirect("backoffice:proposals_ranking", edition=current.slug)


@rule_route("proposals.assign", obj=edition_from_url)
@require_POST
def assign(request: HttpRequest, edition: str) -> HttpResponseBase:
    """Assign reviewers: from the teams, one reviewer to chosen proposals, or remove one."""
    current = _current(request)
    action = request.POST.get("action")
    back = request.POST.get("next") or ""
    if action == "teams":
        added = assignments_from_teams(edition=current, actor=Actor.of(request.user))
        messages.success(
            request, _("%(count)s asignaciones nuevas desde los equipos.") % {"count": added}
        )
    elif action == "assign":
        User = get_user_model()
        reviewer_id = _int(request.POST.get("reviewer"))
        reviewer = User.objects.filter(pk=reviewer_id).first() if reviewer_id else None
        ids = query_ints(request.POST.getlist("proposal"))
        if reviewer is None or not ids:
            messages.error(request, _("Elija una persona revisora y al menos una propuesta."))
        else:
            done = 0
            for proposal in current.proposals.filter(pk__in=ids).prefetch_related("people"):
                try:
                    assignment_create(
                        proposal=proposal, reviewer=reviewer, actor=Actor.of(request.user)
                    )
                    done += 1
                except ValidationError as error:
                    messages.warning(request, f"{proposal.reference}: {' '.join(error.messages)}")
            messages.success(request, _("%(count)s propuestas asignadas.") % {"count": done})
    elif action == "remove":
        assignment = get_object_or_404(
            ReviewAssignment, pk=_int(request.POST.get("assignment")), proposal__edition=current
        )
        assignment_delete(assignment=assignment, actor=Actor.of(request.user))
        messages.success(request, _("Asignación eliminada."))
    elif action == "reopen":
        assignment = get_object_or_404(
            ReviewAssignment, pk=_int(request.POST.get("assignment")), proposal__edition=current
        )
        try:
            conflict_withdraw(assignment=assignment, actor=Actor.of(request.user))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Conflicto retirado: la persona revisora puede calificar de nuevo.")
            )
    if back.startswith("/"):
        return redirect(back)
    return redirect("backoffice:proposals_list", edition=current.slug)


@rule_route(ORGANISE, obj=edition_from_url)
def ranking(request: HttpRequest, edition: str) -> HttpResponse:
    current = _current(request)
    by = "median" if request.GET.get("orden") == "mediana" else "mean"
    table = review_selectors.ranking(
        edition=current, by=by, session_type_id=_int(request.GET.get("tipo"))
    )
    return render(
        request,
        "backoffice/proposals/ranking.html",
        {
            "edition": current,
            "table": table,
            "session_types": list(current.session_types.all()),
            "selected_type": _int(request.GET.get("tipo")),
            "section": "ranking",
        },
    )


@rule_route(ORGANISE, obj=edition_from_url)
def parity(request: HttpRequest, edition: str) -> HttpResponse:
    current = _current(request)
    return render(
        request,
        "backoffice/proposals/parity.html",
        {
            "edition": current,
            "proposals": selectors.proposal_parity(edition=current),
            "program": parity_figures(edition=current),
            "flags": sessions_parity_flags(edition=current),
            "section": "parity",
        },
    )


# --- reviewers ----------------------------------------------------------------------------


@rule_route("proposals.review_queue")
def review_queue(request: HttpRequest) -> HttpResponse:
    assignments = review_selectors.reviewer_queue(user=account_of(request))
    return render(
        request,
        "backoffice/proposals/review_queue.html",
        {
            "assignments": assignments,
            "done": sum(1 for a in assignments if getattr(a, "review", None) is not None),
        },
    )


@rule_route("proposals.review", obj=assignment_from_url)
def review(request: HttpRequest, pk: int) -> HttpResponseBase:
    assignment = review_selectors.reviewer_assignment(user=account_of(request), pk=pk)
    edition = assignment.proposal.edition
    criteria = review_selectors.review_criteria(edition=edition)
    stored, comment, exists = review_selectors.review_scores_of(assignment=assignment)
    if request.method == "POST":
        form = ScoreForm(request.POST, criteria=criteria)
        if form.is_valid():
            try:
                review_save(
                    assignment=assignment,
                    scores=form.scores(),
                    comment=form.cleaned_data["comment"],
                    actor=Actor.of(request.user),
                )
            except ValidationError as error:
                service_errors_to_form(form, error)
            else:
                messages.success(request, _("Revisión guardada."))
                following = review_selectors.next_unreviewed(
                    user=account_of(request), after=assignment
                )
                if following is not None and request.POST.get("next") == "1":
                    return redirect("backoffice:proposals_review", pk=following.pk)
                return redirect("backoffice:proposals_review_queue")
    else:
        initial: dict[str, Any] = {f"criterion_{k}": v for k, v in stored.items()}
        initial["comment"] = comment
        form = ScoreForm(initial=initial, criteria=criteria)
    return render(
        request,
        "backoffice/proposals/review.html",
        {
            "item": review_selectors.proposal_for_reviewer(assignment=assignment),
            "assignment": assignment,
            "form": form,
            "exists": exists,
            "editable": assignment.proposal.status in ("submitted", "waitlisted"),
        },
    )


@rule_route("proposals.review", obj=assignment_from_url)
@require_POST
def review_conflict(request: HttpRequest, pk: int) -> HttpResponseBase:
    assignment = review_selectors.reviewer_assignment(user=account_of(request), pk=pk)
    if request.POST.get("confirm") != "yes":
        # Declaring deletes the reviewer's scores: never on a stray click.
        messages.error(
            request, _("Marque la casilla de confirmación para declarar el conflicto de interés.")
        )
        return redirect("backoffice:proposals_review", pk=assignment.pk)
    try:
        conflict_declare(
            assignment=assignment, note=request.POST.get("note", ""), actor=Actor.of(request.user)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("backoffice:proposals_review", pk=assignment.pk)
    messages.success(
        request,
        _("Registramos su conflicto de interés; la propuesta ya no aparece en su lista."),
    )
    return redirect("backoffice:proposals_review_queue")
