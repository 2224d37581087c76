"""The public pages of real editions and the policy show each sourced fact beside its source,
and say honestly what was not preserved."""

import pytest
from django.test import Client

from datacon.editions.models import Edition
from datacon.sources.models import Source, SourcedFact

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_2022_program_says_it_was_not_preserved_and_shows_the_seed_figures(demo, client: Client):
    html = _text(client.get("/ediciones/2022/programa/"))
    assert "No hay sesiones que coincidan" not in html
    assert "0 sesiones" not in html
    assert "El programa de esta edición no se conservó" in html
    for figure in ("Paneles", "Talleres", "Conferencias", "Personas moderadoras"):
        assert f"<dt>{figure}</dt>" in html
    assert "<dd>12</dd>" in html and "<dd>3</dd>" in html and "<dd>4</dd>" in html
    assert html.count("<dd>25</dd>") == 2  # moderators and convening organisations
    assert "Nota conceptual de la DATACON" in html
    assert 'href="/ediciones/2022/aportar/"' in html
    assert "Nuevo León, Jalisco, Quintana Roo" in html
    assert "Filtrar el programa" not in html  # nothing to filter
    # The press places the 2022 Jalisco participation before 27 July 2022, with its source.
    assert "se celebró antes del 27 de julio de 2022" in html
    assert "El Sol de México" in html


def test_2023_edition_page_shows_the_ten_venues_with_their_source(demo, client: Client):
    html = _text(client.get("/ediciones/2023/"))
    assert "El programa de esta edición no se conservó" in html
    assert "10 sedes simultáneas" in html
    assert "Reporte Índigo" in html
    assert "https://reporteindigo.com/reporte/acceso-libre-a-datos-abiertos/amp" in html


def test_2024_sessions_without_a_time_say_it_was_not_recorded(demo, client: Client):
    html = _text(client.get("/ediciones/2024/programa/"))
    assert "Horario por confirmar" not in html
    assert html.count("hora no registrada") == 7  # one slot per session: none has a time
    assert "7 sesiones" in html
    session = _text(client.get("/ediciones/2024/sesiones/S0103/"))
    assert "hora no registrada" in session


def test_upcoming_edition_still_says_to_be_confirmed(demo, client: Client):
    edition = Edition.objects.get(year=2027)
    assert edition.status == "published"
    html = _text(client.get(f"/ediciones/{edition.slug}/programa/"))
    assert "hora no registrada" not in html
    assert "El programa de esta edición no se conservó" not in html


def test_uncertain_facts_are_labelled_with_why(demo, client: Client):
    html = _text(client.get("/ediciones/2021/"))
    fact = SourcedFact.objects.get(key="2021-dato-08")
    assert fact.uncertain is True
    assert fact.text in html
    assert "dato no confirmado" in html
    assert fact.uncertain_why in html


def test_2021_closing_session_shows_who_closed_it_with_the_source(demo, client: Client):
    html = _text(client.get("/ediciones/2021/sesiones/S0207/"))
    assert "Adrián Alcalá Méndez (comisionado del INAI)" in html
    assert "El Financiero" in html
    assert "Se debe construir una agenda estratégica de datos abiertos: INAI" in html


def test_policy_timeline_shows_the_milestones_sources(demo, client: Client):
    html = _text(client.get("/politica/abramos-mexico/"))
    assert "Consulta pública del borrador de la Política Nacional de Datos Abiertos" in html
    assert "Abramos México (PubPub)" in html
    assert "Secretaría de la Función Pública" in html
    assert "Otros hechos documentados del proceso" in html


def test_every_public_fact_of_a_real_edition_has_a_source_or_comes_from_a_seed(demo):
    from datacon.memoria.models import ReportedFigure
    from datacon.sources.selectors import edition_record

    for edition in Edition.objects.filter(is_demo=False):
        record = edition_record(edition=edition)
        assert record.seeds, edition.year
        assert all(seed.is_seed for seed in record.seeds)
        for fact in record.facts:
            assert fact.source is not None and fact.source.url, fact.key
            assert not fact.source.is_seed, fact.key
        # Reported figures name their document: a seed, or a source of the record by its URL.
        source_urls = set(Source.objects.exclude(url="").values_list("url", flat=True))
        for figure in ReportedFigure.objects.filter(memoria__edition=edition):
            from_seed = any(name in figure.source for name in SEED_NAMES)
            assert from_seed or figure.source_url in source_urls, (edition.year, figure.key)
        # Sessions and venues come from the seeds (the 2021 memoria, the 2024 concept note).
        if edition.sessions.exists() or edition.venues.exists():
            assert edition.year in (2021, 2022, 2024), edition.year
    seeds_2024 = edition_record(edition=Edition.objects.get(year=2024)).seeds
    assert [s.title for s in seeds_2024] == ["Nota conceptual de la DATACON 2024"]


SEED_NAMES = ("Memoria del evento, DATACON 2021", "Nota conceptual de la DATACON", "INAI/138/21")


def test_abramos_mexico_never_averages_real_and_fictional_commitments(demo, client: Client):
    from decimal import Decimal

    from datacon.policy.models import Commitment, Process
    from datacon.policy.progress import commitments_progress

    process = Process.objects.get(slug="abramos-mexico")
    assert sorted(Commitment.objects.filter(is_demo=True).values_list("code", flat=True)) == [
        "C-2025-D1",
        "C-2025-D2",
        "C-2026-D3",
    ]
    summary = commitments_progress(process=process)
    assert [i.commitment.code for i in summary.real_items] == ["C-2021-01", "C-2021-02"]
    assert summary.rollup == Decimal("1")  # both real commitments met their targets
    html = _text(client.get("/politica/abramos-mexico/compromisos/"))
    assert "Avance general de los compromisos reales" in html
    assert "Compromisos de demostración (ficticios)" in html
    real, demo_part = html.split("Compromisos de demostración (ficticios)", 1)
    assert "C-2025-D1" not in real and "C-2025-D1" in demo_part


def test_english_pages_show_the_english_text_and_labels(demo, client: Client):
    html = _text(client.get("/en/ediciones/2022/programa/"))
    assert "The program of this edition was not preserved" in html
    edition = _text(client.get("/en/ediciones/2021/"))
    assert "unconfirmed fact" in edition
    assert SourcedFact.objects.get(key="2021-dato-02").text_en in edition
    commitments = _text(client.get("/en/politica/abramos-mexico/compromisos/"))
    assert "between 0 and 100 %;" in commitments
