"""Writes for consultations: joining, commenting, supporting, reporting (moderation and
official answers: `moderation.py`, `answers.py`).

The rules live here, not in views or forms, so the API, the back office and
tests get the same behaviour:

* only people whose e-mail is verified take part;
* comments, replies and supports are accepted only while the consultation is
  open, counted in the consultation's own time zone, on the server's clock;
* a comment is between MIN_COMMENT_LENGTH and the consultation's maximum;
* a passage is stored with its offsets in the paragraph's text, checked
  against that text (never trusted from the browser);
* every write goes through the unit of work (datacon.common.write), which
  audits it and bumps the consultation's public scopes.
"""

from __future__ import annotations

import datetime as dt
import re

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.dates import long_date
from datacon.common.slugs import unique_slug_for
from datacon.common.write import unit_of_work
from datacon.consultation.models import (
    MIN_COMMENT_LENGTH,
    Comment,
    Consultation,
    ConsultationAction,
    ConsultationStatus,
    Flag,
    Participant,
    Phase,
    Support,
)
from datacon.consultation.moderation import MAX_REASON_LENGTH, MIN_REASON_LENGTH
from datacon.policy.models import Paragraph, ParagraphKind

_DEFAULT_NAME = re.compile(r"^\s*participante\s*\d+\s*$", re.IGNORECASE)


def consultation_save(*, consultation: Consultation, actor: Actor) -> Consultation:
    require(actor, "consultation.edit_record", consultation)
    if not consultation.slug:
        consultation.slug = unique_slug_for(consultation, consultation.title)
    with unit_of_work(actor) as work:
        return work.save(consultation)


def consultation_delete(*, consultation: Consultation, actor: Actor) -> None:
    """Delete a consultation (the Django admin); its comments go with it."""
    require(actor, "consultation.delete_record", consultation)
    with unit_of_work(actor) as work:
        work.delete(consultation)


# --- who may take part --------------------------------------------------------------------------


def user_has_verified_email(user: User | AnonymousUser | None) -> bool:
    if user is None or not user.is_authenticated:
        return False
    from allauth.account.models import EmailAddress

    verified: bool = EmailAddress.objects.filter(user=user, verified=True).exists()
    return verified


def _require_verified(actor: Actor) -> None:
    if not actor.is_authenticated:
        raise ValidationError(_("Inicie sesión para participar."), code="anonymous")
    if not user_has_verified_email(actor.account):
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


def participant_for(
    *, consultation: Consultation, user: User | AnonymousUser | None
) -> Participant | None:
    if user is None or not user.is_authenticated:
        return None
    return Participant.objects.filter(consultation=consultation, user=user).first()


