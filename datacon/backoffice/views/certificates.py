"""Back-office screen of an edition's constancias: the rule, what would be issued, the
issue button, and the list with a revoke form per constancia."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from datacon.certificates import selectors, services
from datacon.certificates.forms import RevokeForm, RuleForm
from datacon.certificates.models import Certificate, CertificateStatus
from datacon.common.access import rule_route
from datacon.common.actor import Actor
from datacon.common.forms import service_errors_to_form
from datacon.editions.models import Edition
from datacon.editions.permissions import editions_organised_by
from datacon.editions.selectors import edition_from_url

MANAGE = "certificates.manage"


@rule_route(MANAGE)
def certificates_home(request: HttpRequest) -> HttpResponseBase:
    editions = (
        editions_organised_by(request.user)
        .annotate(
            issued=Count("certificates", filter=Q(certificates__status=CertificateStatus.ISSUED))
        )
        .order_by("-year")
    )
    return render(request, "backoffice/certificates/home.html", {"editions": editions})


@rule_route(MANAGE, obj=edition_from_url)
def certificates_edition(request: HttpRequest, edition: str) -> HttpResponseBase:
    current = request.access_object  # type: ignore[attr-defined]
    assert isinstance(current, Edition)
    actor = Actor.of(request.user)
    rule = selectors.rule_for(edition=current)
    rule_form = RuleForm(instance=rule)
    failed: RevokeForm | None = None
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "rule":
            rule_form = RuleForm(request.POST, request.FILES, instance=rule)
            if rule_form.is_valid():
                try:
                    services.certificate_rule_save(rule=rule_form.instance, actor=actor)
                except ValidationError as error:
                    service_errors_to_form(rule_form, error)
                else:
                    messages.success(request, _("Regla de constancias guardada."))
                    return redirect("backoffice:certificates_edition", edition=current.slug)
            status = 400
        elif action == "prepare":
            count = services.certificates_prepare(edition=current, actor=actor)
            messages.success(
                request,
                _("Constancias preparadas: %(n)s. Las personas pueden corregir su nombre.")
                % {"n": count},
            )
            return redirect("backoffice:certificates_edition", edition=current.slug)
        elif action == "issue":
            count = services.certificates_issue(edition=current, actor=actor)
            messages.success(request, _("Constancias emitidas: %(n)s.") % {"n": count})
            return redirect("backoffice:certificates_edition", edition=current.slug)
        elif action == "revoke":
            form = RevokeForm(request.POST)
            if form.is_valid():
                certificate = get_object_or_404(
                    Certificate, pk=form.cleaned_data["certificate"], edition=current
                )
                try:
                    services.certificate_revoke(
                        certificate=certificate, reason=form.cleaned_data["reason"], actor=actor
                    )
                except ValidationError as error:
                    service_errors_to_form(form, error)
                else:
                    messages.success(request, _("Constancia revocada."))
                    return redirect("backoffice:certificates_edition", edition=current.slug)
            failed = form
            status = 400
    page = Paginator(selectors.certificates_of_edition(edition=current), 100).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "backoffice/certificates/edition.html",
        {
            "edition": current,
            "rule_form": rule_form,
            "preview": selectors.preview(edition=current),
            "page": page,
            "failed": failed,
        },
        status=status,
    )
