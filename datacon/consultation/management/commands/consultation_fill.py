"""Fill a consultation with synthetic comments and supports, to measure page speed.

    python manage.py consultation_fill --consultation <slug> --comments 50000

For benchmarks only: refuses to run in production. Accounts are named
`carga-N@datacon.invalid` and comments say they are synthetic.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Max
from django.utils import timezone

from datacon.common.actor import Actor
from datacon.common.write import Work, unit_of_work
from datacon.consultation.models import (
    Comment,
    Consultation,
    ConsultationAction,
    Participant,
    Support,
)
from datacon.policy.models import Paragraph, ParagraphKind


class Command(BaseCommand):
    help = (
        "Llena una consulta con comentarios sintéticos para medir la velocidad (no en producción)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--consultation", required=True, help="Identificador (slug) de la consulta."
        )
        parser.add_argument("--comments", type=int, default=50000)
        parser.add_argument("--people", type=int, default=2000)
        parser.add_argument("--supports", type=int, default=20000)
        parser.add_argument("--seed", type=int, default=2021)

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError(
                "Este comando solo sirve para pruebas de velocidad; no se usa en producción."
            )
        consultation = Consultation.objects.filter(slug=options["consultation"]).first()
        if consultation is None:
            raise CommandError(f"No existe la consulta «{options['consultation']}».")
        paragraphs = list(
            Paragraph.objects.filter(version=consultation.version, kind=ParagraphKind.TEXT)
        )
        if not paragraphs:
            raise CommandError("La versión consultada no tiene párrafos.")
        chance = random.Random(options["seed"])  # noqa: S311 - synthetic data, not security
        with unit_of_work(Actor.system("consultation_fill")) as work:
            people = _participants(work, consultation, options["people"])
            now = timezone.now()
            comments = []
            for _ in range(options["comments"]):
                paragraph = chance.choice(paragraphs)
                author = chance.choice(people)
                comments.append(
                    Comment(
                        consultation=consultation,
                        paragraph=paragraph,
                        identity_id=paragraph.identity_id,
                        position=paragraph.position,
                        participant=author,
                        author_name=author.display_name,
                        body="Comentario sintético para la prueba de velocidad. " * 3,
                        created_at=now - dt.timedelta(seconds=chance.randint(0, 90 * 24 * 3600)),
                    )
                )
            work.create_many(comments, action=ConsultationAction.SYNTHETIC_FILL, batch_size=5000)
            supported = list(
                Comment.objects.filter(consultation=consultation)
                .only("pk", "consultation_id")
                .order_by("-id")[: options["supports"]]
            )
            work.create_many(
                [Support(comment=c, participant=chance.choice(people)) for c in supported],
                action=ConsultationAction.SYNTHETIC_FILL,
                ignore_conflicts=True,
                batch_size=5000,
            )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        total = Comment.objects.filter(consultation=consultation).count()
        self.stdout.write(f"La consulta «{consultation.slug}» tiene ahora {total} comentarios.")


def _participants(work: Work, consultation: Consultation, count: int) -> list[Participant]:
    """`count` synthetic accounts (carga-N@datacon.invalid), all joined to the consultation."""
    User = get_user_model()
    taken = set(
        User.objects.filter(username__startswith="carga-").values_list("username", flat=True)
    )
    work.create_many(
        [
            User(username=name, email=f"{name}@datacon.invalid")
            for name in (f"carga-{n}" for n in range(count))
            if name not in taken
        ],
        action=ConsultationAction.SYNTHETIC_FILL,
    )
    users = list(User.objects.filter(username__startswith="carga-"))
    joined = set(
        Participant.objects.filter(consultation=consultation, user__in=users).values_list(
            "user_id", flat=True
        )
    )
    start = (
        Participant.objects.filter(consultation=consultation).aggregate(n=Max("number"))["n"] or 0
    )
    work.create_many(
        [
            Participant(consultation=consultation, user=user, number=start + index + 1)
            for index, user in enumerate(u for u in users if u.pk not in joined)
        ],
        action=ConsultationAction.SYNTHETIC_FILL,
    )
    return list(Participant.objects.filter(consultation=consultation, user__in=users))
