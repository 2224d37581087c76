"""A public consultation with 50,000 comments for the large fictional edition.

The "consultation" step of `datacon.demo.large_dataset`
(`manage.py generate_large_dataset`): a fictional policy process linked to the
large edition, its draft in two versions (the consultation is on version 1;
official answers point at paragraphs of version 2), an answering group, and
one open, published consultation with thousands of participants, comments on
every paragraph (some on a quoted passage), reply threads, supports, comments
hidden by moderation with their public reason, reports and official answers.

The handful of structural records (process, group, document, versions,
consultation) go through the policy and consultation services. Participants,
comments, supports, flags, moderation entries and answers are written with
`bulk_create`, keeping by hand what `datacon.consultation.services` enforces:

* comments are on text paragraphs of the consulted version, carry that
  paragraph's identity and position, and are between MIN_COMMENT_LENGTH and the
  consultation's maximum; a quoted passage is located in the paragraph's text;
* a reply comes after its parent, on its paragraph, with the thread's root;
  nobody replies to a hidden comment;
* a support is once per person and comment, never one's own, never on a
  hidden comment;
* a hidden comment has a public reason, the time it was hidden and a HIDE entry
  in the public moderation log; reports on it are resolved;
* official answers go to top comments only; "not accepted" points nowhere,
  the others at a paragraph of a later version of the same document;
* the consultation's own scope, `consultation:all` and `policy` are bumped.

Deterministic: dates are fixed, everything else comes from `rng`; no ids or
clock. Participants are "Participante N" or "Persona participante ficticia 00042".
"""

from __future__ import annotations

import datetime as dt
import random
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.urls import reverse

from datacon.common.actor import Actor
from datacon.common.versions import POLICY, consultation_scope, public_version_bump
from datacon.common.write import unit_of_work
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
    Support,
)
from datacon.consultation.services import consultation_save, locate_quote
from datacon.editions.models import Edition
from datacon.policy.models import (
    Document,
    DocumentKind,
    EditionRelation,
    Group,
    GroupKind,
    Paragraph,
    ParagraphKind,
    Process,
    ProcessEdition,
    ProcessStatus,
)
from datacon.policy.services import (
    document_save,
    document_version_publish,
    group_save,
    process_edition_save,
    process_save,
)

if TYPE_CHECKING:
    from datacon.demo.large_dataset import Context

BATCH_SIZE = 1000
PROCESS_SLUG = "carga-politica-ficticia"
DOCUMENT_SLUG = "borrador-de-carga"
CONSULTATION_SLUG = "carga-consulta-ficticia"
TZ = zoneinfo.ZoneInfo("America/Mexico_City")
OPENS_ON = dt.date(2025, 1, 6)
COMMENT_DAYS = 300  # comments arrive over this many days after the opening
PUBLISHED_AT = dt.datetime(2024, 12, 2, 10, 0, tzinfo=TZ)
SECOND_VERSION_AT = dt.datetime(2025, 11, 3, 10, 0, tzinfo=TZ)

TOP_SHARE = 0.8  # the rest are replies
SECOND_LEVEL_SHARE = 0.25  # of replies: answers to a reply
QUOTE_SHARE = 0.12
HIDDEN_SHARE = 0.012
REPLY_HIDDEN_SHARE = 0.005
OPEN_FLAG_SHARE = 0.003  # visible comments with a report still waiting for a moderator
ANSWERED_SHARE = 0.25  # of visible top comments
NAMED_SHARE = 0.25  # participants who chose a name instead of "Participante N"

