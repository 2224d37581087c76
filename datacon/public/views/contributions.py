"""Public pages of contributions to the record: the proposal form and the contributor's list.

The writes go through `datacon.contributions.services`; which editions accept
contributions is `contributions.selectors.edition_accepts_contributions`.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from datacon.common.access import signed_in_route
from datacon.common.actor import Actor
from datacon.common.forms import service_errors_to_form
from datacon.common.ratelimit import rate_limit_hit
from datacon.contributions import selectors, services
from datacon.contributions.forms import ContributionForm

CONTRIBUTIONS_PER_HOUR = 10


@signed_in_route
def contribution_propose(request: HttpRequest, edition: str) -> HttpResponseBase:
    current = selectors.edition_for_contributions(edition)
    form = ContributionForm(request.POST or None, edition=current)
    if request.method == "POST" and form.is_valid():
        if rate_limit_hit(
            key=f"contribution-propose:{request.user.pk}",
            limit=CONTRIBUTIONS_PER_HOUR,
            window_seconds=3600,
        ):
            form.add_error(
                None,
                _("Ha enviado muchas aportaciones en poco tiempo. Inténtelo de nuevo en una hora."),
            )
        else:
            data = form.cleaned_data
            try:
                services.contribution_submit(
                    actor=Actor.of(request.user),
                    edition=current,
                    kind=data["kind"],
                    session=data.get("session"),
                    target=data["target"],
                    content=data["content"],
                    source_url=data["source_url"],
                    source_title=data["source_title"],
                    source_publisher=data["source_publisher"],
                    source_date=data["source_date"],
                    source_quote=data["source_quote"],
                    credit=data["credit"],
                    credit_name=data["credit_name"],
                )
            except ValidationError as error:
                service_errors_to_form(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Gracias: recibimos su aportación. El equipo organizador la revisará; "
                        "verá la decisión en «Mis aportaciones»."
                    ),
                )
                return redirect("public:contributions_mine")
    return render(request, "public/contributions/form.html", {"edition": current, "form": form})


@signed_in_route
def contributions_mine(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "public/contributions/mine.html",
        {"contributions": list(selectors.contributions_of(request.user))},  # type: ignore[arg-type]
    )
