"""Writes for consultations: joining, commenting, supporting, reporting, moderating, answering.

The rules live here, not in views or forms, so the API, the back office and
tests get the same behaviour:

* only people whose e-mail is verified take part;
* comments, replies and supports are accepted only while the consultation is
  open, counted in the consultation's own time zone, on the server's clock;
* a comment is between MIN_COMMENT_LENGTH and the consultation's maximum;
* a passage is stored with its offsets in the paragraph's text, checked
  against that text (never trusted from the browser);
* hiding replaces the text with a public reason, is logged, can be undone,
  and the author is told by e-mail; nothing is ever deleted silently.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from datacon.common.audit import audit_record
from datacon.common.mail import email_enqueue
from datacon.common.services import record_save
from datacon.common.slugs import unique_slug_for
from datacon.common.templatetags.datacon import long_date
from datacon.common.urls import absolute_url
from datacon.common.versions import consultation_scope, public_version_bump
from datacon.consultation.models import (
    ALL_CONSULTATIONS,
    MIN_COMMENT_LENGTH,
    Answer,
    AnswerStatus,
    Comment,
    CommentStatus,
    Consultation,
    ConsultationStatus,
    Flag,
    ModerationAction,
    ModerationActionKind,
    Participant,
    Phase,
    Support,
)
from datacon.policy.models import Paragraph, ParagraphKind

MIN_REASON_LENGTH = 5
MAX_REASON_LENGTH = 300
MIN_ANSWER_LENGTH = 10
_DEFAULT_NAME = re.compile(r"^\s*participante\s*\d+\s*$", re.IGNORECASE)


def consultation_save(*, consultation: Consultation, actor: Any) -> Consultation:
    if not consultation.slug:
        consultation.slug = unique_slug_for(consultation, consultation.title)
    return record_save(instance=consultation, actor=actor)


# --- who may take part --------------------------------------------------------------------------


def user_has_verified_email(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, verified=True).exists()


def _require_verified(user: Any) -> None:
    if not getattr(user, "is_authenticated", False):
        raise ValidationError(_("Inicie sesión para participar."), code="anonymous")
    if not user_has_verified_email(user):
        raise ValidationError(
            _("Confirme primero su correo electrónico: le enviamos un enlace al registrarse."),
            code="unverified",
        )


def _require_published(consultation: Consultation) -> None:
    if consultation.status != ConsultationStatus.PUBLISHED or not consultation.process.is_public:
        raise ValidationError(_("Esta consulta no está publicada."), code="not_published")


def _require_open(consultation: Consultation, now: dt.datetime | None) -> None:
    """The period check, on the server's clock, in the consultation's time zone."""
    _require_published(consultation)
    phase = consultation.phase_at(now or timezone.now())
    if phase == Phase.UPCOMING:
        raise ValidationError(
            _("La consulta abre el %(date)s; todavía no se reciben comentarios.")
            % {"date": long_date(consultation.opens_on, False)},
            code="upcoming",
        )
    if phase == Phase.CLOSED:
        raise ValidationError(
            _(
                "La consulta cerró el %(date)s a las 23:59 (%(tz)s); ya no se reciben "
                "comentarios, respuestas ni apoyos."
            )
            % {
                "date": long_date(consultation.closes_on, False),
                "tz": consultation.timezone,
            },
            code="closed",
        )


def participant_for(*, consultation: Consultation, user: Any) -> Participant | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Participant.objects.filter(consultation=consultation, user=user).first()


def _require_participant(consultation: Consultation, user: Any) -> Participant:
    _require_verified(user)
    participant = participant_for(consultation=consultation, user=user)
    if participant is None:
        raise ValidationError(
            _("Antes de comentar, únase a la consulta y acepte sus reglas."),
            code="not_participant",
        )
    return participant


def _clean_display_name(consultation: Consultation, name: str, participant_id: int | None) -> str:
    name = " ".join((name or "").split())
    if not name:
        return ""
    if len(name) > 60:
        raise ValidationError(
            {"display_name": _("El nombre puede tener hasta 60 caracteres.")}, code="too_long"
        )
    if "@" in name:
        raise ValidationError(
            {
                "display_name": _(
                    "No use su correo electrónico como nombre: se mostraría en público."
                )
            },
            code="email_as_name",
        )
    if _DEFAULT_NAME.match(name):
        raise ValidationError(
            {
                "display_name": _(
                    "Ese nombre parece el de otra persona participante; elija otro o deje el campo vacío."
                )
            },
            code="impersonation",
        )
    others = Participant.objects.filter(consultation=consultation, display_name__iexact=name)
    if participant_id is not None:
        others = others.exclude(pk=participant_id)
    taken = others.exists()
    if taken:
        raise ValidationError(
            {"display_name": _("Otra persona ya usa ese nombre en esta consulta; elija otro.")},
            code="name_taken",
        )
    return name


def participant_join(
    *,
    consultation: Consultation,
    user: Any,
    display_name: str = "",
    accept_rules: bool,
    now: dt.datetime | None = None,
) -> Participant:
    """Join (or change the shown name). Idempotent: joining twice keeps one participant."""
    _require_published(consultation)
    _require_verified(user)
    with transaction.atomic():
        # Lock the consultation row: participant numbers are handed out in order.
        Consultation.objects.select_for_update().filter(pk=consultation.pk).first()
        existing = participant_for(consultation=consultation, user=user)
        name = _clean_display_name(
            consultation, display_name, existing.pk if existing is not None else None
        )
        if existing is not None:
            closed = consultation.phase_at(now or timezone.now()) == Phase.CLOSED
            if closed and existing.display_name != name:
                # Each comment keeps the name it was published with, so a new one
                # would show nowhere: say so instead of pretending to change it.
                raise ValidationError(
                    {
                        "display_name": _(
                            "La consulta ya cerró: cada comentario conserva el nombre con que "
                            "se publicó."
                        )
                    },
                    code="closed",
                )
            if existing.display_name != name:
                existing.display_name = name
                existing.save(update_fields=["display_name"])
                audit_record(actor=user, action="participant.rename", instance=existing)
                _bump(consultation.pk)
            return existing
        if consultation.phase_at(now or timezone.now()) == Phase.CLOSED:
            raise ValidationError(_("La consulta ya cerró; no es posible unirse."), code="closed")
        if not accept_rules:
            raise ValidationError(
                {"accept_rules": _("Para participar debe aceptar las reglas de la consulta.")},
                code="rules",
            )
        highest = Participant.objects.filter(consultation=consultation).aggregate(n=Max("number"))
        participant = Participant.objects.create(
            consultation=consultation,
            user=user,
            number=(highest["n"] or 0) + 1,
            display_name=name,
        )
        audit_record(actor=user, action="participant.join", instance=participant)
    return participant


# --- comments ------------------------------------------------------------------------------------


def _clean_body(consultation: Consultation, body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Escriba su comentario.")}, code="empty")
    if len(body) < MIN_COMMENT_LENGTH:
        raise ValidationError(
            {
                "body": _("Su comentario es muy breve: escriba al menos %(min)s caracteres.")
                % {"min": MIN_COMMENT_LENGTH}
            },
            code="too_short",
        )
    if len(body) > consultation.max_comment_length:
        raise ValidationError(
            {
                "body": _(
                    "Su comentario tiene %(length)s caracteres y el máximo es %(max)s. "
                    "Acórtelo o divídalo en varios comentarios; su texto sigue en el formulario."
                )
                % {"length": len(body), "max": consultation.max_comment_length}
            },
            code="too_long",
        )
    return body


def locate_quote(
    *, text: str, quote: str, start: int | None, end: int | None
) -> tuple[str, int | None, int | None]:
    """Check a selected passage against the paragraph's text and return (quote, start, end).

    The offsets come from the browser; the paragraph's own text decides. If the
    offsets do not point at the quote, the first occurrence of the quote is used.
    """
    quote = (quote or "").strip()
    if not quote:
        return "", None, None
    if (
        start is not None
        and end is not None
        and 0 <= start < end <= len(text)
        and text[start:end].strip() == quote
    ):
        inner = text[start:end]
        lead = len(inner) - len(inner.lstrip())
        return quote, start + lead, start + lead + len(quote)
    position = text.find(quote)
    if position < 0:
        raise ValidationError(
            {
                "quote": _(
                    "El fragmento seleccionado no está en el párrafo; vuelva a seleccionarlo."
                )
            },
            code="quote_not_found",
        )
    return quote, position, position + len(quote)


REPEAT_WINDOW = dt.timedelta(minutes=10)


def _just_sent(
    participant: Participant,
    paragraph_id: int,
    parent_id: int | None,
    body: str,
    now: dt.datetime | None,
) -> Comment | None:
    """The same text by the same person on the same place a moment ago, if any."""
    moment = now or timezone.now()
    return (
        Comment.objects.filter(
            participant=participant,
            paragraph_id=paragraph_id,
            parent_id=parent_id,
            body=body,
            created_at__gte=moment - REPEAT_WINDOW,
        )
        .order_by("-created_at")
        .first()
    )


def comment_create(
    *,
    consultation: Consultation,
    paragraph: Paragraph,
    user: Any,
    body: str,
    quote: str = "",
    quote_start: int | None = None,
    quote_end: int | None = None,
    now: dt.datetime | None = None,
) -> Comment:
    _require_open(consultation, now)
    participant = _require_participant(consultation, user)
    if paragraph.version_id != consultation.version_id or paragraph.kind != ParagraphKind.TEXT:
        raise ValidationError(_("Ese párrafo no forma parte de la versión en consulta."))
    body = _clean_body(consultation, body)
    quote, quote_start, quote_end = locate_quote(
        text=paragraph.plain_text, quote=quote, start=quote_start, end=quote_end
    )
    with transaction.atomic():
        repeated = _just_sent(participant, paragraph.pk, None, body, now)
        if repeated is not None:  # a double click or a resent form: one comment
            return repeated
        comment = Comment.objects.create(
            consultation=consultation,
            paragraph=paragraph,
            identity_id=paragraph.identity_id,
            position=paragraph.position,
            participant=participant,
            author_name=participant.display_name,
            body=body,
            quote=quote,
            quote_start=quote_start,
            quote_end=quote_end,
            created_at=now or timezone.now(),
        )
        audit_record(actor=user, action="comment.create", instance=comment)
        _bump(consultation.pk)
    return comment


def comment_reply(
    *, parent: Comment, user: Any, body: str, now: dt.datetime | None = None
) -> Comment:
    consultation = parent.consultation
    _require_open(consultation, now)
    participant = _require_participant(consultation, user)
    if parent.is_hidden:
        raise ValidationError(_("No se puede responder a un comentario ocultado por moderación."))
    body = _clean_body(consultation, body)
    with transaction.atomic():
        repeated = _just_sent(participant, parent.paragraph_id, parent.pk, body, now)
        if repeated is not None:
            return repeated
        reply = Comment.objects.create(
            consultation=consultation,
            paragraph_id=parent.paragraph_id,
            identity_id=parent.identity_id,
            position=parent.position,
            participant=participant,
            author_name=participant.display_name,
            parent=parent,
            root_id=parent.root_id or parent.pk,
            body=body,
            created_at=now or timezone.now(),
        )
        audit_record(actor=user, action="comment.reply", instance=reply)
        _bump(consultation.pk)
    return reply


def support_add(
    *, comment: Comment, user: Any, now: dt.datetime | None = None
) -> tuple[Support, bool]:
    """Support a comment once. Supporting again returns the existing support (created=False)."""
    consultation = comment.consultation
    _require_open(consultation, now)
    participant = _require_participant(consultation, user)
    if comment.participant_id == participant.pk:
        raise ValidationError(_("No puede apoyar su propio comentario."), code="own")
    if comment.is_hidden:
        raise ValidationError(_("Un comentario ocultado por moderación no puede recibir apoyos."))
    existing = Support.objects.filter(comment=comment, participant=participant).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            support = Support.objects.create(
                comment=comment, participant=participant, created_at=now or timezone.now()
            )
            _bump(consultation.pk)
    except IntegrityError:  # a double click raced the first one: same result
        return Support.objects.get(comment=comment, participant=participant), False
    return support, True


def support_withdraw(*, comment: Comment, user: Any, now: dt.datetime | None = None) -> bool:
    consultation = comment.consultation
    _require_open(consultation, now)
    participant = _require_participant(consultation, user)
    with transaction.atomic():
        deleted, _detail = Support.objects.filter(comment=comment, participant=participant).delete()
        if deleted:
            _bump(consultation.pk)
    return bool(deleted)


def comment_flag(*, comment: Comment, user: Any, reason: str) -> tuple[Flag, bool]:
    """Report a comment to the moderators. Reporting twice keeps the first report."""
    _require_verified(user)
    _require_published(comment.consultation)
    reason = " ".join((reason or "").split())
    if len(reason) < MIN_REASON_LENGTH:
        raise ValidationError(
            {"reason": _("Explique brevemente por qué reporta este comentario.")}, code="reason"
        )
    if len(reason) > MAX_REASON_LENGTH:
        raise ValidationError(
            {
                "reason": _("El motivo puede tener hasta %(max)s caracteres.")
                % {"max": MAX_REASON_LENGTH}
            },
            code="reason_long",
        )
    if comment.is_hidden:
        raise ValidationError(_("Este comentario ya fue ocultado por moderación."))
    existing = Flag.objects.filter(comment=comment, reporter=user).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            flag = Flag.objects.create(comment=comment, reporter=user, reason=reason)
    except IntegrityError:
        return Flag.objects.get(comment=comment, reporter=user), False
    return flag, True


# --- moderation ----------------------------------------------------------------------------------


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


def _tell_author(comment: Comment, subject: str, body: str, purpose: str, actor: Any) -> None:
    user = comment.participant.user
    email = getattr(user, "email", "") if user is not None else ""
    if not email:
        return

    email_enqueue(
        to=email,
        subject=subject,
        body_text=body + "\n\n" + absolute_url(comment.get_absolute_url()),
        purpose=purpose,
        related=comment,
        actor=actor,
    )


def comment_hide(
    *,
    comment: Comment,
    reason: str,
    actor: Any,
    notify_author: bool = True,
    now: dt.datetime | None = None,
) -> Comment:
    reason = _clean_reason(reason)
    with transaction.atomic():
        comment = (
            Comment.objects.select_for_update(of=("self",))
            .select_related("consultation", "participant__user")
            .get(pk=comment.pk)
        )
        if comment.is_hidden:
            raise ValidationError(_("Este comentario ya está oculto."), code="already_hidden")
        comment.status = CommentStatus.HIDDEN
        comment.hidden_reason = reason
        comment.hidden_at = now or timezone.now()
        comment.save(update_fields=["status", "hidden_reason", "hidden_at"])
        ModerationAction.objects.create(
            comment=comment,
            action=ModerationActionKind.HIDE,
            reason=reason,
            actor=_user(actor),
            at=comment.hidden_at,
        )
        Flag.objects.filter(comment=comment, resolved_at__isnull=True).update(
            resolved_at=timezone.now()
        )
        audit_record(
            actor=actor, action="comment.hide", instance=comment, changes={"reason": reason}
        )
        if notify_author:
            _tell_author(
                comment,
                _("Su comentario fue ocultado por moderación"),
                _(
                    "Su comentario en «%(consultation)s» fue ocultado por moderación. En su lugar "
                    "se muestra: «Comentario ocultado por moderación: %(reason)s». Si no está de "
                    "acuerdo, responda a este correo para pedir una revisión."
                )
                % {"consultation": comment.consultation.title, "reason": reason},
                "consultation.comment_hidden",
                actor,
            )
        _bump(comment.consultation_id)
    return comment


def comment_restore(*, comment: Comment, reason: str, actor: Any) -> Comment:
    reason = _clean_reason(reason)
    with transaction.atomic():
        comment = (
            Comment.objects.select_for_update(of=("self",))
            .select_related("consultation", "participant__user")
            .get(pk=comment.pk)
        )
        if not comment.is_hidden:
            raise ValidationError(_("Este comentario no está oculto."), code="not_hidden")
        comment.status = CommentStatus.VISIBLE
        comment.hidden_reason = ""
        comment.hidden_at = None
        comment.save(update_fields=["status", "hidden_reason", "hidden_at"])
        ModerationAction.objects.create(
            comment=comment,
            action=ModerationActionKind.RESTORE,
            reason=reason,
            actor=_user(actor),
        )
        audit_record(
            actor=actor, action="comment.restore", instance=comment, changes={"reason": reason}
        )
        _tell_author(
            comment,
            _("Su comentario volvió a publicarse"),
            _("Su comentario en «%(consultation)s» se publicó de nuevo. Motivo: %(reason)s")
            % {"consultation": comment.consultation.title, "reason": reason},
            "consultation.comment_restored",
            actor,
        )
        _bump(comment.consultation_id)
    return comment


def flags_dismiss(*, comment: Comment, reason: str, actor: Any) -> int:
    reason = _clean_reason(reason)
    with transaction.atomic():
        count = Flag.objects.filter(comment=comment, resolved_at__isnull=True).update(
            resolved_at=timezone.now()
        )
        if count:
            ModerationAction.objects.create(
                comment=comment,
                action=ModerationActionKind.DISMISS,
                reason=reason,
                actor=_user(actor),
            )
            audit_record(actor=actor, action="comment.flags_dismiss", instance=comment)
            _bump(comment.consultation_id)
    return count


def _bump(consultation_id: int) -> None:
    public_version_bump(consultation_scope(consultation_id), ALL_CONSULTATIONS)


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


# --- official answers ----------------------------------------------------------------------------


def answer_save(
    *,
    comment: Comment,
    status: str,
    reason: str,
    addressed_in: Paragraph | None = None,
    actor: Any,
    notify_author: bool = True,
    now: dt.datetime | None = None,
) -> Answer:
    """Create or change the official answer to a top comment."""
    errors: dict[str, list[str]] = {}
    if comment.parent_id is not None:
        raise ValidationError(
            _("Las respuestas oficiales se dan a los comentarios, no a las réplicas de un hilo.")
        )
    if status not in AnswerStatus.values:
        errors.setdefault("status", []).append(_("Elija el dictamen."))
    reason = (reason or "").strip()
    if len(reason) < MIN_ANSWER_LENGTH:
        errors.setdefault("reason", []).append(
            _("Explique las razones del dictamen (al menos %(min)s caracteres).")
            % {"min": MIN_ANSWER_LENGTH}
        )
    consulted = comment.consultation.version
    if addressed_in is not None:
        if status == AnswerStatus.NOT_ACCEPTED:
            errors.setdefault("addressed_in", []).append(
                _("Un comentario no aceptado no se atiende en ningún párrafo; deje el campo vacío.")
            )
        elif addressed_in.version.document_id != consulted.document_id:
            errors.setdefault("addressed_in", []).append(
                _("El párrafo debe ser del mismo documento.")
            )
        elif addressed_in.version.number <= consulted.number:
            errors.setdefault("addressed_in", []).append(
                _("El párrafo debe ser de una versión posterior a la consultada (v%(number)s).")
                % {"number": consulted.number}
            )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        answer = Answer.objects.select_for_update().filter(comment=comment).first()
        first = answer is None
        if answer is None:
            answer = Answer(comment=comment)
        answer.status = status
        answer.reason = reason
        answer.addressed_in = addressed_in
        answer.answered_by = _user(actor)
        if first:
            answer.answered_at = now or timezone.now()
        answer.save()
        audit_record(
            actor=actor,
            action="answer.create" if first else "answer.update",
            instance=answer,
            changes={
                "status": status,
                "addressed_in": addressed_in.pk if addressed_in is not None else None,
            },
        )
        if first and notify_author:
            _tell_author(
                comment,
                _("Su comentario recibió una respuesta oficial"),
                _("Su comentario en «%(consultation)s» recibió una respuesta oficial: %(status)s.")
                % {
                    "consultation": comment.consultation.title,
                    "status": AnswerStatus(status).label,
                },
                "consultation.comment_answered",
                actor,
            )
        _bump(comment.consultation_id)
    return answer
