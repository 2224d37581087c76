"""Official answers to consultation comments, given by the answering (technical) group.

One answer per top comment: accepted, partly accepted or not accepted, with its
reasons and, when a later version of the document addresses it, the paragraph
that does. Only holders of `consultation.answer` (datacon/consultation/
permissions.py) may give or change it; the author is told of the first answer.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.write import unit_of_work
from datacon.consultation.models import Answer, AnswerStatus, Comment, ConsultationAction
from datacon.consultation.moderation import tell_author
from datacon.policy.models import Paragraph

MIN_ANSWER_LENGTH = 10


def _answer_errors(
    comment: Comment, status: str, reason: str, addressed_in: Paragraph | None
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if status not in AnswerStatus.values:
        errors.setdefault("status", []).append(_("Elija el dictamen."))
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
    return errors


def answer_save(
    *,
    comment: Comment,
    status: str,
    reason: str,
    addressed_in: Paragraph | None = None,
    actor: Actor,
    notify_author: bool = True,
    now: dt.datetime | None = None,
) -> Answer:
    """Create or change the official answer to a top comment."""
    require(actor, "consultation.answer", comment)
    if comment.parent_id is not None:
        raise ValidationError(
            _("Las respuestas oficiales se dan a los comentarios, no a las réplicas de un hilo.")
        )
    reason = (reason or "").strip()
    errors = _answer_errors(comment, status, reason, addressed_in)
    if errors:
        raise ValidationError(errors)
    with unit_of_work(actor) as work:
        answer = Answer.objects.select_for_update().filter(comment=comment).first()
        first = answer is None
        if answer is None:
            answer = Answer(comment=comment, answered_at=now or timezone.now())
        answer.status = status
        answer.reason = reason
        answer.addressed_in = addressed_in
        answer.answered_by = work.actor.account
        work.save(
            answer,
            action=ConsultationAction.ANSWER_CREATE if first else ConsultationAction.ANSWER_UPDATE,
            extra_changes={"status": status, "addressed_in": getattr(addressed_in, "pk", None)},
        )
        if first and notify_author:
            tell_author(
                work,
                comment,
                _("Su comentario recibió una respuesta oficial"),
                _("Su comentario en «%(consultation)s» recibió una respuesta oficial: %(status)s.")
                % {
                    "consultation": comment.consultation.title,
                    "status": AnswerStatus(status).label,
                },
                "consultation.comment_answered",
            )
    return answer
