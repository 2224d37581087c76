import pytest

from datacon.common.models import AuditEntry
from datacon.demand.models import (
    AnalysisRun,
    ImportRun,
    InformationNeed,
    InformationRequest,
    NeedMention,
    ReuseProject,
)
from datacon.demo.loader import demo_load

pytestmark = pytest.mark.django_db


def test_demo_loads_seed_facts_labelled_demo_records_and_the_sample(demo):
    facts = InformationNeed.objects.filter(is_demo=False)
    assert set(facts.values_list("slug", flat=True)) == {
        "necesidades-estrategicas-derechos-humanos",
        "contrataciones-publicas-datos-abiertos",
        "infraestructura-obra-publica-datos-abiertos",
        "gastos-comunicacion-social-gobiernos-partidos",
        "datos-con-perspectiva-de-genero",
        "conjuntos-de-datos-de-alto-valor-y-estandares",
    }
    assert all(need.source_note for need in facts)
    assert all(
        "(demostración)" in title
        for title in InformationNeed.objects.filter(is_demo=True).values_list("title", flat=True)
    )
    mentioned = {(m.need.slug, str(m.target)) for m in NeedMention.objects.select_related("need")}
    assert (
        "contrataciones-publicas-datos-abiertos",
        "S0103 · Contrataciones Abiertas y estrategia nacional",
    ) in mentioned
    assert (
        "conjuntos-de-datos-de-alto-valor-y-estandares",
        "S0202 · Hacia la definición de Estándares Para la Publicación y Reutilización de Conjuntos de Datos de Alto Valor",
    ) in mentioned
    real = ReuseProject.objects.filter(is_demo=False).order_by("slug")
    assert [(p.slug, p.session.code, p.edition.year) for p in real] == [
        ("contrataciones-abiertas", "S0103", 2021),
        ("infraestructura-abierta", "S0104", 2021),
        ("publicidad-abierta", "S0105", 2021),
    ]
    assert all(p.edition.slug == "2027-demo" for p in ReuseProject.objects.filter(is_demo=True))
    assert InformationRequest.objects.filter(source="sintetica").count() == 243
    assert AnalysisRun.objects.filter(is_current=True).count() == 1


def test_demo_is_idempotent(demo):
    counts = (
        InformationNeed.objects.count(),
        InformationRequest.objects.count(),
        ImportRun.objects.count(),
        AnalysisRun.objects.count(),
        AuditEntry.objects.count(),
    )
    report = demo_load(with_demo_users=False)
    assert not report.changed
    assert (
        InformationNeed.objects.count(),
        InformationRequest.objects.count(),
        ImportRun.objects.count(),
        AnalysisRun.objects.count(),
        AuditEntry.objects.count(),
    ) == counts
