"""The comments of the large consultation, written in bulk: participants, threads
(some on a quoted passage), supports, moderation with its public log, reports and
official answers. See the package's docstring for the rules kept by hand."""

from __future__ import annotations

import datetime as dt
import random
import zoneinfo
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from datacon.consultation.models import (
    MIN_COMMENT_LENGTH,
    Answer,
    AnswerStatus,
    Comment,
    CommentStatus,
    Consultation,
    Flag,
    ModerationAction,
    ModerationActionKind,
    Participant,
    Support,
)
from datacon.consultation.services import locate_quote
from datacon.policy.models import (
    Paragraph,
    ParagraphKind,
)

if TYPE_CHECKING:
    pass

BATCH_SIZE = 1000
TZ = zoneinfo.ZoneInfo("America/Mexico_City")
COMMENT_DAYS = 300  # comments arrive over this many days after the opening
SECOND_VERSION_AT = dt.datetime(2025, 11, 3, 10, 0, tzinfo=TZ)  # official answers come after it
TOP_SHARE = 0.8  # the rest are replies
SECOND_LEVEL_SHARE = 0.25  # of replies: answers to a reply
QUOTE_SHARE = 0.12
HIDDEN_SHARE = 0.012
REPLY_HIDDEN_SHARE = 0.005
OPEN_FLAG_SHARE = 0.003  # visible comments with a report still waiting for a moderator
ANSWERED_SHARE = 0.25  # of visible top comments
NAMED_SHARE = 0.25  # participants who chose a name instead of "Participante N"

COMMENT_OPENERS = [
    "Propongo que", "Sugiero que", "Me parece importante que", "No queda claro si",
    "Convendría precisar que", "Desde mi experiencia en un gobierno local,",
    "Como periodista de datos, pido que", "Falta mencionar que", "Estoy de acuerdo, y además",
    "Preocupa que", "Recomiendo que", "Sería útil que",
]  # fmt: skip
COMMENT_CLAIMS = [
    "se publiquen los datos con su fecha de actualización",
    "la política incluya metas con plazos concretos",
    "los municipios pequeños reciban acompañamiento técnico",
    "se consulte a las comunidades indígenas en su lengua",
    "los datos de contrataciones se publiquen con el estándar de contrataciones abiertas",
    "haya una instancia para reportar errores en los datos",
    "el presupuesto para la apertura de datos sea explícito",
    "se documenten los cambios entre versiones de cada conjunto de datos",
    "la protección de datos personales no sirva de pretexto para no publicar",
    "se incluyan datos desagregados por sexo y por entidad federativa",
    "los formatos sean accesibles para personas con discapacidad",
    "se reconozca el trabajo de la sociedad civil que ya reutiliza estos datos",
]  # fmt: skip
COMMENT_CLOSERS = [
    "", "", " Gracias por abrir esta consulta.", " Hay ejemplos en otros países.",
    " Esto facilitaría la reutilización.", " Sin esto será difícil medir el avance.",
]  # fmt: skip
REPLY_TEXTS = [
    "Coincido con este comentario y agrego que debería aplicarse también a los estados.",
    "No estoy de acuerdo: esto aumentaría la carga de trabajo sin mejorar los datos.",
    "Buen punto. En mi institución lo intentamos y funcionó con poco presupuesto.",
    "¿Podría dar un ejemplo concreto de cómo se aplicaría?",
    "Esto ya está parcialmente en el párrafo siguiente, pero convendría decirlo aquí.",
    "Apoyo la propuesta, siempre que se acompañe de capacitación.",
]  # fmt: skip
HIDDEN_REASONS = [
    "Publicidad comercial ajena a la consulta (regla 3 de participación).",
    "Contiene datos personales de terceras personas (regla 4 de participación).",
    "Lenguaje ofensivo hacia otra persona participante (regla 2 de participación).",
]
FLAG_REASONS = [
    "Parece publicidad, no un comentario sobre el borrador.",
    "Incluye el teléfono de una persona.",
    "Es un insulto a otra persona participante.",
]
ANSWER_REASONS = {
    AnswerStatus.ACCEPTED: "Se incorporó la propuesta en la versión 2 del borrador ficticio.",
    AnswerStatus.PARTLY: (
        "Se incorporó en parte; el resto se tratará en los anexos técnicos (respuesta ficticia)."
    ),
    AnswerStatus.NOT_ACCEPTED: (
        "No se incorpora: excede el alcance de la política según su mandato (respuesta ficticia)."
    ),
}
ANSWER_WEIGHTS = {AnswerStatus.ACCEPTED: 35, AnswerStatus.PARTLY: 30, AnswerStatus.NOT_ACCEPTED: 35}


