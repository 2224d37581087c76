"""Back-office screens of contributions to the record: the editions with contributions
to review, and one edition's queue where its organisers accept or reject them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from datacon.common.access import rule_route
from datacon.common.actor import Actor
from datacon.common.forms import service_errors_to_form
from datacon.contributions import selectors, services
from datacon.contributions.forms import ReviewForm
from datacon.contributions.models import Contribution
from datacon.editions.models import Edition
from datacon.editions.permissions import editions_organised_by
from datacon.editions.selectors import edition_from_url

REVIEW = "contributions.review"


@rule_route(REVIEW)
def contributions_home(request: HttpRequest) -> HttpResponse:
    editions = selectors.pending_counts(editions_organised_by(request.user))
    rows = [
        edition
        for edition in editions
        if edition.total or selectors.edition_accepts_contributions(edition)  # type: ignore[attr-defined]
    ]
    return render(request, "backoffice/contributions/home.html", {"editions": rows})


@rule_route(REVIEW, obj=edition_from_url)
def contributions_queue(request: HttpRequest, edition: str) -> HttpResponseBase:
    current = request.access_object  # type: ignore[attr-defined]
    assert isinstance(current, Edition)
    failed: ReviewForm | None = None
    if request.method == "POST":
        form = ReviewForm(request.POST)
        if form.is_valid():
            contribution = get_object_or_404(
                Contribution, pk=form.cleaned_data["contribution"], edition=current
            )
            try:
                if form.cleaned_data["decision"] == "accept":
                    services.contribution_accept(
                        actor=Actor.of(request.user), contribution=contribution
                    )
                    messages.success(request, _("Aportación aceptada: ya se ve en la edición."))
                else:
                    services.contribution_reject(
                        actor=Actor.of(request.user),
                        contribution=contribution,
                        reason=form.cleaned_data["reason"],
                    )
                    messages.success(request, _("Aportación no aceptada; el motivo es público."))
            except ValidationError as error:
                service_errors_to_form(form, error)
            else:
                return redirect("backoffice:contributions_queue", edition=current.slug)
        failed = form
    pending, decided = selectors.review_queue(current)
    return render(
        request,
        "backoffice/contributions/queue.html",
        {"edition": current, "pending": pending, "decided": decided, "failed": failed},
        status=400 if failed is not None else 200,
    )
