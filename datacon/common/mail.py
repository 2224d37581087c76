"""The outbox: queue, review, send with retries.

`email_enqueue` stores the message. Messages that do not need review are tried
right after the transaction commits; anything that fails stays queued and
`manage.py send_queued_emails` (run it from cron or with --loop) retries with
exponential back-off. Messages created with `needs_review=True` wait as drafts
until an organiser approves them in the outbox.

Headers never carry user text as it came: a subject is made of names and
titles people typed, and a line break in it (an e-mail header injection, or
just a pasted name) made Django refuse the message (BadHeaderError) on every
attempt. Subjects are stored on one line, and `_message` puts every header
value (subject, attachment names) on one line again when it sends, so rows
queued before this rule was kept send too.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from datacon.common.audit import audit_record
from datacon.common.models import OutboundEmail, OutboundEmailStatus
from datacon.common.validators import single_line
from datacon.common.versions import CONFERENCE, public_version_bump

MAX_ATTEMPTS = 10


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    content_type: str

    def as_json(self) -> dict[str, str]:
        return {
            "filename": self.filename,
            "content_type": self.content_type,
            "content_b64": base64.b64encode(self.content).decode("ascii"),
        }


def email_enqueue(
    *,
    to: str,
    subject: str,
    body_text: str,
    purpose: str,
    body_html: str = "",
    attachments: Iterable[Attachment] = (),
    related: models.Model | None = None,
    needs_review: bool = False,
    actor: Any = None,
    send_after_commit: bool = True,
) -> OutboundEmail:
    email = OutboundEmail(
        to=to,
        subject=single_line(subject)[:250],
        body_text=body_text,
        body_html=body_html,
        attachments=[a.as_json() for a in attachments],
        purpose=purpose,
        related_type=related._meta.label_lower if related is not None else "",
        related_id=str(related.pk) if related is not None else "",
        status=OutboundEmailStatus.DRAFT if needs_review else OutboundEmailStatus.QUEUED,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    email.full_clean()
    email.save()
    if not needs_review and send_after_commit:
        transaction.on_commit(lambda: emails_send_due(ids=[email.pk]))
    return email


def email_update_draft(
    *, email: OutboundEmail, subject: str, body_text: str, actor: Any
) -> OutboundEmail:
    if email.status != OutboundEmailStatus.DRAFT:
        raise ValidationError(_("Solo se pueden editar los correos que esperan revisión."))
    email.subject = single_line(subject)
    email.body_text = body_text
    email.body_html = ""  # the edited text is now the message
    email.full_clean()
    email.save()
    audit_record(actor=actor, action="email.edit", instance=email, summary=email.subject)
    return email


def email_approve(*, email: OutboundEmail, actor: Any) -> OutboundEmail:
    with transaction.atomic():
        email = OutboundEmail.objects.select_for_update().get(pk=email.pk)
        if email.status != OutboundEmailStatus.DRAFT:
            raise ValidationError(_("Este correo ya no espera revisión."))
        email.status = OutboundEmailStatus.QUEUED
        email.reviewed_by = actor if getattr(actor, "is_authenticated", False) else None
        email.reviewed_at = timezone.now()
        email.next_attempt_at = timezone.now()
        email.save()
        audit_record(actor=actor, action="email.approve", instance=email, summary=email.subject)
        # Releasing a message can make public what it announces (a proposal's
        # decision shows in the memoria's call figures only once its e-mail is
        # out), so cached conference pages must move on. Approvals are rare,
        # reviewed batches: re-rendering those pages once costs nothing.
        public_version_bump(CONFERENCE)
        transaction.on_commit(lambda: emails_send_due(ids=[email.pk]))
    return email


def email_discard(*, email: OutboundEmail, actor: Any) -> OutboundEmail:
    with transaction.atomic():
        email = OutboundEmail.objects.select_for_update().get(pk=email.pk)
        if email.status == OutboundEmailStatus.SENT:
            raise ValidationError(_("Un correo enviado no se puede descartar."))
        email.status = OutboundEmailStatus.DISCARDED
        email.save()
        audit_record(actor=actor, action="email.discard", instance=email, summary=email.subject)
    return email


def _message(email: OutboundEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=single_line(email.subject),
        body=email.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    for item in email.attachments:
        # Django adds the charset of text/* attachments itself; passing ours too
        # produced 'charset="utf-8"; charset="utf-8"', which strict clients reject.
        mimetype = item["content_type"].split(";")[0].strip()
        filename = single_line(item["filename"]) or "adjunto"
        message.attach(filename, base64.b64decode(item["content_b64"]), mimetype)
    return message


def _backoff(attempts: int) -> dt.timedelta:
    return dt.timedelta(minutes=min(2**attempts, 6 * 60))


def emails_send_due(*, ids: Iterable[int] | None = None, limit: int = 100) -> tuple[int, int]:
    """Send queued messages whose time has come. Returns (sent, failed attempts).

    Each message is locked while it is sent (`skip_locked` on PostgreSQL) so two
    senders running at once never send the same message twice.
    """
    sent = failed = 0
    now = timezone.now()
    candidates = OutboundEmail.objects.filter(
        status=OutboundEmailStatus.QUEUED, next_attempt_at__lte=now
    ).order_by("next_attempt_at", "pk")
    if ids is not None:
        candidates = candidates.filter(pk__in=list(ids))
    for pk in list(candidates.values_list("pk", flat=True)[:limit]):
        with transaction.atomic():
            email = (
                OutboundEmail.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, status=OutboundEmailStatus.QUEUED)
                .first()
            )
            if email is None:
                continue
            email.attempts += 1
            try:
                _message(email).send(fail_silently=False)
            except Exception as error:  # any transport failure: keep it and retry later
                email.last_error = f"{type(error).__name__}: {error}"[:2000]
                if email.attempts >= MAX_ATTEMPTS:
                    email.status = OutboundEmailStatus.FAILED
                else:
                    email.next_attempt_at = timezone.now() + _backoff(email.attempts)
                failed += 1
            else:
                email.status = OutboundEmailStatus.SENT
                email.sent_at = timezone.now()
                email.last_error = ""
                sent += 1
            email.save()
    return sent, failed
