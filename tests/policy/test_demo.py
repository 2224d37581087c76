"""The demo: the real Abramos México process from seed 004, and labelled fictional records."""

import datetime as dt

import pytest
from django.test import Client

from datacon.consultation.models import Comment, Consultation
from datacon.demo.loader import demo_load
from datacon.policy.models import Group, Milestone, Process, Stage

pytestmark = pytest.mark.django_db


def test_demo_loads_the_real_process_and_is_idempotent(demo_users):
    first = demo_users  # the module's load, on an empty database
    assert first.created["process"] == 1
    second = demo_load(with_demo_users=True)
    assert second.created == {}
    assert second.updated == {}
    process = Process.objects.get(slug="abramos-mexico")
    assert process.email == "abramosmexico@inai.org.mx"
    assert list(Group.objects.filter(process=process).values_list("name", "mandate")) == [
        (
            "Grupo Impulsor",
            "Definir las directrices generales, y dar seguimiento a la estrategia Abramos México.",
        ),
        (
            "Grupo Técnico",
            "Coordinar y ejecutar las acciones en torno al proceso de construcción de la política pública.",
        ),
        (
            "Grupo Especializado",
            "Aportar elementos e insumos para la discusión y retroalimentación de la política pública.",
        ),
    ]
    assert list(Stage.objects.filter(process=process).values_list("name", "starts_on")) == [
        ("Preparación y apertura", dt.date(2021, 11, 1)),
        ("Desarrollo de trabajos", dt.date(2022, 3, 16)),
        ("Cierre y presentación", dt.date(2022, 12, 16)),
        ("Etapa 2", dt.date(2023, 2, 1)),
        ("Implementación y seguimiento anual", dt.date(2023, 11, 11)),
    ]
    milestones = dict(Milestone.objects.filter(process=process).values_list("date", "title"))
    assert milestones[dt.date(2023, 10, 9)] == "Aprobación de ConDATOS"
    assert milestones[dt.date(2023, 11, 10)] == "Publicación en el Diario Oficial de la Federación"
    assert process.edition_links.filter(edition__year=2021, relation="origin").exists()


def test_demo_consultation_has_the_done_means_story(demo_users, client):
    closed = Consultation.objects.get(slug="consulta-de-demostracion-borrador-v1")
    assert Comment.objects.filter(consultation=closed, status="hidden").count() == 1
    assert (
        Comment.objects.filter(consultation=closed, answer__addressed_in__version__number=2).count()
        == 3
    )
    first = Comment.objects.filter(consultation=closed).order_by("created_at").first()
    html = Client().get(first.get_absolute_url()).content.decode()
    assert "Atendido en el párrafo 3 de la versión 2" in html
    hidden = Comment.objects.get(consultation=closed, status="hidden")
    page = Client().get(hidden.get_absolute_url()).content.decode()
    assert "Comentario ocultado por moderación: Publicidad comercial ajena a la consulta" in page
    opened = Consultation.objects.get(slug="consulta-de-demostracion-borrador-v2")
    assert opened.phase == "open"


def test_every_fictional_record_says_so(demo_users):
    process = Process.objects.get(slug="abramos-mexico")
    assert all("ficticio" in e.description for e in process.expenses.all())
    assert all("ficticia" in c.title for c in Consultation.objects.all())
    draft = process.documents.get(kind="draft")
    assert "(ficticio)" in draft.title
    for commitment in process.commitments.filter(starts_year__gte=2025):
        assert "(ficticio)" in commitment.title
