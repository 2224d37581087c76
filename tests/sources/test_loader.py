"""The sourced public record: every supported entry of the press-facts file is loaded, once."""

import json
from pathlib import Path

import pytest

from datacon.demo.loader import demo_load
from datacon.editions.models import Edition
from datacon.policy.models import Milestone
from datacon.sources.loader import seed_keys_by_year, sources_load
from datacon.sources.models import Source, SourcedFact

pytestmark = pytest.mark.django_db

PRESS_FACTS = json.loads(
    (Path(__file__).parent / "data" / "datacon-public-facts.json").read_text(encoding="utf-8")
)


def _supported_entries() -> list[tuple[str, str]]:
    """(source URL, quote or text) of every entry in the supported sections of the file:
    each edition's facts, sessions and people, and the policy's facts and milestones."""
    entries = []
    for edition in PRESS_FACTS["editions"].values():
        for section in ("facts", "sessions", "people"):
            entries += [(item["source_url"], item.get("quote", "")) for item in edition[section]]
    for section in ("facts", "milestones"):
        entries += [(item["source_url"], item["quote"]) for item in PRESS_FACTS["policy"][section]]
    return entries


def test_every_supported_entry_is_loaded_with_its_source_and_quote(demo):
    loaded = sorted(SourcedFact.objects.values_list("source__url", "quote"))
    assert loaded == sorted(_supported_entries())
    assert SourcedFact.objects.count() == 68


def test_uncertain_entries_stay_uncertain_with_a_reason(demo):
    uncertain_in_file = sum(
        1
        for edition in PRESS_FACTS["editions"].values()
        for section in ("facts", "sessions", "people")
        for item in edition[section]
        if item.get("uncertain")
    ) + sum(
        1
        for section in ("facts", "milestones")
        for item in PRESS_FACTS["policy"][section]
        if item.get("uncertain")
    )
    uncertain = SourcedFact.objects.filter(uncertain=True)
    # One more than the file flags: the 2021 closing's truncated ministry name, also in "people".
    assert uncertain.count() == uncertain_in_file + 1
    assert list(uncertain.filter(uncertain_why="")) == []


def test_loading_twice_changes_nothing(demo):
    assert sources_load() == {}
    second = demo_load(with_demo_users=False)
    assert second.created == {}
    assert second.updated == {}


def test_2021_opening_and_closing_are_public_roles_linked_to_the_sessions(demo):
    opening = SourcedFact.objects.get(key="2021-sesion-01")
    closing = SourcedFact.objects.get(key="2021-sesion-02")
    assert (opening.session.code, opening.session.title) == ("S0101", "Inauguración")
    assert closing.session.code == "S0207"
    assert "Adrián Alcalá Méndez (comisionado del INAI)" in closing.text
    assert closing.source.publisher == "El Financiero"
    assert closing.source.published == "2021-05-15"


def test_2022_and_2023_facts_create_no_session(demo):
    for year in (2022, 2023):
        edition = Edition.objects.get(year=year)
        assert edition.sessions.count() == 0
        assert SourcedFact.objects.filter(edition=edition, session__isnull=False).count() == 0
    venues = SourcedFact.objects.get(key="2023-dato-02")
    assert "10 sedes simultáneas" in venues.text
    assert venues.source.publisher == "Reporte Índigo"


def test_policy_milestones_carry_their_sources(demo):
    dates = {
        str(m.date): sorted(f.source.key for f in m.sourced_facts.all())
        for m in Milestone.objects.filter(
            process__slug="abramos-mexico", sourced_facts__isnull=False
        )
    }
    assert dates == {
        "2023-03-04": ["abramos-mexico-pubpub-2023-03-04"],
        "2023-10-09": ["sfp-portal-pnda"],
        "2023-11-10": ["sfp-portal-pnda"],
    }


def test_no_fact_is_about_the_fictional_edition(demo):
    assert Edition.objects.get(year=2027).is_demo is True
    assert SourcedFact.objects.filter(edition__is_demo=True).count() == 0


def test_seeds_are_named_sources(demo):
    seeds = Source.objects.filter(kind="seed")
    assert sorted(seeds.values_list("key", flat=True)) == [
        "semilla-abramos-mexico",
        "semilla-inai-138-21",
        "semilla-memoria-2021",
        "semilla-nota-conceptual-2022",
        "semilla-nota-conceptual-2024",
    ]
    assert seed_keys_by_year()[2022] == ["semilla-nota-conceptual-2022"]
