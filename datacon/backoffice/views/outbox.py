"""The outbox: every e-mail the platform queued, and the drafts an organiser reviews first.

Decision e-mails on proposals (and, if asked, schedule-change notices) wait
here as drafts: an organiser reads them, edits the text if needed, and
approves (they are sent) or discards them. Writes go through
`datacon.common.mail`. The outbox is platform-wide: who reviews it holds the
permission `common.change_outboundemail` (the group "Organizadores").
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from datacon.common.access import rule_route
from datacon.common.actor import Actor
from datacon.common.mail import OUTBOX_REVIEW, email_approve, email_discard, email_update_draft
from datacon.common.models import OutboundEmail, OutboundEmailStatus
from datacon.common.query import query_ints

PURPOSES = [
    ("proposal.decision", _("Decisiones sobre propuestas")),
    ("proposal.invitation", _("Invitaciones a co-ponentes")),
    ("schedule.change", _("Avisos de cambios en el programa")),
]


def _outbox_query(request: HttpRequest) -> tuple[str, str]:
    status = request.GET.get("estado", OutboundEmailStatus.DRAFT)
    if status not in (*OutboundEmailStatus.values, "all"):
        status = OutboundEmailStatus.DRAFT
    purpose = request.GET.get("motivo", "")
    if purpose not in dict(PURPOSES):
        purpose = ""
    return status, purpose


@rule_route(OUTBOX_REVIEW)
def outbox(request: HttpRequest) -> HttpResponseBase:
    if request.method == "POST":
        action = request.POST.get("action")
        ids = query_ints(request.POST.getlist("email"))
        service = {"approve": email_approve, "discard": email_discard}.get(action or "")
        if service is None or not ids:
            messages.error(request, _("Elija al menos un correo y una acción."))
        else:
            done = 0
            actor = Actor.of(request.user)
            for email in OutboundEmail.objects.filter(pk__in=ids):
                try:
                    service(email=email, actor=actor)
                    done += 1
                except ValidationError as error:
                    messages.warning(request, f"{email.to}: {' '.join(error.messages)}")
            messages.success(
                request,
                (
                    _("%(count)s correos aprobados: salen en este momento.")
                    if action == "approve"
                    else _("%(count)s correos descartados.")
                )
                % {"count": done},
            )
        return redirect(request.get_full_path())
    status, purpose = _outbox_query(request)
    emails = OutboundEmail.objects.order_by("-created_at", "-pk")
    if status != "all":
        emails = emails.filter(status=status)
    if purpose:
        emails = emails.filter(purpose__startswith=purpose)
    page = Paginator(emails.select_related("created_by"), 50).get_page(request.GET.get("pagina"))
    counts = _status_counts()
    return render(
        request,
        "backoffice/proposals/outbox.html",
        {
            "page": page,
            "status": status,
            "purpose": purpose,
            "statuses": OutboundEmailStatus.choices,
            "purposes": PURPOSES,
            "counts": counts,
        },
    )


def _status_counts() -> dict[str, int]:
    from django.db.models import Count

    return dict(
        OutboundEmail.objects.values("status")
        .annotate(total=Count("id"))
        .values_list("status", "total")
    )


@rule_route(OUTBOX_REVIEW)
def outbox_email(request: HttpRequest, pk: int) -> HttpResponseBase:
    email = get_object_or_404(OutboundEmail.objects.select_related("reviewed_by"), pk=pk)
    error_messages: list[str] = []
    subject, body = email.subject, email.body_text
    if request.method == "POST":
        action = request.POST.get("action")
        actor = Actor.of(request.user)
        subject = request.POST.get("subject", email.subject).strip()
        body = request.POST.get("body_text", email.body_text)
        try:
            if action in ("save", "approve") and email.status == OutboundEmailStatus.DRAFT:
                if not subject or not body.strip():
                    raise ValidationError(_("El asunto y el texto no pueden quedar vacíos."))
                if subject != email.subject or body != email.body_text:
                    email = email_update_draft(
                        email=email, subject=subject, body_text=body, actor=actor
                    )
            if action == "approve":
                email_approve(email=email, actor=actor)
                messages.success(request, _("Correo aprobado: sale en este momento."))
            elif action == "discard":
                email_discard(email=email, actor=actor)
                messages.success(request, _("Correo descartado."))
            elif action == "save":
                messages.success(request, _("Cambios guardados; el correo sigue por revisar."))
        except ValidationError as error:
            error_messages = error.messages
        else:
            return redirect(
                "backoffice:proposals_outbox_email"
                if action == "save"
                else "backoffice:proposals_outbox",
                *([email.pk] if action == "save" else []),
            )
    return render(
        request,
        "backoffice/proposals/outbox_email.html",
        {"email": email, "subject": subject, "body": body, "errors": error_messages},
    )
