"""Demo consultations on the fictional demonstration draft (see datacon/demo/policy.py).

Two rounds, both labelled fictional: a closed one on version 1 (June–July 2022)
with comments, a reply, supports, one comment hidden by moderation with its
public reason, official answers that point at paragraphs of version 2, and a
final report; and an open one on version 2, so a visitor can try commenting.

The demo citizens are fictional accounts named as such
(participante.a@datacon.demo…, password DEMO_PASSWORD), created only outside
production. `ciudadania@datacon.demo` is verified but has not joined any
consultation: sign in with it to try the whole path (join, comment, support).

Idempotent: consultations are found by slug; comments are seeded only into a
consultation that has none.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model

from datacon.common.actor import Actor
from datacon.common.write import unit_of_work
from datacon.consultation import moderation, services
from datacon.consultation.answers import answer_save
from datacon.consultation.models import AnswerStatus, Comment, Consultation
from datacon.demo.policy import DRAFT_SLUG, PROCESS_SLUG
from datacon.policy.models import Document, Group, Paragraph, Process

MX = zoneinfo.ZoneInfo("America/Mexico_City")
DEMO_PASSWORD = "datacon-demo-2021"  # noqa: S105 - demo only, never created in production
ROUND_ONE = "consulta-de-demostracion-borrador-v1"
ROUND_TWO = "consulta-de-demostracion-borrador-v2"
DEMO_CITIZENS = [
    ("participante-demo-a", "participante.a@datacon.demo", "Participante de demostración A"),
    ("participante-demo-b", "participante.b@datacon.demo", "Participante de demostración B"),
    ("participante-demo-c", "participante.c@datacon.demo", ""),
    ("ciudadania-demo", "ciudadania@datacon.demo", None),  # None: does not join
]
RULES = (
    "1. Comente el contenido del borrador: se debaten ideas, no personas.\n"
    "2. Sea respetuoso: no se admiten insultos, amenazas ni discriminación.\n"
    "3. No se admite publicidad ni contenido ajeno a la consulta.\n"
    "4. No publique datos personales, ni suyos ni de otras personas.\n"
    "5. El equipo de moderación puede ocultar un comentario que incumpla estas reglas: en su "
    "lugar se muestra siempre el motivo, la persona autora recibe aviso y la decisión queda en "
    "el registro público de moderación."
)


def _at(day: str, hour: int, minute: int = 0) -> dt.datetime:
    date = dt.date.fromisoformat(day)
    return dt.datetime(date.year, date.month, date.day, hour, minute, tzinfo=MX)


def demo_load() -> dict[str, int]:
    created: dict[str, int] = {}
    process = Process.objects.filter(slug=PROCESS_SLUG).first()
    draft = Document.objects.filter(process=process, slug=DRAFT_SLUG).first()
    if process is None or draft is None or draft.versions.count() < 2:
        return created
    v1 = draft.versions.get(number=1)
    v2 = draft.versions.get(number=2)
    technical = Group.objects.filter(process=process, slug="grupo-tecnico").first()
    with unit_of_work(Actor.system("demo")):
        one = _consultation(
            created,
            slug=ROUND_ONE,
            values={
                "process": process,
                "version": v1,
                "title": "Primera ronda de consulta del borrador de demostración (ficticia)",
                "description": (
                    "**Consulta ficticia de demostración** sobre la versión 1 del borrador de "
                    "demostración. Muestra una consulta cerrada: sus comentarios, la moderación, "
                    "las respuestas oficiales del Grupo Técnico y dónde atiende cada comentario "
                    "la versión 2."
                ),
                "rules": RULES,
                "opens_on": dt.date(2022, 6, 1),
                "closes_on": dt.date(2022, 7, 31),
                "status": "published",
                "answering_group": technical,
            },
        )
        two = _consultation(
            created,
            slug=ROUND_TWO,
            values={
                "process": process,
                "version": v2,
                "title": "Consulta abierta de demostración sobre la versión 2 (ficticia)",
                "description": (
                    "**Consulta ficticia de demostración**, abierta para probar la plataforma: "
                    "cree una cuenta (o use la de demostración `ciudadania@datacon.demo`), únase "
                    "a la consulta y comente un párrafo o un pasaje. Su periodo es largo a "
                    "propósito."
                ),
                "rules": RULES,
                "opens_on": dt.date(2025, 1, 1),
                "closes_on": dt.date(2030, 12, 31),
                "status": "published",
                "answering_group": technical,
            },
        )
        if settings.PRODUCTION:
            return created
        citizens = _citizens(created)
        if not Comment.objects.filter(consultation=one).exists():
            _round_one(created, one, v1, v2, citizens)
        if not Comment.objects.filter(consultation=two).exists():
            _round_two(created, two, v2, citizens)
    return created


def _consultation(created: dict[str, int], *, slug: str, values: dict[str, Any]) -> Consultation:
    consultation = Consultation.objects.filter(slug=slug).first()
    if consultation is None:
        consultation = Consultation(slug=slug, **values)
        services.consultation_save(consultation=consultation, actor=Actor.system("demo"))
        created["consultation"] = created.get("consultation", 0) + 1
    elif any(getattr(consultation, key) != value for key, value in values.items()):
        for key, value in values.items():
            setattr(consultation, key, value)
        services.consultation_save(consultation=consultation, actor=Actor.system("demo"))
    return consultation


def _citizens(created: dict[str, int]) -> dict[str, Any]:
    from allauth.account.models import EmailAddress

    User = get_user_model()
    found = {}
    for username, email, _name in DEMO_CITIZENS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                username=username, email=email, password=DEMO_PASSWORD, first_name="Demostración"
            )
            EmailAddress.objects.get_or_create(user=user, email=email, verified=True, primary=True)
            created["user"] = created.get("user", 0) + 1
        found[username] = user
    return found


def _paragraph(version: Any, starts_with: str) -> Paragraph:
    return Paragraph.objects.get(version=version, kind="text", plain_text__startswith=starts_with)


def _moderator() -> Any:
    from datacon.demo.loader import DEMO_ORGANISER_EMAIL

    return get_user_model().objects.filter(email=DEMO_ORGANISER_EMAIL).first()


def _join_all(consultation: Consultation, citizens: dict[str, Any], when: dt.datetime) -> None:
    for username, _email, name in DEMO_CITIZENS:
        if name is None:
            continue
        services.participant_join(
            consultation=consultation,
            actor=Actor.of(citizens[username]),
            display_name=name,
            accept_rules=True,
            now=when,
        )


def _round_one(
    created: dict[str, int], consultation: Consultation, v1: Any, v2: Any, citizens: dict[str, Any]
) -> None:
    a, b, c = (citizens[f"participante-demo-{x}"] for x in "abc")
    _join_all(consultation, citizens, _at("2022-06-01", 9))
    purpose = _paragraph(v1, "Su propósito")
    transparency = _paragraph(v1, "Transparencia.")
    scope = _paragraph(v1, "La política aplica")
    follow_up = _paragraph(v1, "Cada año")
    on_purpose = services.comment_create(
        consultation=consultation,
        paragraph=purpose,
        actor=Actor.of(a),
        body="Sugiero que la política priorice los conjuntos de datos de alto valor, para que las instituciones sepan por dónde empezar.",
        now=_at("2022-06-03", 11, 20),
    )
    on_format = services.comment_create(
        consultation=consultation,
        paragraph=transparency,
        actor=Actor.of(b),
        body="Además del formato, hace falta documentación: diccionarios de datos y notas metodológicas que expliquen cada campo.",
        quote="en formatos abiertos",
        now=_at("2022-06-05", 17, 5),
    )
    services.comment_reply(
        parent=on_format,
        actor=Actor.of(a),
        body="De acuerdo: sin un diccionario de datos es muy difícil reutilizar la información.",
        now=_at("2022-06-06", 9, 40),
    )
    on_follow_up = services.comment_create(
        consultation=consultation,
        paragraph=follow_up,
        actor=Actor.of(c),
        body="La agenda anual debería incluir indicadores y metas medibles; sin ellos no se puede valorar si se cumplió.",
        now=_at("2022-06-10", 13, 0),
    )
    on_scope = services.comment_create(
        consultation=consultation,
        paragraph=scope,
        actor=Actor.of(c),
        body="La política también debería ser obligatoria para las empresas privadas que manejan datos de interés público.",
        now=_at("2022-06-12", 18, 30),
    )
    spam = services.comment_create(
        consultation=consultation,
        paragraph=scope,
        actor=Actor.of(b),
        body="¡Ofertas en nuestra tienda en línea! Descuentos en cursos de ciencia de datos, escriba ya para apartar su lugar.",
        now=_at("2022-06-15", 8, 0),
    )
    for comment, supporters in [
        (on_purpose, [b, c]),
        (on_format, [a, c]),
        (on_follow_up, [a]),
    ]:
        for user in supporters:
            services.support_add(comment=comment, actor=Actor.of(user), now=_at("2022-06-20", 12))
    moderator = _moderator()
    services.comment_flag(
        comment=spam, actor=Actor.of(a), reason="Es publicidad, no un comentario sobre el borrador."
    )
    moderation.comment_hide(
        comment=spam,
        reason="Publicidad comercial ajena a la consulta (regla 3 de participación).",
        actor=Actor.of(moderator) if moderator else Actor.system("demo"),
        notify_author=False,
        now=_at("2022-06-15", 10),
    )
    answers = [
        (
            on_purpose,
            AnswerStatus.ACCEPTED,
            "Se incorporó la prioridad a los conjuntos de datos de alto valor en el propósito de la política.",
            _paragraph(v2, "Su propósito"),
        ),
        (
            on_format,
            AnswerStatus.PARTLY,
            "Se añadió la documentación de los datos, con los diccionarios de datos como ejemplo; las notas metodológicas se tratarán en los anexos técnicos.",
            _paragraph(v2, "Transparencia."),
        ),
        (
            on_follow_up,
            AnswerStatus.ACCEPTED,
            "La agenda anual tendrá indicadores y metas, y su valoración al final del ejercicio será pública.",
            _paragraph(v2, "Cada año"),
        ),
        (
            on_scope,
            AnswerStatus.NOT_ACCEPTED,
            "El alcance de la política se limita a los sujetos obligados de los tres órdenes de gobierno; el sector privado puede sumarse de forma voluntaria.",
            None,
        ),
    ]
    for comment, status, reason, paragraph in answers:
        answer_save(
            comment=comment,
            status=status,
            reason=reason,
            addressed_in=paragraph,
            actor=Actor.of(moderator) if moderator else Actor.system("demo"),
            notify_author=False,
            now=_at("2022-09-15", 12),
        )
    created["comment"] = (
        created.get("comment", 0) + Comment.objects.filter(consultation=consultation).count()
    )


def _round_two(
    created: dict[str, int], consultation: Consultation, v2: Any, citizens: dict[str, Any]
) -> None:
    a, b = citizens["participante-demo-a"], citizens["participante-demo-b"]
    _join_all(consultation, citizens, _at("2025-01-02", 9))
    local = _paragraph(v2, "Los organismos garantes locales")
    question = services.comment_create(
        consultation=consultation,
        paragraph=local,
        actor=Actor.of(a),
        body="¿Cómo se coordinarán los organismos garantes locales entre sí para que la adopción sea parecida en todas las entidades?",
        now=_at("2025-01-10", 10, 15),
    )
    services.comment_reply(
        parent=question,
        actor=Actor.of(b),
        body="Propongo una guía común de adopción, revisada cada año en la DATACON.",
        now=_at("2025-01-12", 16, 45),
    )
    services.support_add(comment=question, actor=Actor.of(b), now=_at("2025-01-12", 16, 46))
    created["comment"] = created.get("comment", 0) + 2
