"""Factories for consultations: a published process, a draft version, verified citizens."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from datacon.common.actor import Actor
from datacon.consultation import services
from datacon.consultation.models import Consultation, Participant
from datacon.policy.models import Paragraph
from tests.factories import UserFactory
from tests.policy.factories import DocumentFactory, ProcessFactory, publish


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation

    process = factory.SubFactory(ProcessFactory)
    version = factory.LazyAttribute(lambda c: publish(DocumentFactory(process=c.process)))
    title = factory.Sequence(lambda n: f"Consulta de prueba {n}")
    slug = factory.Sequence(lambda n: f"consulta-{n}")
    rules = "1. Debatir ideas, no personas."
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=10))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=10))
    status = "published"


def verified_user(**kwargs: Any):  # type: ignore[no-untyped-def]
    user = UserFactory(**kwargs)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def participant(
    consultation: Consultation, user: Any = None, name: str = "", now: Any = None
) -> Participant:
    return services.participant_join(
        consultation=consultation,
        actor=Actor.of(user or verified_user()),
        display_name=name,
        accept_rules=True,
        now=now,
    )


def paragraph(consultation: Consultation, number: int = 1) -> Paragraph:
    return Paragraph.objects.select_related("identity").get(
        version=consultation.version, number=number
    )


def comment(
    consultation: Consultation, user: Any = None, number: int = 1, body: str = "", **kwargs: Any
):  # type: ignore[no-untyped-def]
    if user is None:
        user = participant(consultation).user
    return services.comment_create(
        consultation=consultation,
        paragraph=paragraph(consultation, number),
        actor=Actor.of(user),
        body=body or "Un comentario con suficiente longitud para publicarse.",
        **kwargs,
    )
