"""Writes for memorias: narrative sections, reported figures and publication.

Every write goes through `record_save`, so it is validated, audited and bumps
the conference scope (the memoria page, its PDF and the edition page are
cached under it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from datacon.common.services import record_delete, record_save
from datacon.editions.models import Edition
from datacon.memoria.models import (
    FigureQualifier,
    Memoria,
    MemoriaSection,
    MemoriaStatus,
    ReportedFigure,
    SectionKind,
)


def memoria_ensure(*, edition: Edition, actor: Any) -> Memoria:
    """The edition's memoria, created as a draft the first time it is asked for."""
    memoria = Memoria.objects.filter(edition=edition).first()
    if memoria is not None:
        return memoria
    with transaction.atomic():
        # Lock the edition so two organisers opening the editor at once create one memoria.
        Edition.objects.select_for_update().filter(pk=edition.pk).first()
        memoria = Memoria.objects.filter(edition=edition).first()
        if memoria is None:
            memoria = record_save(instance=Memoria(edition=edition), actor=actor)
    return memoria


def memoria_section_save(
    *, memoria: Memoria, kind: str, body: str, title: str = "", actor: Any
) -> MemoriaSection | None:
    """Write one narrative section; an empty body removes it. Unchanged text writes nothing."""
    if kind not in SectionKind.values:
        raise ValidationError({"kind": _("Sección desconocida.")})
    body = body.strip().replace("\r\n", "\n")
    title = title.strip()
    section = MemoriaSection.objects.filter(memoria=memoria, kind=kind).first()
    if not body:
        if section is not None:
            record_delete(instance=section, actor=actor, action="memoria.section.delete")
        return None
    if section is None:
        section = MemoriaSection(memoria=memoria, kind=kind)
    elif section.body == body and section.title == title:
        return section
    section.body = body
    section.title = title
    return record_save(instance=section, actor=actor, action="memoria.section.save")


def memoria_sections_save(
    *, memoria: Memoria, sections: Mapping[str, tuple[str, str]], actor: Any
) -> None:
    """Write several sections at once: {kind: (title, body)}; all or nothing."""
    with transaction.atomic():
        for kind, (title, body) in sections.items():
            memoria_section_save(memoria=memoria, kind=kind, title=title, body=body, actor=actor)


def reported_figure_save(
    *,
    memoria: Memoria,
    key: str,
    value: int,
    source: str,
    qualifier: str = FigureQualifier.EXACT,
    source_url: str = "",
    note: str = "",
    actor: Any,
) -> ReportedFigure:
    figure = ReportedFigure.objects.filter(memoria=memoria, key=key).first() or ReportedFigure(
        memoria=memoria, key=key
    )
    values = {
        "value": value,
        "qualifier": qualifier,
        "source": source.strip(),
        "source_url": source_url.strip(),
        "note": note.strip(),
    }
    if figure.pk and all(getattr(figure, name) == wanted for name, wanted in values.items()):
        return figure
    for name, wanted in values.items():
        setattr(figure, name, wanted)
    return record_save(instance=figure, actor=actor, action="memoria.figure.save")


def reported_figure_delete(*, figure: ReportedFigure, actor: Any) -> None:
    record_delete(instance=figure, actor=actor, action="memoria.figure.delete")


def memoria_publish(*, memoria: Memoria, actor: Any, on: dt.date | None = None) -> Memoria:
    memoria.status = MemoriaStatus.PUBLISHED
    if memoria.published_on is None:
        memoria.published_on = on or timezone.localdate()
    return record_save(instance=memoria, actor=actor, action="memoria.publish")


def memoria_unpublish(*, memoria: Memoria, actor: Any) -> Memoria:
    memoria.status = MemoriaStatus.DRAFT
    return record_save(instance=memoria, actor=actor, action="memoria.unpublish")


def memoria_save(*, memoria: Memoria, actor: Any) -> Memoria:
    return record_save(instance=memoria, actor=actor)
