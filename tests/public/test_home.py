"""The home page: the featured edition plus where the policy, consultations and demand stand."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from datacon.common.actor import Actor
from datacon.demand.services import need_status_set
from tests import factories
from tests.consultation.factories import ConsultationFactory
from tests.demand.factories import NeedFactory
from tests.policy.factories import ProcessFactory, StageFactory

pytestmark = pytest.mark.django_db


def _stages(process, today: dt.date) -> None:  # type: ignore[no-untyped-def]
    StageFactory(
        process=process,
        name="Diagnóstico",
        starts_on=today - dt.timedelta(days=90),
        ends_on=today - dt.timedelta(days=31),
    )
    StageFactory(
        process=process,
        name="Co-creación del borrador",
        starts_on=today - dt.timedelta(days=30),
        ends_on=today + dt.timedelta(days=30),
    )
    StageFactory(
        process=process, name="Seguimiento", starts_on=today + dt.timedelta(days=31), ends_on=None
    )


def test_home_shows_current_stage_and_progress_of_each_process():
    today = timezone.localdate()
    process = ProcessFactory(short_title="Abramos México")
    _stages(process, today)
    html = Client().get("/").content.decode()
    assert "Abramos México" in html
    assert "Etapa en curso: <strong>Co-creación del borrador</strong>" in html
    assert "1 de 3 etapas concluida" in html


def test_home_lists_open_and_upcoming_consultations_not_closed_ones():
    today = timezone.localdate()
    ConsultationFactory(title="Consulta abierta ahora")
    ConsultationFactory(
        title="Consulta que abre pronto",
        opens_on=today + dt.timedelta(days=5),
        closes_on=today + dt.timedelta(days=20),
    )
    ConsultationFactory(
        title="Consulta ya cerrada",
        opens_on=today - dt.timedelta(days=40),
        closes_on=today - dt.timedelta(days=20),
    )
    ConsultationFactory(title="Consulta en borrador", status="draft")
    html = Client().get("/").content.decode()
    assert "Consulta abierta ahora" in html
    assert "Consulta que abre pronto" in html
    assert "Consulta ya cerrada" not in html
    assert "Consulta en borrador" not in html


def test_home_without_open_consultations_says_so():
    html = Client().get("/").content.decode()
    assert "No hay consultas abiertas ahora." in html


def test_home_need_counts_are_current_after_a_status_change():
    need = NeedFactory()
    NeedFactory()
    client = Client()
    before = client.get("/").content.decode()
    assert "<dt>Propuestas</dt><dd>2</dd>" in before
    need_status_set(
        need=need,
        status="opened",
        actor=Actor.of(factories.organiser_user()),
        opened_url="https://datos.example/salud",
    )
    after = client.get("/").content.decode()
    assert "<dt>Propuestas</dt><dd>1</dd>" in after
    assert "<dt>Abiertas</dt><dd>1</dd>" in after


def test_home_query_count_does_not_grow_with_processes_and_consultations(count_queries):
    from django.core.cache import cache

    today = timezone.localdate()
    factories.EditionFactory()
    client = Client()
    for _ in range(2):
        _stages(ProcessFactory(), today)
        ConsultationFactory()
    small = count_queries(lambda: client.get("/"))
    cache.clear()
    for _ in range(6):
        _stages(ProcessFactory(), today)
        ConsultationFactory()
    assert count_queries(lambda: client.get("/")) == small