SECTIONS = [
    "Propósito", "Principios", "Alcance", "Publicación de datos", "Calidad y documentación",
    "Gobernanza", "Participación ciudadana", "Seguimiento y evaluación",
]  # fmt: skip
PARAGRAPHS_PER_SECTION = 7
POLICY_SENTENCES = [
    "Las instituciones publicarán sus conjuntos de datos en formatos abiertos y legibles por máquina.",
    "Cada conjunto de datos tendrá un diccionario de datos y una nota metodológica.",
    "La publicación priorizará los datos de alto valor identificados por la ciudadanía.",
    "Los datos personales se protegerán conforme a la ley antes de cualquier publicación.",
    "Las entidades federativas podrán adoptar esta política mediante convenios.",
    "Un grupo técnico revisará cada año el avance y publicará sus hallazgos.",
    "Las solicitudes de acceso a la información orientarán qué datos abrir primero.",
    "La licencia por omisión será CC BY 4.0, salvo disposición legal en contrario.",
    "Se establecerán indicadores medibles con metas anuales y responsables.",
    "Las organizaciones de la sociedad civil participarán en la definición de prioridades.",
    "Los portales de datos ofrecerán interfaces de programación documentadas.",
    "La actualización de cada conjunto de datos seguirá una periodicidad publicada.",
]  # fmt: skip
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


def _draft(rng: random.Random, *, revised: bool) -> str:
    """The draft's Markdown with explicit anchors; version 2 reworks some paragraphs."""
    lines = []
    number = 0
    for section_number, title in enumerate(SECTIONS, start=1):
        lines.append(f"## {section_number}. {title} {{#s-{section_number}}}\n")
        for index in range(1, PARAGRAPHS_PER_SECTION + 1):
            number += 1
            sentences = rng.sample(POLICY_SENTENCES, 3)
            text = f"**{section_number}.{index}.** " + " ".join(sentences)
            if revised and rng.random() < 0.4:
                text += " Se atienden los comentarios recibidos en la consulta ficticia."
            lines.append(f"{text} {{#p-{number}}}\n")
    return "\n".join(lines)


def _bulk(model: Any, objects: list) -> list:
    created: list = []
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


def generate(*, context: Context, count: int, rng: random.Random) -> int:
    """Create the consultation and `count` comments; return `count`."""
    edition = context.edition
    with unit_of_work(Actor.system("large dataset")):
        process = process_save(
            process=Process(
                title="Política ficticia de datos abiertos para pruebas de carga",
                short_title="Política ficticia de carga",
                slug=PROCESS_SLUG,
                summary=(
                    "**Este proceso no existe.** Se generó con semilla fija para medir el "
                    "rendimiento de la consulta pública con decenas de miles de comentarios."
                ),
                status=ProcessStatus.ACTIVE,
            ),
            actor=Actor.system("large dataset"),
        )
        process_edition_save(
            link=ProcessEdition(
                process=process,
                edition=edition,
                relation=EditionRelation.INPUT,
                description="La edición sintética aporta la consulta ficticia de carga.",
            ),
            actor=Actor.system("large dataset"),
        )
        group = group_save(
            group=Group(
                process=process,
                name="Grupo técnico ficticio de la consulta de carga",
                slug="grupo-tecnico-ficticio",
                kind=GroupKind.TECHNICAL,
                mandate="Responder los comentarios de la consulta ficticia.",
            ),
            actor=Actor.system("large dataset"),
        )
        document = document_save(
            document=Document(
                process=process,
                title="Borrador ficticio de la política de datos abiertos",
                slug=DOCUMENT_SLUG,
                kind=DocumentKind.DRAFT,
            ),
            actor=Actor.system("large dataset"),
        )
        first, _plan = document_version_publish(
            document=document,
            body=_draft(rng, revised=False),
            change_summary="Primera versión, sometida a consulta (ficticia).",
            published_at=PUBLISHED_AT,
            actor=Actor.system("large dataset"),
        )
        consultation = consultation_save(
            consultation=Consultation(
                process=process,
                version=first,
                title="Consulta ficticia de carga sobre el borrador (50,000 comentarios)",
                slug=CONSULTATION_SLUG,
                description=(
                    "**Consulta ficticia** generada para las pruebas de carga. Sus "
                    "participantes y comentarios no son de personas reales."
                ),
                rules="1. Se debaten ideas, no personas.\n2. Sin publicidad ni datos personales.",
                opens_on=OPENS_ON,
                closes_on=edition.start_date - dt.timedelta(days=1)  # type: ignore[operator]
                if edition.start_date
                else dt.date(2030, 12, 31),
                status=ConsultationStatus.PUBLISHED,
                answering_group=group,
            ),
            actor=Actor.system("large dataset"),
        )
        second, _plan = document_version_publish(
            document=document,
            body=_draft(rng, revised=True),
            change_summary="Segunda versión: atiende la consulta (ficticia).",
            published_at=SECOND_VERSION_AT,
            actor=Actor.system("large dataset"),
        )
        created = _comments(consultation, first.pk, second.pk, count, rng) if count else 0
        public_version_bump(consultation_scope(consultation.pk), ALL_CONSULTATIONS, POLICY)
    context.counts["consultation_participants"] = Participant.objects.filter(
        consultation=consultation
    ).count()
    return created


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


