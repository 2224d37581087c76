"""Writes of the records the demand team curates: standards, institutions and reuse projects.

Each goes through the unit of work (datacon.common.write). Who may write:
`demand.edit_record` (the add_/change_ permission of the record's model) and
`demand.merge_institutions` (datacon/demand/permissions.py); the system actor
(loaders, commands) passes.
"""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _

from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.slugs import unique_slug_for
from datacon.common.write import unit_of_work
from datacon.demand.models import (
    DatasetCandidate,
    DataStandard,
    DemandAction,
    InformationNeed,
    InformationRequest,
    Institution,
    InstitutionAlias,
    RepeatedQuestion,
    ReuseDataset,
    ReuseProject,
)
from datacon.demand.text import name_key

RecordT = TypeVar("RecordT", bound=Model)


def demand_record_save(*, instance: RecordT, actor: Actor) -> RecordT:
    """Save a curated record that needs no rule of its own (a link of a reuse project...)."""
    require(actor, "demand.edit_record", instance)
    with unit_of_work(actor) as work:
        return work.save(instance)


def demand_record_delete(*, instance: Model, actor: Actor) -> None:
    """Delete a curated record (a link of a project, a dataset it uses...)."""
    require(actor, "demand.delete_record", instance)
    with unit_of_work(actor) as work:
        work.delete(instance)


# --- standards -------------------------------------------------------------------------------


def standard_save(*, standard: DataStandard, actor: Actor) -> DataStandard:
    if not standard.slug:
        standard.slug = unique_slug_for(standard, standard.name)
    return demand_record_save(instance=standard, actor=actor)


def standard_create(
    *,
    name: str,
    data_format: str,
    update_frequency: str,
    actor: Actor,
    description: str = "",
    fields: list[dict[str, object]] | None = None,
    licence: str = "CC-BY-4.0",
    reference_url: str = "",
    is_demo: bool = False,
) -> DataStandard:
    return standard_save(
        standard=DataStandard(
            name=name,
            data_format=data_format,
            update_frequency=update_frequency,
            description=description,
            fields=fields or [],
            licence=licence,
            reference_url=reference_url,
            is_demo=is_demo,
        ),
        actor=actor,
    )


# --- institutions --------------------------------------------------------------------------


def institution_save(*, institution: Institution, actor: Actor) -> Institution:
    if not institution.key:
        institution.key = name_key(institution.name)
    if not institution.slug:
        institution.slug = unique_slug_for(institution, institution.acronym or institution.name)
    if Institution.objects.filter(key=institution.key).exclude(pk=institution.pk).exists():
        raise ValidationError({"name": _("Ya existe una institución con ese nombre.")})
    return demand_record_save(instance=institution, actor=actor)


def institution_alias_save(*, alias: InstitutionAlias, actor: Actor) -> InstitutionAlias:
    """Another spelling of an institution; imports map it by its normalised name."""
    alias.key = name_key(alias.name)
    return demand_record_save(instance=alias, actor=actor)


def institution_merge(*, source: Institution, target: Institution, actor: Actor) -> Institution:
    """Two spellings of one institution: move everything to `target`, keep the name as an alias."""
    require(actor, "demand.merge_institutions", target)
    if source.pk == target.pk:
        raise ValidationError(_("Elija dos instituciones distintas."))
    from datacon.demand.figures import monthly_demand_refresh

    with unit_of_work(actor) as work:
        source = Institution.objects.select_for_update().get(pk=source.pk)
        moved = work.update(
            InformationRequest.objects.filter(institution=source),
            action=DemandAction.INSTITUTION_MERGE,
            institution=target,
        )
        for model in (RepeatedQuestion, DatasetCandidate, InstitutionAlias):
            rows = model._default_manager.filter(institution=source)
            if rows.exists():
                work.update(rows, action=DemandAction.INSTITUTION_MERGE, institution=target)
        for need in InformationNeed.objects.filter(holders=source):
            need.holders.remove(source)
            need.holders.add(target)
            work.touch(need)
        alias = InstitutionAlias.objects.filter(key=source.key).first() or InstitutionAlias(
            key=source.key
        )
        alias.name = source.name
        alias.institution = target
        work.save(alias)
        work.record(
            DemandAction.INSTITUTION_MERGE,
            target,
            changes={"merged": source.name, "requests": moved},
        )
        work.delete(source)
        monthly_demand_refresh(actor=actor, dimensions=("institution",))
    return target


# --- reuse projects --------------------------------------------------------------------------


def project_save(*, project: ReuseProject, actor: Actor) -> ReuseProject:
    if not project.slug:
        project.slug = unique_slug_for(project, project.title)
    return demand_record_save(instance=project, actor=actor)


def project_dataset_add(
    *,
    project: ReuseProject,
    actor: Actor,
    need: InformationNeed | None = None,
    title: str = "",
    url: str = "",
) -> ReuseDataset:
    existing = ReuseDataset.objects.filter(project=project, need=need, url=url).first()
    if existing is not None:
        return existing
    order = ReuseDataset.objects.filter(project=project).count()
    return demand_record_save(
        instance=ReuseDataset(project=project, need=need, title=title, url=url, order=order),
        actor=actor,
    )
