"""The kinds of "¿Qué datos abrir?" records on the platform's record screens
(datacon/backoffice/catalogue.py): reuse projects with their links and datasets, and the
directory of institutions with their other spellings.

Standards and information needs keep their own screens (`demand_standards`,
`demand_need`): their services record events and statuses these screens do not.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from datacon.backoffice import catalogue_forms as f
from datacon.backoffice.catalogue import CatalogueKind
from datacon.common.actor import Actor
from datacon.demand.catalogue import (
    demand_record_delete,
    demand_record_save,
    institution_alias_save,
    institution_save,
    project_save,
)

DEMAND = _("¿Qué datos abrir?")
EDIT = "demand.edit_record"
DELETE = "demand.delete_record"


def _record_save(record: Model, actor: Actor) -> Model:
    return demand_record_save(instance=record, actor=actor)


def _record_delete(record: Model, actor: Actor) -> None:
    demand_record_delete(instance=record, actor=actor)


def _project_save(record: Any, actor: Actor) -> Model:
    return project_save(project=record, actor=actor)


def _institution_save(record: Any, actor: Actor) -> Model:
    return institution_save(institution=record, actor=actor)


def _alias_save(record: Any, actor: Actor) -> Model:
    return institution_alias_save(alias=record, actor=actor)


def _demand(slug: str, form: Any, plural: Any, new_title: Any, **rest: Any) -> CatalogueKind:
    """A record the demand team curates: `demand.edit_record` / `demand.delete_record`
    (its model's add_/change_/delete_ permission)."""
    return CatalogueKind(
        slug=slug,
        form=form,
        plural=plural,
        new_title=new_title,
        group=DEMAND,
        view_rule=EDIT,
        edit_rule=EDIT,
        delete_rule=DELETE,
        saver=rest.pop("saver", _record_save),
        deleter=_record_delete,
        **rest,
    )


DEMAND_KINDS: tuple[CatalogueKind, ...] = (
    _demand(
        "proyectos-de-reuso",
        f.ReuseProjectForm,
        _("Proyectos de reúso"),
        _("Nuevo proyecto de reúso"),
        saver=_project_save,
        ordering=("title", "id"),
        related=("edition",),
        columns=("title", "kind", "sector", "edition", "is_published"),
    ),
    _demand(
        "enlaces-de-reuso",
        f.ReuseLinkForm,
        _("Enlaces de los proyectos"),
        _("Nuevo enlace"),
        ordering=("project__title", "order", "id"),
        related=("project",),
        columns=("label", "project", "url", "order"),
    ),
    _demand(
        "datos-de-reuso",
        f.ReuseDatasetForm,
        _("Datos que usan los proyectos"),
        _("Nuevo conjunto usado"),
        ordering=("project__title", "order", "id"),
        related=("project", "need"),
        columns=("title", "project", "need", "url"),
    ),
    _demand(
        "instituciones",
        f.InstitutionForm,
        _("Instituciones"),
        _("Nueva institución"),
        saver=_institution_save,
        ordering=("name", "id"),
        related=("organisation",),
        columns=("name", "acronym", "level", "state", "organisation"),
        help_text=_(
            "Dos nombres de una misma institución se unen en «Instituciones» de la demanda; "
            "una institución con solicitudes no se borra."
        ),
    ),
    _demand(
        "variantes-de-instituciones",
        f.InstitutionAliasForm,
        _("Otros nombres de las instituciones"),
        _("Nuevo nombre"),
        saver=_alias_save,
        ordering=("institution__name", "name"),
        related=("institution",),
        columns=("name", "institution"),
    ),
)
