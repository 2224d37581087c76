"""Constancias in public: the verification page of a folio, and the person's own list
(/cuenta/constancias/) with the PDF download and the name correction before issue."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from datacon.certificates import selectors, services
from datacon.certificates.forms import NameForm
from datacon.certificates.models import Certificate, CertificateStatus
from datacon.certificates.pdf import certificate_pdf_bytes
from datacon.common.access import public_route, signed_in_route
from datacon.common.actor import Actor
from datacon.common.forms import service_errors_to_form


def _private(response: HttpResponseBase) -> HttpResponseBase:
    response["Cache-Control"] = "private, no-store"
    return response


@public_route
def certificate_verify(request: HttpRequest, folio: str) -> HttpResponseBase:
    """Only: valid or revoked, name, role, edition and date. Never cached: a revocation
    shows at once."""
    certificate = selectors.certificate_public(folio=folio)
    if certificate is None:
        raise Http404("Folio no encontrado")
    response = render(
        request,
        "public/certificates/verify.html",
        {
            "certificate": certificate,
            "edition": certificate.edition,
            "valid": certificate.status == CertificateStatus.ISSUED,
            "erased": certificate.holder_erased_at is not None,
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return _private(response)


@signed_in_route
def certificates_mine(request: HttpRequest) -> HttpResponseBase:
    failed: NameForm | None = None
    if request.method == "POST":
        form = NameForm(request.POST)
        if form.is_valid():
            certificate = get_object_or_404(
                Certificate, pk=form.cleaned_data["certificate"], user=request.user
            )
            try:
                services.certificate_rename(
                    certificate=certificate,
                    name=form.cleaned_data["name"],
                    actor=Actor.of(request.user),
                )
            except ValidationError as error:
                service_errors_to_form(form, error)
            else:
                messages.success(request, _("Nombre corregido en su constancia."))
                return redirect("public:certificates_mine")
        failed = form
    return _private(
        render(
            request,
            "public/certificates/mine.html",
            {
                "certificates": selectors.certificates_of_user(user=request.user),
                "failed": failed,
            },
            status=400 if failed is not None else 200,
        )
    )


@signed_in_route
def certificate_download(request: HttpRequest, folio: str) -> HttpResponseBase:
    certificate = get_object_or_404(
        Certificate.objects.select_related("edition__organiser"),
        folio=folio,
        user=request.user,
        status=CertificateStatus.ISSUED,
    )
    rule = selectors.rule_for(edition=certificate.edition)
    response = HttpResponse(
        certificate_pdf_bytes(certificate, rule), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="constancia-{certificate.folio}.pdf"'
    return _private(response)
