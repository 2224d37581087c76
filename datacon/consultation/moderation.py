"""Moderation of consultation comments: hiding with a public reason, restoring, dismissing reports.

Hiding replaces the text with a public reason, is logged in the public
moderation log, can be undone, and the author is told by e-mail; nothing is
ever deleted silently. Only holders of `consultation.moderate`
(datacon/consultation/permissions.py) may do it.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.mail import email_enqueue
from datacon.common.urls import absolute_url
from datacon.common.write import Work, unit_of_work
from datacon.consultation.models import (
    Comment,
    CommentStatus,
    ConsultationAction,
    Flag,
    ModerationAction,
    ModerationActionKind,
)

MIN_REASON_LENGTH = 5
MAX_REASON_LENGTH = 300


def _clean_reason(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if len(reason) < MIN_REASON_LENGTH:
        raise ValidationError(
            {"reason": _("Escriba el motivo: se publica en lugar del comentario.")}, code="reason"
        )
    if len(reason) > MAX_REASON_LENGTH:
        raise ValidationError(
            {
                "reason": _("El motivo puede tener hasta %(max)s caracteres.")
                % {"max": MAX_REASON_LENGTH}
            },
            code="reason_long",
        )
    return reason


def tell_author(work: Work, comment: Comment, subject: str, body: str, purpose: str) -> None:
    """E-mail the comment's author (if the account still exists) through the outbox."""
    user = comment.participant.user
    email = user.email if user is not None else ""
    if not email:
        return
    email_enqueue(
        to=email,
        subject=subject,
        body_text=body + "\n\n" + absolute_url(comment.get_absolute_url()),
        purpose=purpose,
        related=comment,
        # The outbox (common.mail) stores the account that caused the message.
        actor=work.actor,
    )


def _locked(comment: Comment) -> Comment:
    return (
        Comment.objects.select_for_update(of=("self",))
        .select_related("consultation", "participant__user")
        .get(pk=comment.pk)
    )


def _log(work: Work, comment: Comment, kind: str, reason: str, at: dt.datetime) -> None:
    work.save(
        ModerationAction(
            comment=comment, action=kind, reason=reason, actor=work.actor.account, at=at
        )
    )


def comment_hide(
    *,
    comment: Comment,
    reason: str,
    actor: Actor,
    notify_author: bool = True,
    now: dt.datetime | None = None,
) -> Comment:
    require(actor, "consultation.moderate", comment)
    reason = _clean_reason(reason)
    with unit_of_work(actor) as work:
        comment = _locked(comment)
        if comment.is_hidden:
            raise ValidationError(_("Este comentario ya está oculto."), code="already_hidden")
        comment.status = CommentStatus.HIDDEN
        comment.hidden_reason = reason
        comment.hidden_at = now or timezone.now()
        work.save(
            comment,
            action=ConsultationAction.COMMENT_HIDE,
            fields=["status", "hidden_reason", "hidden_at"],
        )
        _log(work, comment, ModerationActionKind.HIDE, reason, comment.hidden_at)
        pending = Flag.objects.filter(comment=comment, resolved_at__isnull=True)
        if pending.exists():
            work.update(
                pending, action=ConsultationAction.FLAGS_RESOLVE, resolved_at=timezone.now()
            )
        if notify_author:
            tell_author(
                work,
                comment,
                _("Su comentario fue ocultado por moderación"),
                _(
                    "Su comentario en «%(consultation)s» fue ocultado por moderación. En su lugar "
                    "se muestra: «Comentario ocultado por moderación: %(reason)s». Si no está de "
                    "acuerdo, responda a este correo para pedir una revisión."
                )
                % {"consultation": comment.consultation.title, "reason": reason},
                "consultation.comment_hidden",
            )
    return comment


def comment_restore(*, comment: Comment, reason: str, actor: Actor) -> Comment:
    require(actor, "consultation.moderate", comment)
    reason = _clean_reason(reason)
    with unit_of_work(actor) as work:
        comment = _locked(comment)
        if not comment.is_hidden:
            raise ValidationError(_("Este comentario no está oculto."), code="not_hidden")
        comment.status = CommentStatus.VISIBLE
        comment.hidden_reason = ""
        comment.hidden_at = None
        work.save(
            comment,
            action=ConsultationAction.COMMENT_RESTORE,
            fields=["status", "hidden_reason", "hidden_at"],
        )
        _log(work, comment, ModerationActionKind.RESTORE, reason, timezone.now())
        tell_author(
            work,
            comment,
            _("Su comentario volvió a publicarse"),
            _("Su comentario en «%(consultation)s» se publicó de nuevo. Motivo: %(reason)s")
            % {"consultation": comment.consultation.title, "reason": reason},
            "consultation.comment_restored",
        )
    return comment


def flags_dismiss(*, comment: Comment, reason: str, actor: Actor) -> int:
    require(actor, "consultation.moderate", comment)
    reason = _clean_reason(reason)
    with unit_of_work(actor) as work:
        pending = Flag.objects.filter(comment=comment, resolved_at__isnull=True)
        if not pending.exists():
            return 0
        count = work.update(
            pending, action=ConsultationAction.FLAGS_DISMISS, resolved_at=timezone.now()
        )
        _log(work, comment, ModerationActionKind.DISMISS, reason, timezone.now())
    return count
