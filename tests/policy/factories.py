"""Factories for the policy capability (core ones come from tests.factories)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal
from typing import Any

import factory

from datacon.common.actor import SYSTEM
from datacon.policy import services
from datacon.policy.models import (
    Commitment,
    Document,
    DocumentVersion,
    Expense,
    Group,
    Meeting,
    Process,
    ProgressReport,
    Stage,
)

MEXICO = zoneinfo.ZoneInfo("America/Mexico_City")


class ProcessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Process

    title = factory.Sequence(lambda n: f"Proceso de prueba {n}")
    short_title = factory.Sequence(lambda n: f"Proceso {n}")
    slug = factory.Sequence(lambda n: f"proceso-{n}")
    summary = "Un proceso para construir una política en público."
    status = "active"
    email = "contacto@proceso.example"


class StageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stage

    process = factory.SubFactory(ProcessFactory)
    order = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Etapa {n}")
    starts_on = dt.date(2022, 1, 1)
    ends_on = dt.date(2022, 6, 30)


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    process = factory.SubFactory(ProcessFactory)
    name = factory.Sequence(lambda n: f"Grupo {n}")
    slug = factory.Sequence(lambda n: f"grupo-{n}")
    kind = "technical"
    mandate = "Coordinar y ejecutar las acciones."


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    process = factory.SubFactory(ProcessFactory)
    group = factory.LazyAttribute(lambda m: GroupFactory(process=m.process))
    title = factory.Sequence(lambda n: f"Reunión {n}")
    starts_at = dt.datetime(2022, 5, 20, 10, tzinfo=MEXICO)
    ends_at = dt.datetime(2022, 5, 20, 12, tzinfo=MEXICO)
    status = "held"
    agenda = "1. Bienvenida\n2. Acuerdos"


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    process = factory.SubFactory(ProcessFactory)
    title = factory.Sequence(lambda n: f"Borrador {n}")
    slug = factory.Sequence(lambda n: f"borrador-{n}")
    kind = "draft"


class ExpenseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expense

    process = factory.SubFactory(ProcessFactory)
    concept = "technology"
    description = "Plataforma"
    amount = Decimal("1000.00")
    spent_on = dt.date(2022, 3, 1)
    supplier = "Proveedor de prueba"


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    process = factory.SubFactory(ProcessFactory)
    code = factory.Sequence(lambda n: f"C-{n:03d}")
    title = factory.Sequence(lambda n: f"Compromiso {n}")
    source = "policy"
    owner = "Grupo Técnico"
    indicator = "Conjuntos publicados"
    unit = "conjuntos"
    baseline = Decimal("0")
    target = Decimal("10")
    starts_year = 2024


class ProgressReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressReport

    commitment = factory.SubFactory(CommitmentFactory)
    reported_on = dt.date(2024, 6, 30)
    value = Decimal("5")
    evidence = "Informe de avance."


DRAFT = """# Objetivo

Primer párrafo sobre el objetivo de la política de datos abiertos.

Segundo párrafo sobre los principios de transparencia, participación y colaboración.

# Alcance

Tercer párrafo sobre los tres órdenes de gobierno y los organismos garantes.
"""


def publish(document: Document, body: str = DRAFT, **kwargs: Any) -> DocumentVersion:
    version, _plan = services.document_version_publish(
        document=document, body=body, actor=SYSTEM, **kwargs
    )
    return version
