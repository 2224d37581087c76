"""Back-office screens of the policy process: overview and publishing a document version.

Publishing has a preview: it shows which paragraphs keep their identifier (by
their {#…} mark, by identical text or by similarity), which are new and which
disappear, before anything is written.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Max, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from datacon.common.access import rule_route
from datacon.common.actor import Actor
from datacon.common.forms import service_errors_to_form
from datacon.policy import services
from datacon.policy.forms import VersionForm
from datacon.policy.models import Document, Process


@rule_route("policy.view")
def policy_home(request: HttpRequest) -> HttpResponse:
    open_statuses = ("pending", "in_progress")
    processes = list(
        Process.objects.annotate(
            meeting_total=Count("meetings", distinct=True),
            expense_total=Count("expenses", distinct=True),
            commitment_total=Count("commitments", distinct=True),
            open_agreements=Count(
                "meetings__agreements",
                filter=Q(meetings__agreements__status__in=open_statuses),
                distinct=True,
            ),
        ).order_by("-created_at")
    )
    documents = list(
        Document.objects.select_related("process")
        .annotate(latest=Max("versions__number"))
        .order_by("process", "order", "title")
    )
    return render(
        request,
        "backoffice/policy/home.html",
        {
            "processes": processes,
            "documents": documents,
        },
    )


def document_from_url(document: int) -> Document:
    return get_object_or_404(Document.objects.select_related("process"), pk=document)


@rule_route("policy.publish_document", obj=document_from_url)
def version_new(request: HttpRequest, document: int) -> HttpResponse:
    current: Document = request.access_object  # type: ignore[attr-defined]
    latest = current.versions.order_by("-number").first()
    plan = None
    status = 200
    if request.method == "POST":
        form = VersionForm(request.POST, request.FILES)
        if form.is_valid():
            body = form.markdown()
            try:
                if request.POST.get("accion") == "publicar":
                    version, published = services.document_version_publish(
                        document=current,
                        body=body,
                        change_summary=form.cleaned_data["change_summary"],
                        file=form.cleaned_data["file"],
                        actor=Actor.of(request.user),
                    )
                    messages.success(
                        request,
                        _(
                            "Versión %(number)s publicada: %(kept)s párrafos conservan su "
                            "identificador, %(new)s son nuevos y %(removed)s se eliminaron."
                        )
                        % {
                            "number": version.number,
                            "kept": published.kept,
                            "new": published.added,
                            "removed": published.removed,
                        },
                    )
                    return HttpResponseRedirect(version.get_absolute_url())
                plan = services.document_version_plan(document=current, body=body)
                # Keep the uploaded Markdown in the text box for the next step.
                form = VersionForm(
                    initial={"body": body, "change_summary": form.cleaned_data["change_summary"]}
                )
            except ValidationError as error:
                service_errors_to_form(form, error)
                status = 400
        else:
            status = 400
    else:
        form = VersionForm(
            initial={"body": services.document_version_markdown(version=latest) if latest else ""}
        )
    return render(
        request,
        "backoffice/policy/version_new.html",
        {"document": current, "latest": latest, "form": form, "plan": plan},
        status=status,
    )
