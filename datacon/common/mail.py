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

Every change goes through the unit of work (datacon.common.write), so it is
audited: queued, edited, approved, discarded, sent, retried, given up.
Releasing or withdrawing a message can make public what it announces (a
proposal's decision counts in its edition's memoria only once its e-mail is
out): approving or discarding touches the record the message is about, and
that record's own `public_scopes()` says which public pages move. This module
knows no domain rule.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.models import OutboundEmail, OutboundEmailStatus
from datacon.common.validators import single_line
from datacon.common.write import AuditAction, Work, unit_of_work

MAX_ATTEMPTS = 10
# Who reviews the outbox: a platform-wide permission (the group "Organizadores").
OUTBOX_REVIEW = "common.change_outboundemail"
SENDER = Actor.system("outbox")


class EmailAction(AuditAction):
    """Audit actions of the outbox."""

    QUEUE = "email.queue"
    EDIT = "email.edit"
    APPROVE = "email.approve"
    DISCARD = "email.discard"
    SEND = "email.send"
    RETRY = "email.retry"
    FAIL = "email.fail"


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
    actor: Actor,
    send_after_commit: bool = True,
) -> OutboundEmail:
    with unit_of_work(actor) as work:
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
            created_by=work.actor.account,
        )
        work.save(email, action=EmailAction.QUEUE, summary=email.subject)
        if not needs_review and send_after_commit:
            transaction.on_commit(lambda: emails_send_due(ids=[email.pk]))
    return email


def email_update_draft(
    *, email: OutboundEmail, subject: str, body_text: str, actor: Actor
) -> OutboundEmail:
    with unit_of_work(actor) as work:
        require(work.actor, OUTBOX_REVIEW)
        if email.status != OutboundEmailStatus.DRAFT:
            raise ValidationError(_("Solo se pueden editar los correos que esperan revisión."))
        email.subject = single_line(subject)
        email.body_text = body_text
        email.body_html = ""  # the edited text is now the message
        work.save(email, action=EmailAction.EDIT, summary=email.subject)
    return email


def email_approve(*, email: OutboundEmail, actor: Actor) -> OutboundEmail:
    """Release a draft: it is sent right after the commit, and what it announces may show."""
    with unit_of_work(actor) as work:
        require(work.actor, OUTBOX_REVIEW)
        email = OutboundEmail.objects.select_for_update().get(pk=email.pk)
        if email.status != OutboundEmailStatus.DRAFT:
            raise ValidationError(_("Este correo ya no espera revisión."))
        email.status = OutboundEmailStatus.QUEUED
        email.reviewed_by = work.actor.account
        email.reviewed_at = timezone.now()
        email.next_attempt_at = timezone.now()
        work.save(email, action=EmailAction.APPROVE, summary=email.subject)
        _touch_related(work, email)
        transaction.on_commit(lambda: emails_send_due(ids=[email.pk]))
    return email


def email_discard(*, email: OutboundEmail, actor: Actor) -> OutboundEmail:
    """Withdraw a draft or a queued message (a queued one may have been released already)."""
    with unit_of_work(actor) as work:
        require(work.actor, OUTBOX_REVIEW)
        email = OutboundEmail.objects.select_for_update().get(pk=email.pk)
        if email.status == OutboundEmailStatus.SENT:
            raise ValidationError(_("Un correo enviado no se puede descartar."))
        email.status = OutboundEmailStatus.DISCARDED
        work.save(email, action=EmailAction.DISCARD, summary=email.subject)
        _touch_related(work, email)
    return email


def related_record(email: OutboundEmail) -> models.Model | None:
    """The record the message is about (a proposal, a registration...), if it still exists."""
    if not (email.related_type and email.related_id):
        return None
    try:
        model = apps.get_model(email.related_type)
    except (LookupError, ValueError):
        return None
    record: models.Model | None = model._default_manager.filter(pk=email.related_id).first()
    return record


def _touch_related(work: Work, email: OutboundEmail) -> None:
    record = related_record(email)
    if record is not None:
        work.touch(record)  # its own public_scopes() say which pages may change


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


SEND_FIELDS = ["attempts", "status", "next_attempt_at", "sent_at", "last_error"]


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
        outcome = _send_one(pk)
        sent += outcome == EmailAction.SEND
        failed += outcome in (EmailAction.RETRY, EmailAction.FAIL)
    return sent, failed


def _send_one(pk: int) -> EmailAction | None:
    with unit_of_work(SENDER) as work:
        email = (
            OutboundEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=pk, status=OutboundEmailStatus.QUEUED)
            .first()
        )
        if email is None:
            return None
        email.attempts += 1
        try:
            _message(email).send(fail_silently=False)
        except Exception as error:  # any transport failure: keep it and retry later
            email.last_error = f"{type(error).__name__}: {error}"[:2000]
            if email.attempts >= MAX_ATTEMPTS:
                email.status = OutboundEmailStatus.FAILED
                outcome = EmailAction.FAIL
            else:
                email.next_attempt_at = timezone.now() + _backoff(email.attempts)
                outcome = EmailAction.RETRY
        else:
            email.status = OutboundEmailStatus.SENT
            email.sent_at = timezone.now()
            email.last_error = ""
            outcome = EmailAction.SEND
        work.save(email, fields=SEND_FIELDS, action=outcome, summary=email.subject)
    return outcome