def _require_participant(consultation: Consultation, actor: Actor) -> Participant:
    _require_verified(actor)
    participant = participant_for(consultation=consultation, user=actor.account)
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
    actor: Actor,
    display_name: str = "",
    accept_rules: bool,
    now: dt.datetime | None = None,
) -> Participant:
    """Join (or change the shown name). Idempotent: joining twice keeps one participant."""
    _require_published(consultation)
    _require_verified(actor)
    with unit_of_work(actor) as work:
        # Lock the consultation row: participant numbers are handed out in order.
        Consultation.objects.select_for_update().filter(pk=consultation.pk).first()
        existing = participant_for(consultation=consultation, user=work.actor.account)
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
                work.save(
                    existing,
                    action=ConsultationAction.PARTICIPANT_RENAME,
                    fields=["display_name"],
                )
            return existing
        if consultation.phase_at(now or timezone.now()) == Phase.CLOSED:
            raise ValidationError(_("La consulta ya cerró; no es posible unirse."), code="closed")
        if not accept_rules:
            raise ValidationError(
                {"accept_rules": _("Para participar debe aceptar las reglas de la consulta.")},
                code="rules",
            )
        highest = Participant.objects.filter(consultation=consultation).aggregate(n=Max("number"))
        participant = work.save(
            Participant(
                consultation=consultation,
                user=work.actor.account,
                number=(highest["n"] or 0) + 1,
                display_name=name,
            ),
            action=ConsultationAction.PARTICIPANT_JOIN,
        )
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
    actor: Actor,
    body: str,
    quote: str = "",
    quote_start: int | None = None,
    quote_end: int | None = None,
    now: dt.datetime | None = None,
) -> Comment:
    _require_open(consultation, now)
    participant = _require_participant(consultation, actor)
    if paragraph.version_id != consultation.version_id or paragraph.kind != ParagraphKind.TEXT:
        raise ValidationError(_("Ese párrafo no forma parte de la versión en consulta."))
    body = _clean_body(consultation, body)
    quote, quote_start, quote_end = locate_quote(
        text=paragraph.plain_text, quote=quote, start=quote_start, end=quote_end
    )
    with unit_of_work(actor) as work:
        repeated = _just_sent(participant, paragraph.pk, None, body, now)
        if repeated is not None:  # a double click or a resent form: one comment
            return repeated
        comment = Comment(
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
        work.save(comment, action=ConsultationAction.COMMENT_CREATE)
    return comment


def comment_reply(
    *, parent: Comment, actor: Actor, body: str, now: dt.datetime | None = None
) -> Comment:
    consultation = parent.consultation
    _require_open(consultation, now)
    participant = _require_participant(consultation, actor)
    if parent.is_hidden:
        raise ValidationError(_("No se puede responder a un comentario ocultado por moderación."))
    body = _clean_body(consultation, body)
    with unit_of_work(actor) as work:
        repeated = _just_sent(participant, parent.paragraph_id, parent.pk, body, now)
        if repeated is not None:
            return repeated
        reply = Comment(
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
        work.save(reply, action=ConsultationAction.COMMENT_REPLY)
    return reply


def support_add(
    *, comment: Comment, actor: Actor, now: dt.datetime | None = None
) -> tuple[Support, bool]:
    """Support a comment once. Supporting again returns the existing support (created=False).

    Supporting one's own comment is refused as a forbidden action (PermissionDenied, a
    403): the pages never offer it.
    """
    consultation = comment.consultation
    _require_open(consultation, now)
    participant = _require_participant(consultation, actor)
    if comment.participant_id == participant.pk:
        raise PermissionDenied(_("No puede apoyar su propio comentario."))
    if comment.is_hidden:
        raise ValidationError(_("Un comentario ocultado por moderación no puede recibir apoyos."))
    existing = Support.objects.filter(comment=comment, participant=participant).first()
    if existing is not None:
        return existing, False
    try:
        with unit_of_work(actor) as work:
            support = work.save(
                Support(comment=comment, participant=participant, created_at=now or timezone.now()),
                # The database's unique constraint decides a race (a double click).
                exclude_from_validation=["comment", "participant"],
            )
    except IntegrityError:  # a double click raced the first one: same result
        return Support.objects.get(comment=comment, participant=participant), False
    return support, True


def support_withdraw(*, comment: Comment, actor: Actor, now: dt.datetime | None = None) -> bool:
    consultation = comment.consultation
    _require_open(consultation, now)
    participant = _require_participant(consultation, actor)
    with unit_of_work(actor) as work:
        support = (
            Support.objects.select_for_update()
            .filter(comment=comment, participant=participant)
            .first()
        )
        if support is None:
            return False
        work.delete(support)
    return True


def comment_flag(*, comment: Comment, actor: Actor, reason: str) -> tuple[Flag, bool]:
    """Report a comment to the moderators. Reporting twice keeps the first report."""
    _require_verified(actor)
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
    reporter = actor.account
    existing = Flag.objects.filter(comment=comment, reporter=reporter).first()
    if existing is not None:
        return existing, False
    try:
        with unit_of_work(actor) as work:
            flag = work.save(
                Flag(comment=comment, reporter=reporter, reason=reason),
                # The database's unique constraint decides a race (a double click).
                exclude_from_validation=["comment", "reporter"],
            )
    except IntegrityError:
        return Flag.objects.get(comment=comment, reporter=reporter), False
    return flag, True
