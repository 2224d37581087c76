"""Public pages of the call for proposals: the call, submitting and following a
proposal, co-speaker invitations, co-convener applications and the schedule changelog.

Views pick a selector, a form and a service; the rules (deadline, people,
answers) live in `datacon.proposals.services`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from datacon.common.access import link_route, public_route, signed_in_route
from datacon.common.actor import Actor
from datacon.common.forms import service_errors_to_form
from datacon.common.http import public_page
from datacon.common.ratelimit import rate_limit_hit
from datacon.common.versions import CONFERENCE
from datacon.editions import selectors as editions
from datacon.editions.forms import CoConvenerForm
from datacon.editions.models import CoConvenerApplication, Edition
from datacon.editions.services import co_convener_apply
from datacon.people.signed_in import account_of
from datacon.program.publication import schedule_versions_public
from datacon.proposals import selectors
from datacon.proposals.forms import (
    InvitationForm,
    ProposalForm,
    SelfForm,
    people_formset,
    people_inputs,
)
from datacon.proposals.models import (
    DECISIONS,
    Call,
    InvitationStatus,
    Proposal,
    ProposalEventKind,
    ProposalStatus,
)
from datacon.proposals.services import (
    invitation_respond,
    proposal_can_edit,
    proposal_people_errors,
    proposal_respond,
    proposal_submit,
    proposal_update,
    proposal_withdraw,
)

SUBMIT_LIMIT = 20  # proposals (and edits) per account per hour


def _private(response: HttpResponseBase) -> HttpResponseBase:
    response["Cache-Control"] = "private, no-store"
    return response


@public_route
def call_page(request: HttpRequest, edition: str) -> HttpResponse:
    # Not cached: whether the call is open depends on the minute.
    current = editions.edition_get_public(slug=edition)
    call = selectors.call_for_edition(edition=current)
    context: dict[str, Any] = {"edition": current, "call": call}
    if call is not None:
        context.update(
            state=call.state(),
            session_types=selectors.call_session_types(call=call),
            questions=selectors.call_questions(call=call),
            tracks=list(current.tracks.all()),
        )
    response = render(request, "public/proposals/call.html", context)
    response["Cache-Control"] = "no-cache"
    return response


def _call_or_404(edition: Edition) -> Call:
    from django.http import Http404

    call = selectors.call_for_edition(edition=edition)
    if call is None:
        raise Http404("Sin convocatoria")
    return call


def _self_initial(request: HttpRequest, proposal: Proposal | None) -> dict[str, Any]:
    if proposal is not None:
        me = next((p for p in proposal.people.all() if p.is_submitter), None)
        if me is not None:
            return {
                "name": me.name,
                "role": me.role,
                "organisation": me.organisation,
                "position": me.position,
                "gender": me.gender,
            }
    user = request.user
    assert isinstance(user, User)
    person = getattr(user, "person", None)
    name = user.get_full_name() or (person.public_name if person else "")
    return {"name": name, "role": "speaker"}


def _others_initial(proposal: Proposal | None) -> list[dict[str, Any]]:
    if proposal is None:
        return []
    return [
        {
            "name": p.name,
            "email": p.email,
            "role": p.role,
            "organisation": p.organisation,
            "position": p.position,
            "gender": p.gender,
        }
        for p in proposal.people.all()
        if not p.is_submitter
    ]


def _proposal_form_response(
    request: HttpRequest,
    *,
    edition: Edition,
    call: Call,
    proposal: Proposal | None,
) -> HttpResponseBase:
    user = request.user
    assert isinstance(user, User)
    actor = Actor.of(user)
    people_errors: dict[str, list[str]] = {}
    if request.method == "POST":
        form = ProposalForm(request.POST, call=call)
        self_form = SelfForm(request.POST, prefix="me")
        formset = people_formset(call=call, data=request.POST)
        if rate_limit_hit(key=f"proposal:{user.pk}", limit=SUBMIT_LIMIT, window_seconds=3600):
            form.add_error(
                None,
                _("Demasiados envíos en poco tiempo. Espere unos minutos e inténtelo de nuevo."),
            )
        elif all([form.is_valid(), self_form.is_valid(), formset.is_valid()]):
            people = people_inputs(self_form, formset, email=user.email)
            try:
                if proposal is None:
                    saved = proposal_submit(
                        call=call,
                        data=form.proposal_input(),
                        people=people,
                        answers=form.answers(),
                        actor=actor,
                    )
                    messages.success(
                        request,
                        _(
                            "Recibimos su propuesta %(reference)s. Le escribimos a las demás personas para que confirmen."
                        )
                        % {"reference": saved.reference},
                    )
                else:
                    saved = proposal_update(
                        proposal=proposal,
                        data=form.proposal_input(),
                        people=people,
                        answers=form.answers(),
                        actor=actor,
                    )
                    messages.success(request, _("Guardamos los cambios de su propuesta."))
                return redirect("public:proposals_detail", pk=saved.pk)
            except ValidationError as error:
                service_errors_to_form(
                    form, error, field_names=_question_fields(form), extra=people_errors
                )
        elif self_form.is_valid() and formset.is_valid():
            # Other fields are wrong: report the people's problems (a duplicate
            # co-speaker...) now too, instead of one round of errors later.
            people = people_inputs(self_form, formset, email=user.email)
            people_errors["people"] = proposal_people_errors(call=call, people=people)
    else:
        initial = ProposalForm.initial_from(proposal) if proposal else {"language": "es"}
        form = ProposalForm(initial=initial, call=call)
        self_form = SelfForm(initial=_self_initial(request, proposal), prefix="me")
        formset = people_formset(call=call, initial=_others_initial(proposal))
    response = render(
        request,
        "public/proposals/submit.html",
        {
            "edition": edition,
            "call": call,
            "proposal": proposal,
            "form": form,
            "self_form": self_form,
            "formset": formset,
            "people_errors": [m for messages_ in people_errors.values() for m in messages_],
            "is_open": call.is_open(),
            "has_errors": request.method == "POST",
            "error_forms": [f for f in (form, self_form, *formset.forms) if f.errors],
        },
        status=200,
    )
    return _private(response)


def _question_fields(form: ProposalForm) -> dict[str, str]:
    """The services name an answer's errors "question_<id>"; the form's field is "q_<id>"."""
    return {f"question_{name[2:]}": name for name in form.fields if name.startswith("q_")}


@signed_in_route
def submit(request: HttpRequest, edition: str) -> HttpResponseBase:
    current = editions.edition_get_public(slug=edition)
    call = _call_or_404(current)
    return _proposal_form_response(request, edition=current, call=call, proposal=None)


@signed_in_route
def edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    proposal = selectors.proposal_of_user(user=account_of(request), pk=pk)
    if not proposal_can_edit(proposal):
        messages.warning(
            request,
            _(
                "Esta propuesta ya no se puede modificar (cerró la convocatoria o cambió su estado)."
            ),
        )
        return redirect("public:proposals_detail", pk=proposal.pk)
    call = _call_or_404(proposal.edition)
    return _proposal_form_response(request, edition=proposal.edition, call=call, proposal=proposal)


@signed_in_route
def mine(request: HttpRequest) -> HttpResponseBase:
    proposals = selectors.proposals_of_user(user=account_of(request))
    for proposal in proposals:
        proposal.visible_label = selectors.visible_status_label(proposal)  # type: ignore[attr-defined]
    return _private(
        render(
            request,
            "public/proposals/mine.html",
            {
                "proposals": proposals,
                "invitations": selectors.invitations_of_user(user=account_of(request)),
            },
        )
    )


# Decisions are shown to the proponent only once communicated, so their events too.
_DECISION_EVENTS = (
    ProposalEventKind.ACCEPTED,
    ProposalEventKind.WAITLISTED,
    ProposalEventKind.REJECTED,
)


@signed_in_route
def detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    proposal = selectors.proposal_of_user(user=account_of(request), pk=pk)
    status = selectors.visible_status(proposal)
    events = [e for e in proposal.events.all() if e.kind not in _DECISION_EVENTS]
    return _private(
        render(
            request,
            "public/proposals/detail.html",
            {
                "edition": proposal.edition,
                "proposal": proposal,
                "status": status,
                "status_label": selectors.visible_status_label(proposal),
                "decided": proposal.status in DECISIONS and status != ProposalStatus.SUBMITTED,
                "events": events,
                "can_edit": proposal_can_edit(proposal),
                "can_withdraw": proposal.status
                in (ProposalStatus.SUBMITTED, ProposalStatus.WAITLISTED),
                "can_respond": status == ProposalStatus.ACCEPTED,
                "people": list(proposal.people.all()),
                "answers": [a for a in proposal.answers.all() if a.value],
                "now": timezone.now(),
            },
        )
    )


@signed_in_route
def withdraw(request: HttpRequest, pk: int) -> HttpResponseBase:
    proposal = selectors.proposal_of_user(user=account_of(request), pk=pk)
    if request.method == "POST":
        try:
            proposal_withdraw(proposal=proposal, actor=Actor.of(request.user))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Retiró la propuesta %(reference)s.") % {"reference": proposal.reference}
            )
        return redirect("public:proposals_detail", pk=proposal.pk)
    return _private(
        render(
            request,
            "public/proposals/withdraw.html",
            {"proposal": proposal, "edition": proposal.edition},
        )
    )


@signed_in_route
@require_POST
def respond(request: HttpRequest, pk: int) -> HttpResponseBase:
    proposal = selectors.proposal_of_user(user=account_of(request), pk=pk)
    answer = request.POST.get("answer")
    if answer not in ("confirm", "decline"):
        messages.error(request, _("Elija si confirma o declina."))
        return redirect("public:proposals_detail", pk=proposal.pk)
    try:
        proposal_respond(
            proposal=proposal, confirm=answer == "confirm", actor=Actor.of(request.user)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Gracias: confirmó su participación.")
            if answer == "confirm"
            else _("Registramos que declina participar."),
        )
    return redirect("public:proposals_detail", pk=proposal.pk)


@link_route
def invitation(request: HttpRequest, token: str) -> HttpResponseBase:
    """A co-speaker's page, reached from the e-mailed link (the link is the key)."""
    person = selectors.invitation_by_token(token=token)
    proposal = person.proposal
    if request.method == "POST":
        form = InvitationForm(request.POST)
        answer = request.POST.get("answer")
        if answer not in ("confirm", "decline"):
            form.add_error(None, _("Elija si confirma o declina."))
        if form.is_valid() and answer in ("confirm", "decline"):
            try:
                invitation_respond(
                    person=person,
                    accept=answer == "confirm",
                    actor=Actor.via_link("co-speaker invitation", request.user),
                    organisation=form.cleaned_data["organisation"],
                    position=form.cleaned_data["position"],
                    gender=form.cleaned_data["gender"],
                )
            except ValidationError as error:
                service_errors_to_form(form, error)
            else:
                messages.success(
                    request,
                    _("Gracias: confirmó su participación en la propuesta.")
                    if answer == "confirm"
                    else _("Registramos que no participará en la propuesta."),
                )
                return redirect("public:proposals_invitation", token=token)
    else:
        form = InvitationForm(
            initial={
                "organisation": person.organisation,
                "position": person.position,
                "gender": person.gender,
            }
        )
    proposal.decision_sent = selectors.decision_released_for(proposal)  # type: ignore[attr-defined]
    response = render(
        request,
        "public/proposals/invitation.html",
        {
            "person": person,
            "proposal": proposal,
            "edition": proposal.edition,
            "form": form,
            "status_label": selectors.visible_status_label(proposal),
            "submitter": selectors.proposal_submitter_name(proposal=proposal),
            "pending": person.invitation_status == InvitationStatus.PENDING,
        },
    )
    # The token must not leak to other sites, but "no-referrer" would make
    # browsers send "Origin: null" with this page's own form, which Django's
    # CSRF check rejects: "same-origin" keeps the referrer on this site only.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return _private(response)


