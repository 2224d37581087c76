"""Writes for memorias: narrative sections, reported figures and publication.

Every write goes through the unit of work (datacon.common.write): validated,
audited, and the public pages the records feed move on (a memoria, its sections
and figures declare the conference scope: the memoria page, its PDF and the
edition page are cached under it). Only organisers of the edition write a
memoria (`memoria.edit`, datacon/memoria/permissions.py); the platform's
loaders act as the system.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.write import Work, unit_of_work
from datacon.editions.models import Edition
from datacon.memoria.models import (
    FigureQualifier,
    Memoria,
    MemoriaAction,
    MemoriaSection,
    MemoriaStatus,
    ReportedFigure,
    SectionKind,
)

EDIT = "memoria.edit"


@dataclass(frozen=True)
class FigureInput:
    """A figure reported in a source document, as the editor sends it."""

    key: str
    value: int
    source: str
    qualifier: str = FigureQualifier.EXACT
    source_url: str = ""
    note: str = ""


def memoria_ensure(*, edition: Edition, actor: Actor) -> Memoria:
    """The edition's memoria, created as a draft the first time it is asked for."""
    memoria = Memoria.objects.filter(edition=edition).first()
    if memoria is not None:
        return memoria
    with unit_of_work(actor) as work:
        require(work.actor, EDIT, edition)
        # Lock the edition so two organisers opening the editor at once create one memoria.
        Edition.objects.select_for_update().filter(pk=edition.pk).first()
        memoria = Memoria.objects.filter(edition=edition).first()
        if memoria is None:
            memoria = work.save(Memoria(edition=edition))
    return memoria


def _section_save(
    work: Work,
    memoria: Memoria,
    kind: str,
    body: str,
    title: str,
    english: tuple[str, str] | None = None,
) -> MemoriaSection | None:
    """`english` is (title_en, body_en) (common.bilingual); None keeps what is stored."""
    if kind not in SectionKind.values:
        raise ValidationError({"kind": _("Sección desconocida.")})
    body = body.strip().replace("\r\n", "\n")
    title = title.strip()
    section = MemoriaSection.objects.filter(memoria=memoria, kind=kind).first()
    if not body:
        if section is not None:
            work.delete(section, action=MemoriaAction.SECTION_DELETE)
        return None
    if section is None:
        section = MemoriaSection(memoria=memoria, kind=kind)
    title_en, body_en = (
        (english[0].strip(), english[1].strip().replace("\r\n", "\n"))
        if english is not None
        else (section.title_en, section.body_en)
    )
    if section.pk and (section.body, section.title, section.title_en, section.body_en) == (
        body,
        title,
        title_en,
        body_en,
    ):
        return section
    section.body = body
    section.title = title
    section.title_en = title_en
    section.body_en = body_en
    return work.save(section, action=MemoriaAction.SECTION_SAVE)


def memoria_section_save(
    *, memoria: Memoria, kind: str, body: str, title: str = "", actor: Actor
) -> MemoriaSection | None:
    """Write one narrative section; an empty body removes it. Unchanged text writes nothing."""
    with unit_of_work(actor) as work:
        require(work.actor, EDIT, memoria)
        return _section_save(work, memoria, kind, body, title)


def memoria_sections_save(
    *, memoria: Memoria, sections: Mapping[str, tuple[str, str]], actor: Actor
) -> None:
    """Write several sections at once: {kind: (title, body)}; all or nothing."""
    with unit_of_work(actor) as work:
        require(work.actor, EDIT, memoria)
        for kind, (title, body) in sections.items():
            _section_save(work, memoria, kind, body, title)


def _figure_save(work: Work, memoria: Memoria, wanted: FigureInput) -> ReportedFigure:
    figure = ReportedFigure.objects.filter(
        memoria=memoria, key=wanted.key
    ).first() or ReportedFigure(memoria=memoria, key=wanted.key)
    values = {
        "value": wanted.value,
        "qualifier": wanted.qualifier,
        "source": wanted.source.strip(),
        "source_url": wanted.source_url.strip(),
        "note": wanted.note.strip(),
    }
    if figure.pk and all(getattr(figure, name) == value for name, value in values.items()):
        return figure
    for name, value in values.items():
        setattr(figure, name, value)
    return work.save(figure, action=MemoriaAction.FIGURE_SAVE)


def reported_figure_save(
    *,
    memoria: Memoria,
    key: str,
    value: int,
    source: str,
    qualifier: str = FigureQualifier.EXACT,
    source_url: str = "",
    note: str = "",
    actor: Actor,
) -> ReportedFigure:
    """Record (or correct) one figure; an unchanged one writes nothing."""
    wanted = FigureInput(key, value, source, qualifier, source_url, note)
    with unit_of_work(actor) as work:
        require(work.actor, EDIT, memoria)
        return _figure_save(work, memoria, wanted)


def reported_figure_delete(*, figure: ReportedFigure, actor: Actor) -> None:
    with unit_of_work(actor) as work:
        require(work.actor, EDIT, figure.memoria)
        work.delete(figure, action=MemoriaAction.FIGURE_DELETE)


def memoria_contents_save(
    *,
    memoria: Memoria,
    subtitle: str,
    sections: Mapping[str, tuple[str, str]],
    figures: Iterable[FigureInput],
    actor: Actor,
    subtitle_en: str | None = None,
    english: Mapping[str, tuple[str, str]] | None = None,
) -> None:
    """What the editor sends, all or nothing: the subtitle, every section and exactly these
    figures (one left out is removed). `subtitle_en` and `english` (kind -> (title_en,
    body_en)) are the English version (common.bilingual); None keeps what is stored."""
    with unit_of_work(actor) as work:
        require(work.actor, EDIT, memoria)
        subtitle = subtitle.strip()
        subtitle_en = memoria.subtitle_en if subtitle_en is None else subtitle_en.strip()
        if (subtitle, subtitle_en) != (memoria.subtitle, memoria.subtitle_en):
            memoria.subtitle = subtitle
            memoria.subtitle_en = subtitle_en
            work.save(memoria)
        for kind, (title, body) in sections.items():
            _section_save(work, memoria, kind, body, title, (english or {}).get(kind))
        kept = {_figure_save(work, memoria, figure).key for figure in figures}
        for figure in ReportedFigure.objects.filter(memoria=memoria).exclude(key__in=kept):
            work.delete(figure, action=MemoriaAction.FIGURE_DELETE)


def memoria_publish(*, memoria: Memoria, actor: Actor, on: dt.date | None = None) -> Memoria:
    with unit_of_work(actor) as work:
        require(work.actor, EDIT, memoria)
        memoria.status = MemoriaStatus.PUBLISHED
        if memoria.published_on is None:
            memoria.published_on = on or timezone.localdate()
        return work.save(memoria, action=MemoriaAction.PUBLISH)


def memoria_unpublish(*, memoria: Memoria, actor: Actor) -> Memoria:
    with unit_of_work(actor) as work:
        require(work.actor, EDIT, memoria)
        memoria.status = MemoriaStatus.DRAFT
        return work.save(memoria, action=MemoriaAction.UNPUBLISH)


def memoria_save(*, memoria: Memoria, actor: Actor) -> Memoria:
    with unit_of_work(actor) as work:
        require(work.actor, EDIT, memoria)
        return work.save(memoria)