def remove(*, edition: Edition) -> None:
    """Delete the fictional process with its consultation, comments and documents."""
    del edition  # the process is found by its slug
    consultations = Consultation.objects.filter(process__slug=PROCESS_SLUG)
    ids = list(consultations.values_list("pk", flat=True))
    if not ids and not Process.objects.filter(slug=PROCESS_SLUG).exists():
        return
    comments = Comment.objects.filter(consultation_id__in=ids)
    for model in (Support, Flag, ModerationAction, Answer):
        model._default_manager.filter(comment__consultation_id__in=ids).delete()
    # Threads protect their parents: cut the links, then delete in one statement.
    comments.exclude(Q(parent=None) & Q(root=None)).update(parent=None, root=None)
    comments.delete()
    Participant.objects.filter(consultation_id__in=ids).delete()
    consultations.delete()
    Process.objects.filter(slug=PROCESS_SLUG).delete()
    public_version_bump(*(consultation_scope(pk) for pk in ids), ALL_CONSULTATIONS, POLICY)


def bench_path() -> str | None:
    """The consultation's public page (bench/targets.py, target "consultation")."""
    slug = (
        Consultation.objects.filter(slug=CONSULTATION_SLUG).values_list("slug", flat=True).first()
    )
    if slug is None:
        return None
    return reverse("public:consultation_detail", kwargs={"consultation": slug})


def fingerprint_rows(*, edition: Edition) -> Iterable[Iterable[Any]]:
    """What `dataset_fingerprint()` digests for this step, ordered without ids."""
    del edition
    found = Consultation.objects.filter(slug=CONSULTATION_SLUG)
    yield from found.values_list(
        "slug", "title", "opens_on", "closes_on", "status", "process__slug", "version__number"
    )
    yield from (
        Paragraph.objects.filter(version__document__process__slug=PROCESS_SLUG)
        .order_by("version__number", "position")
        .values_list("version__number", "position", "identity__anchor", "kind", "source")
    )
    yield from (
        Participant.objects.filter(consultation__in=found)
        .order_by("number")
        .values_list("number", "display_name", "joined_at")
    )
    yield from (
        Comment.objects.filter(consultation__in=found)
        .order_by("created_at")
        .values_list(
            "created_at",
            "identity__anchor",
            "position",
            "participant__number",
            "parent__created_at",
            "root__created_at",
            "body",
            "quote",
            "quote_start",
            "quote_end",
            "status",
            "hidden_reason",
            "hidden_at",
        )
    )
    yield from (
        Support.objects.filter(comment__consultation__in=found)
        .order_by("comment__created_at", "participant__number")
        .values_list("comment__created_at", "participant__number", "created_at")
    )
    yield from (
        Flag.objects.filter(comment__consultation__in=found)
        .order_by("comment__created_at")
        .values_list("comment__created_at", "reason", "created_at", "resolved_at")
    )
    yield from (
        ModerationAction.objects.filter(comment__consultation__in=found)
        .order_by("comment__created_at")
        .values_list("comment__created_at", "action", "reason", "at")
    )
    yield from (
        Answer.objects.filter(comment__consultation__in=found)
        .order_by("comment__created_at")
        .values_list(
            "comment__created_at",
            "status",
            "reason",
            "addressed_in__identity__anchor",
            "addressed_in__version__number",
            "answered_at",
        )
    )
