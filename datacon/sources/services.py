"""Writes of the sources of the public record, through the unit of work."""

from __future__ import annotations

from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.write import unit_of_work
from datacon.sources.models import Source, SourcedFact, SourcesAction


def source_save(*, source: Source, actor: Actor) -> Source:
    require(actor, "sources.edit_record", source)
    with unit_of_work(actor) as work:
        return work.save(source, action=SourcesAction.SOURCE_LOAD)


def sourced_fact_save(*, fact: SourcedFact, actor: Actor) -> SourcedFact:
    require(actor, "sources.edit_record", fact)
    with unit_of_work(actor) as work:
        return work.save(fact, action=SourcesAction.FACT_LOAD)


def source_delete(*, source: Source, actor: Actor) -> None:
    """Delete a source no fact cites (the facts hold it: PROTECT)."""
    require(actor, "sources.delete_record", source)
    with unit_of_work(actor) as work:
        work.delete(source)


def sourced_fact_delete(*, fact: SourcedFact, actor: Actor) -> None:
    require(actor, "sources.delete_record", fact)
    with unit_of_work(actor) as work:
        work.delete(fact)
