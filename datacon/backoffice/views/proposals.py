"""Organisers' and reviewers' screens for the call for proposals.

Organisers (`proposals.change_proposal`): call settings, proposals, reviewer
assignment, ranking, decisions, parity, co-conveners, venue candidates and a
new edition from the last one. Reviewers (`proposals.review_proposals`): their
own queue and scoring form, where the per-record rule applies (only their
assignments, minus declared conflicts, anonymised when the edition asks).
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

from datacon.backoffice.access import staff_required
from datacon.editions import venue_selectors
from datacon.editions.models import (
    CoConvenerApplication,
    CoConvenerStatus,
    Edition,
    VenueCandidate,
    VenueCandidateStatus,
    VenueCriterion,
)
from datacon.editions.services import (
    co_convener_decide,
    venue_candidate_save,
    venue_candidate_scores_save,
    venue_candidate_status_set,
)
from datacon.program.parity import sessions_parity_flags
from datacon.program.selectors import parity_figures
from datacon.proposals import selectors
from datacon.proposals.forms import (
    CallForm,
    DecisionForm,
    EditionCopyForm,
    ScoreForm,
    VenueCandidateForm,
    errors_to_form,
)
from datacon.proposals.models import (
    DECISIONS,
    Call,
    ProposalStatus,
    ReviewAssignment,
)
from datacon.proposals.services import (
    assignment_create,
    assignment_delete,
    assignments_from_teams,
    call_create,
    call_save,
    conflict_declare,
    conflict_withdraw,
    edition_new_from,
    proposal_decide,
    review_save,
)

ORGANISE = "proposals.change_proposal"
REVIEW = "proposals.review_proposals"


def _edition(slug: str) -> Edition:
    return get_object_or_404(Edition.objects.select_related("organiser"), slug=slug)


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


# --- call and edition hub -------------------------------------------------------------


@staff_required(ORGANISE)
def calls(request: HttpRequest) -> HttpResponse:
    editions = list(Edition.objects.order_by("-year").select_related("call"))
    counts = selectors.proposal_counts_by_edition()
    for edition in editions:
        edition.proposal_count = counts.get(edition.pk, 0)  # type: ignore[attr-defined]
    return render(request, "backoffice/proposals/calls.html", {"editions": editions})


@staff_required(ORGANISE)
def edition_hub(request: HttpRequest, edition: str) -> HttpResponse:
    current = _edition(edition)
    call = selectors.call_for_edition(edition=current)
    return render(
        request,
        "backoffice/proposals/edition.html",
        {
            "edition": current,
            "call": call,
            "counts": selectors.status_counts(edition=current),
            "statuses": ProposalStatus.choices,
            "section": "hub",
        },
    )


@staff_required(ORGANISE)
def call_settings(request: HttpRequest, edition: str) -> HttpResponseBase:
    current = _edition(edition)
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
                    actor=request.user,
                )
            else:
                updated: Call = form.save(commit=False)
                updated.opens_at = form.cleaned_data["opens_at"]
                updated.closes_at = form.cleaned_data["closes_at"]
                call_save(call=updated, actor=request.user)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("Convocatoria guardada."))
            return redirect("backoffice:proposals_edition", edition=current.slug)
    return render(
        request,
        "backoffice/proposals/call_settings.html",
        {"edition": current, "call": call, "form": form, "section": "settings"},
    )


# --- proposals --------------------------------------------------------------------------


@staff_required(ORGANISE)
def proposal_list(request: HttpRequest, edition: str) -> HttpResponse:
    current = _edition(edition)
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


@staff_required(ORGANISE)
def proposal_detail(request: HttpRequest, edition: str, pk: int) -> HttpResponse:
    current = _edition(edition)
    proposal = selectors.proposal_for_organisers(edition=current, pk=pk)
    criteria = selectors.review_criteria(edition=current)
    reviews = selectors.organiser_reviews(proposal=proposal, criteria=criteria)
    return render(
        request,
        "backoffice/proposals/detail.html",
        {
            "edition": current,
            "proposal": proposal,
            "criteria": criteria,
            "reviews": reviews,
            "summary": selectors.reviews_summary(reviews=reviews),
            "emails": selectors.proposal_emails(proposal=proposal),
            "reviewers": selectors.reviewers_available(edition=current),
            "decision_form": DecisionForm(),
            "can_decide": proposal.status in (*DECISIONS, ProposalStatus.SUBMITTED),
            "sees_private": request.user.has_perm("people.view_private_data"),
            "section": "list",
        },
    )


@staff_required(ORGANISE)
@require_POST
def proposal_decide_view(request: HttpRequest, edition: str, pk: int) -> HttpResponseBase:
    current = _edition(edition)
    proposal = selectors.proposal_for_organisers(edition=current, pk=pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            proposal_decide(
                proposal=proposal,
                decision=form.cleaned_data["decision"],
                actor=request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Decisión registrada. Los correos esperan su revisión en la bandeja de salida."),
            )
    else:
        messages.error(request, _("Elija una decisión."))
    return redirect("backoffice:proposals_detail", edition=current.slug, pk=proposal.pk)


@staff_required(ORGANISE)
@require_POST
def bulk_decide(request: HttpRequest, edition: str) -> HttpResponseBase:
    """Decide several proposals at once (from the ranking)."""
    current = _edition(edition)
    decision = request.POST.get("decision", "")
    ids = [int(v) for v in request.POST.getlist("proposal") if v.isdigit()]
    if decision not in DECISIONS or not ids:
        messages.error(request, _("Elija al menos una propuesta y una decisión."))
        return redirect(
            request.POST.get("next") or "backoffice:proposals_ranking", edition=current.slug
        )
    done = 0
    for proposal in current.proposals.filter(pk__in=ids):
        try:
            proposal_decide(proposal=proposal, decision=decision, actor=request.user)
            done += 1
        except ValidationError as error:
            messages.warning(request, f"{proposal.reference}: {' '.join(error.messages)}")
    messages.success(
        request,
        _("%(count)s decisiones registradas; sus correos esperan revisión en la bandeja de salida.")
        % {"count": done},
    )
    return redirect("backoffice:proposals_ranking", edition=current.slug)


@staff_required(ORGANISE)
@require_POST
def assign(request: HttpRequest, edition: str) -> HttpResponseBase:
    """Assign reviewers: from the teams, one reviewer to chosen proposals, or remove one."""
    current = _edition(edition)
    action = request.POST.get("action")
    back = request.POST.get("next") or ""
    if action == "teams":
        added = assignments_from_teams(edition=current, actor=request.user)
        messages.success(
            request, _("%(count)s asignaciones nuevas desde los equipos.") % {"count": added}
        )
    elif action == "assign":
        User = get_user_model()
        reviewer_id = _int(request.POST.get("reviewer"))
        reviewer = User.objects.filter(pk=reviewer_id).first() if reviewer_id else None
        ids = [int(v) for v in request.POST.getlist("proposal") if v.isdigit()]
        if reviewer is None or not ids:
            messages.error(request, _("Elija una persona revisora y al menos una propuesta."))
        else:
            done = 0
            for proposal in current.proposals.filter(pk__in=ids).prefetch_related("people"):
                try:
                    assignment_create(proposal=proposal, reviewer=reviewer, actor=request.user)
                    done += 1
                except ValidationError as error:
                    messages.warning(request, f"{proposal.reference}: {' '.join(error.messages)}")
            messages.success(request, _("%(count)s propuestas asignadas.") % {"count": done})
    elif action == "remove":
        assignment = get_object_or_404(
            ReviewAssignment, pk=_int(request.POST.get("assignment")), proposal__edition=current
        )
        assignment_delete(assignment=assignment, actor=request.user)
        messages.success(request, _("Asignación eliminada."))
    elif action == "reopen":
        assignment = get_object_or_404(
            ReviewAssignment, pk=_int(request.POST.get("assignment")), proposal__edition=current
        )
        try:
            conflict_withdraw(assignment=assignment, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Conflicto retirado: la persona revisora puede calificar de nuevo.")
            )
    if back.startswith("/"):
        return redirect(back)
    return redirect("backoffice:proposals_list", edition=current.slug)


@staff_required(ORGANISE)
def ranking(request: HttpRequest, edition: str) -> HttpResponse:
    current = _edition(edition)
    by = "median" if request.GET.get("orden") == "mediana" else "mean"
    table = selectors.ranking(edition=current, by=by, session_type_id=_int(request.GET.get("tipo")))
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


@staff_required(ORGANISE)
def parity(request: HttpRequest, edition: str) -> HttpResponse:
    current = _edition(edition)
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


@staff_required(REVIEW)
def review_queue(request: HttpRequest) -> HttpResponse:
    assignments = selectors.reviewer_queue(user=request.user)
    return render(
        request,
        "backoffice/proposals/review_queue.html",
        {
            "assignments": assignments,
            "done": sum(1 for a in assignments if getattr(a, "review", None) is not None),
        },
    )


@staff_required(REVIEW)
def review(request: HttpRequest, pk: int) -> HttpResponseBase:
    assignment = selectors.reviewer_assignment(user=request.user, pk=pk)
    edition = assignment.proposal.edition
    criteria = selectors.review_criteria(edition=edition)
    stored, comment, exists = selectors.review_scores_of(assignment=assignment)
    if request.method == "POST":
        form = ScoreForm(request.POST, criteria=criteria)
        if form.is_valid():
            try:
                review_save(
                    assignment=assignment,
                    scores=form.scores(),
                    comment=form.cleaned_data["comment"],
                    actor=request.user,
                )
            except ValidationError as error:
                errors_to_form(form, error)
            else:
                messages.success(request, _("Revisión guardada."))
                following = selectors.next_unreviewed(user=request.user, after=assignment)
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
            "item": selectors.proposal_for_reviewer(assignment=assignment),
            "assignment": assignment,
            "form": form,
            "exists": exists,
            "editable": assignment.proposal.status in ("submitted", "waitlisted"),
        },
    )


@staff_required(REVIEW)
@require_POST
def review_conflict(request: HttpRequest, pk: int) -> HttpResponseBase:
    assignment = selectors.reviewer_assignment(user=request.user, pk=pk)
    if request.POST.get("confirm") != "yes":
        # Declaring deletes the reviewer's scores: never on a stray click.
        messages.error(
            request, _("Marque la casilla de confirmación para declarar el conflicto de interés.")
        )
        return redirect("backoffice:proposals_review", pk=assignment.pk)
    try:
        conflict_declare(
            assignment=assignment, note=request.POST.get("note", ""), actor=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("backoffice:proposals_review", pk=assignment.pk)
    messages.success(
        request,
        _("Registramos su conflicto de interés; la propuesta ya no aparece en su lista."),
    )
    return redirect("backoffice:proposals_review_queue")


# --- co-conveners ------------------------------------------------------------------------


@staff_required("editions.change_coconvenerapplication")
def co_conveners(request: HttpRequest, edition: str) -> HttpResponseBase:
    current = _edition(edition)
    if request.method == "POST":
        application = get_object_or_404(
            CoConvenerApplication, pk=_int(request.POST.get("application")), edition=current
        )
        approve = request.POST.get("decision") == "approve"
        try:
            co_convener_decide(
                application=application,
                approve=approve,
                actor=request.user,
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


@staff_required("editions.change_venuecandidate")
def venue_candidates(request: HttpRequest, edition: str) -> HttpResponseBase:
    current = _edition(edition)
    form = VenueCandidateForm(request.POST or None)
    if request.method == "POST" and request.POST.get("action") == "status":
        candidate = get_object_or_404(
            VenueCandidate, pk=_int(request.POST.get("candidate")), edition=current
        )
        status = request.POST.get("status", "")
        if status in VenueCandidateStatus.values:
            venue_candidate_status_set(candidate=candidate, status=status, actor=request.user)
            messages.success(request, _("Estado actualizado."))
        return redirect("backoffice:proposals_venues", edition=current.slug)
    if request.method == "POST" and form.is_valid():
        candidate = form.save(commit=False)
        candidate.edition = current
        try:
            venue_candidate_save(candidate=candidate, actor=request.user)
        except ValidationError as error:
            errors_to_form(form, error)
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


@staff_required("editions.change_venuecandidate")
def venue_candidate(request: HttpRequest, edition: str, pk: int) -> HttpResponseBase:
    current = _edition(edition)
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
                    actor=request.user,
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


@staff_required(ORGANISE, "editions.add_edition")
def edition_copy(request: HttpRequest) -> HttpResponseBase:
    last = Edition.objects.order_by("-year").first()
    initial: dict[str, Any] = {}
    if last is not None:
        initial = {
            "source": last.pk,
            "number": last.number + 1,
            "year": last.year + 1,
            "title": f"DATACON {last.year + 1}",
        }
    form = EditionCopyForm(request.POST or None, initial=initial)
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
                actor=request.user,
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(
                request,
                _("Se creó %(title)s como borrador, con la configuración de %(source)s.")
                % {"title": edition.title, "source": data["source"].title},
            )
            return redirect("backoffice:proposals_edition", edition=edition.slug)
    return render(request, "backoffice/proposals/edition_copy.html", {"form": form})