def _bulk(model: Any, objects: list[Any]) -> list[Any]:
    created: list[Any] = []
    for start in range(0, len(objects), BATCH_SIZE):
        created.extend(model._default_manager.bulk_create(objects[start : start + BATCH_SIZE]))
    return created


@dataclass
class _Plan:
    """One comment before it is written: the parent is another plan, not an id."""

    paragraph: Paragraph
    participant: int  # index into the participants list
    created_at: dt.datetime
    body: str
    parent: _Plan | None = None
    level: int = 0
    quote: tuple[str, int | None, int | None] = ("", None, None)
    hidden_reason: str = ""
    comment: Comment | None = None
    replies: list[_Plan] = field(default_factory=list)

    @property
    def root(self) -> _Plan | None:
        plan = self.parent
        while plan is not None and plan.parent is not None:
            plan = plan.parent
        return plan


def _comments(
    consultation: Consultation, first_id: int, second_id: int, count: int, rng: random.Random
) -> int:
    paragraphs = list(
        Paragraph.objects.filter(version_id=first_id, kind=ParagraphKind.TEXT).order_by("position")
    )
    later = {
        paragraph.identity_id: paragraph
        for paragraph in Paragraph.objects.filter(version_id=second_id, kind=ParagraphKind.TEXT)
    }
    opens_at = consultation.opens_at
    # Some paragraphs draw far more comments than others.
    ranks = list(range(1, len(paragraphs) + 1))
    rng.shuffle(ranks)
    weights = [1 / rank**0.8 for rank in ranks]

    participants = _participants(consultation, rng, max(3, count // 4), opens_at)
    # Some people comment a lot: weight participants by a long-tailed activity.
    activity = [rng.paretovariate(1.2) for _ in participants]

    top_total = max(1, round(count * TOP_SHARE)) if count > 1 else count
    second_total = round((count - top_total) * SECOND_LEVEL_SHARE)
    first_total = count - top_total - second_total
    span = COMMENT_DAYS * 86400
    plans: list[_Plan] = []
    tops: list[_Plan] = []
    for number, paragraph, author, offset in zip(
        range(1, top_total + 1),
        rng.choices(paragraphs, weights=weights, k=top_total),
        rng.choices(range(len(participants)), weights=activity, k=top_total),
        sorted(rng.uniform(0, span) for _ in range(top_total)),
        strict=True,
    ):
        body = (
            f"{rng.choice(COMMENT_OPENERS)} {rng.choice(COMMENT_CLAIMS)}."
            f"{rng.choice(COMMENT_CLOSERS)} (Comentario ficticio {number:05d}.)"
        )
        plan = _Plan(
            paragraph=paragraph,
            participant=author,
            created_at=opens_at + dt.timedelta(seconds=round(offset)),
            body=body,
        )
        if rng.random() < QUOTE_SHARE:
            words = paragraph.plain_text.split()
            start = rng.randrange(0, max(1, len(words) - 8))
            quote = " ".join(words[start : start + rng.randint(3, 8)])
            plan.quote = locate_quote(text=paragraph.plain_text, quote=quote, start=None, end=None)
        if rng.random() < HIDDEN_SHARE:
            plan.hidden_reason = rng.choice(HIDDEN_REASONS)
        plans.append(plan)
        tops.append(plan)
    for level, total in ((1, first_total), (2, second_total)):
        candidates = [p for p in plans if p.level == level - 1 and not p.hidden_reason]
        if not candidates:
            break
        for number in range(total):
            parent = rng.choice(candidates)
            author = rng.randrange(len(participants))
            if author == parent.participant:  # people answer others, not themselves
                author = (author + 1) % len(participants)
            reply = _Plan(
                paragraph=parent.paragraph,
                participant=author,
                created_at=parent.created_at + dt.timedelta(seconds=rng.randint(600, 10 * 86400)),
                body=f"{rng.choice(REPLY_TEXTS)} (Respuesta ficticia {level}-{number + 1:05d}.)",
                parent=parent,
                level=level,
            )
            if rng.random() < REPLY_HIDDEN_SHARE:
                reply.hidden_reason = rng.choice(HIDDEN_REASONS)
            parent.replies.append(reply)
            plans.append(reply)
    # One instant per comment (then every list has a total order without ids),
    # always after its parent.
    plans.sort(key=lambda plan: (plan.created_at, plan.level))
    previous: dt.datetime | None = None
    for plan in plans:
        if plan.parent is not None and plan.created_at <= plan.parent.created_at:
            plan.created_at = plan.parent.created_at + dt.timedelta(seconds=1)
        if previous is not None and plan.created_at <= previous:
            plan.created_at = previous + dt.timedelta(seconds=1)
        previous = plan.created_at

    for level in (0, 1, 2):
        _bulk(
            Comment,
            [_comment(consultation, participants, plan) for plan in plans if plan.level == level],
        )
    _moderation(plans, rng)
    _supports(plans, participants, rng)
    _answers(tops, later, rng)
    return len(plans)


def _participants(
    consultation: Consultation, rng: random.Random, total: int, opens_at: dt.datetime
) -> list[Participant]:
    return _bulk(
        Participant,
        [
            Participant(
                consultation=consultation,
                number=number,
                display_name=f"Persona participante ficticia {number:05d}"
                if rng.random() < NAMED_SHARE
                else "",
                joined_at=opens_at + dt.timedelta(seconds=rng.randint(0, COMMENT_DAYS * 86400)),
            )
            for number in range(1, total + 1)
        ],
    )


def _comment(consultation: Consultation, participants: list[Participant], plan: _Plan) -> Comment:
    root = plan.root
    quote, quote_start, quote_end = plan.quote
    assert MIN_COMMENT_LENGTH <= len(plan.body) <= consultation.max_comment_length
    comment = Comment(
        consultation=consultation,
        paragraph=plan.paragraph,
        identity_id=plan.paragraph.identity_id,
        position=plan.paragraph.position,
        participant=participants[plan.participant],
        author_name=participants[plan.participant].display_name,
        parent=plan.parent.comment if plan.parent is not None else None,
        root=root.comment if root is not None else None,
        body=plan.body,
        quote=quote,
        quote_start=quote_start,
        quote_end=quote_end,
        status=CommentStatus.HIDDEN if plan.hidden_reason else CommentStatus.VISIBLE,
        hidden_reason=plan.hidden_reason,
        hidden_at=plan.created_at + dt.timedelta(hours=3) if plan.hidden_reason else None,
        created_at=plan.created_at,
    )
    plan.comment = comment
    return comment


def _moderation(plans: list[_Plan], rng: random.Random) -> None:
    actions, flags = [], []
    for plan in plans:
        comment = plan.comment
        assert comment is not None
        if plan.hidden_reason:
            flags.append(
                Flag(
                    comment=comment,
                    reason=rng.choice(FLAG_REASONS),
                    created_at=plan.created_at + dt.timedelta(hours=1),
                    resolved_at=comment.hidden_at,
                )
            )
            actions.append(
                ModerationAction(
                    comment=comment,
                    action=ModerationActionKind.HIDE,
                    reason=plan.hidden_reason,
                    at=comment.hidden_at,  # type: ignore[misc]
                )
            )
        elif rng.random() < OPEN_FLAG_SHARE:
            flags.append(
                Flag(
                    comment=comment,
                    reason=rng.choice(FLAG_REASONS),
                    created_at=plan.created_at + dt.timedelta(hours=2),
                )
            )
    _bulk(Flag, flags)
    _bulk(ModerationAction, actions)


def _supports(plans: list[_Plan], participants: list[Participant], rng: random.Random) -> None:
    supports = []
    everyone = range(len(participants))
    for plan in plans:
        if plan.hidden_reason:
            continue
        wanted = min(60, len(participants) - 1, int(rng.paretovariate(1.6)) - 1)
        if wanted <= 0:
            continue
        chosen = [i for i in rng.sample(everyone, wanted + 1) if i != plan.participant][:wanted]
        for index in chosen:
            supports.append(
                Support(
                    comment=plan.comment,
                    participant=participants[index],
                    created_at=plan.created_at + dt.timedelta(seconds=rng.randint(60, 20 * 86400)),
                )
            )
    _bulk(Support, supports)


def _answers(tops: list[_Plan], later: dict[int, Paragraph], rng: random.Random) -> None:
    statuses, weights = list(ANSWER_WEIGHTS), list(ANSWER_WEIGHTS.values())
    answers = []
    for plan in tops:
        if plan.hidden_reason or rng.random() >= ANSWERED_SHARE:
            continue
        status = rng.choices(statuses, weights=weights)[0]
        addressed = (
            later.get(plan.paragraph.identity_id) if status != AnswerStatus.NOT_ACCEPTED else None
        )
        answers.append(
            Answer(
                comment=plan.comment,
                status=status,
                reason=ANSWER_REASONS[status],
                addressed_in=addressed,
                answered_at=max(SECOND_VERSION_AT, plan.created_at)
                + dt.timedelta(days=rng.randint(1, 20)),
            )
        )
    _bulk(Answer, answers)
