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
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.urls import reverse

from datacon.common.actor import Actor
from datacon.common.versions import POLICY, consultation_scope, public_version_bump
from datacon.common.write import unit_of_work
from datacon.consultation.models import (
    ALL_CONSULTATIONS,
    Answer,
    Comment,
    Consultation,
    ConsultationStatus,
    Flag,
    ModerationAction,
    Participant,
    Support,
)
from datacon.consultation.services import consultation_save
from datacon.editions.models import Edition
from datacon.policy.models import (
    Document,
    DocumentKind,
    EditionRelation,
    Group,
    GroupKind,
    Paragraph,
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
from datacon.demo.large_dataset.consultation.comments import SECOND_VERSION_AT, TZ, _comments

PROCESS_SLUG = "carga-politica-ficticia"
DOCUMENT_SLUG = "borrador-de-carga"
CONSULTATION_SLUG = "carga-consulta-ficticia"
OPENS_ON = dt.date(2025, 1, 6)
PUBLISHED_AT = dt.datetime(2024, 12, 2, 10, 0, tzinfo=TZ)

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
                closes_on=edition.start_date - dt.timedelta(days=1)
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