@public_route
@public_page([CONFERENCE])
def changelog(request: HttpRequest, edition: str) -> HttpResponse:
    current = editions.edition_get_public(slug=edition)
    return render(
        request,
        "public/proposals/changelog.html",
        {"edition": current, "versions": schedule_versions_public(edition=current)},
    )


@signed_in_route
def co_convener(request: HttpRequest, edition: str) -> HttpResponseBase:
    current = editions.edition_get_public(slug=edition)
    user = request.user
    assert isinstance(user, User)
    if request.method == "POST":
        form = CoConvenerForm(request.POST, request.FILES)
        if rate_limit_hit(key=f"coconvener:{user.pk}", limit=5, window_seconds=3600):
            form.add_error(None, _("Demasiadas solicitudes en poco tiempo. Inténtelo más tarde."))
        elif form.is_valid():
            application: CoConvenerApplication = form.save(commit=False)
            application.edition = current
            try:
                co_convener_apply(application=application, actor=Actor.of(user))
            except ValidationError as error:
                service_errors_to_form(form, error)
            else:
                messages.success(
                    request,
                    _("Recibimos la solicitud de %(name)s. El comité organizador le responderá.")
                    % {"name": application.organisation_name},
                )
                return redirect("public:account")
    else:
        form = CoConvenerForm(initial={"contact_email": user.email})
    return _private(
        render(request, "public/proposals/co_convener.html", {"edition": current, "form": form})
    )
