"""The policy's year reaches the memoria of the editions linked to it, as counts and public milestones."""

import datetime as dt
from decimal import Decimal

import lxml.html
import pytest
from django.core.cache import cache

from datacon.policy.models import Milestone, ProcessEdition
from tests import factories
from tests.policy.factories import CommitmentFactory, ProcessFactory, ProgressReportFactory

pytestmark = pytest.mark.django_db


def _block(html: str) -> tuple[list[list[str]], str]:
    tree = lxml.html.fromstring(html)
    rows = [
        [cell.text_content().strip() for cell in row.xpath("th|td")]
        for row in tree.cssselect("#bloque-policy-year tbody tr")
    ]
    note = " ".join(p.text_content() for p in tree.cssselect("#bloque-policy-year p"))
    return rows, note


def _linked_process(edition, short_title="Abramos México"):  # type: ignore[no-untyped-def]
    process = ProcessFactory(short_title=short_title)
    ProcessEdition.objects.create(process=process, edition=edition, relation="origin")
    return process


def test_memoria_shows_policy_milestones_and_commitments_of_the_edition_year(client):
    edition = factories.EditionFactory(year=2023)
    process = _linked_process(edition)
    Milestone.objects.create(process=process, date=dt.date(2023, 10, 9), title="ConDATOS aprobada")
    Milestone.objects.create(process=process, date=dt.date(2022, 5, 1), title="Otro año")
    met = CommitmentFactory(process=process, starts_year=2021, due_on=dt.date(2023, 12, 31))
    ProgressReportFactory(commitment=met, reported_on=dt.date(2023, 11, 10), value=Decimal("10"))
    CommitmentFactory(process=process, starts_year=2023, source="datacon", edition=edition)
    CommitmentFactory(process=process, starts_year=2025)  # not active in 2023

    rows, note = _block(client.get(f"/ediciones/{edition.slug}/memoria/").content.decode())

    assert rows == [["Abramos México", "1", "2", "1", "1"]]
    assert "ConDATOS aprobada" in note
    assert "Otro año" not in note


def test_memoria_policy_block_leaves_out_draft_and_unlinked_processes(client):
    edition = factories.EditionFactory(year=2023)
    draft = _linked_process(edition, short_title="Borrador")
    draft.status = "draft"
    draft.save()
    Milestone.objects.create(process=ProcessFactory(), date=dt.date(2023, 3, 1), title="Ajeno")

    rows, _note = _block(client.get(f"/ediciones/{edition.slug}/memoria/").content.decode())

    assert rows == []


def test_memoria_policy_block_has_no_names(client):
    edition = factories.EditionFactory(year=2023)
    process = _linked_process(edition)
    CommitmentFactory(process=process, starts_year=2023, owner="Persona Responsable Secreta")

    html = client.get(f"/ediciones/{edition.slug}/memoria/").content.decode()
    block = lxml.html.tostring(lxml.html.fromstring(html).get_element_by_id("bloque-policy-year"))

    assert ("Persona Responsable Secreta" in block.decode(), "Grupo Técnico" in block.decode()) == (
        False,
        False,
    )


def test_memoria_policy_block_queries_constant_with_number_of_processes(client, count_queries):
    counts = []
    for year, size in ((2022, 1), (2023, 4)):
        edition = factories.EditionFactory(year=year)
        for n in range(size):
            process = _linked_process(edition, short_title=f"Proceso {year}-{n}")
            Milestone.objects.create(process=process, date=dt.date(year, 3, 1), title="Hito")
            commitment = CommitmentFactory(process=process, starts_year=year)
            ProgressReportFactory(commitment=commitment, reported_on=dt.date(year, 6, 1))
        cache.clear()
        counts.append(count_queries(lambda e=edition: client.get(f"/ediciones/{e.slug}/memoria/")))
    assert counts[0] == counts[1]
