"""Writes of the demand capability: needs, supports, triage, mentions, standards, projects.

Every function owns its transaction, validation, audit entry and public-version
bump (through `record_save`/`record_delete` or explicitly). Needs and their
links bump CONFERENCE too, because session and edition pages show the needs
that came up there; supports bump only DEMAND (those pages show no counts).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from datacon.common.audit import audit_record
from datacon.common.services import record_delete, record_save
from datacon.common.slugs import unique_slug_for
from datacon.common.versions import CONFERENCE, DEMAND, public_version_bump
from datacon.demand.mentions import mention_kind
from datacon.demand.models import (
    DatasetCandidate,
    DataStandard,
    InformationNeed,
    InformationRequest,
    Institution,
    InstitutionAlias,
    NeedEvent,
    NeedEventKind,
    NeedMention,
    NeedOrigin,
    NeedStatus,
    NeedSupport,
    RepeatedQuestion,
    ReuseDataset,
    ReuseProject,
    Sector,
)
from datacon.demand.scrub import scrub
from datacon.demand.text import name_key

SUPPORTABLE_STATUSES = (NeedStatus.PROPOSED, NeedStatus.ACCEPTED, NeedStatus.IN_PROGRESS)


def _event(
    *,
    need: InformationNeed,
    kind: str,
    actor: Any,
    note: str = "",
    from_status: str = "",
    to_status: str = "",
) -> NeedEvent:
    return NeedEvent.objects.create(
        need=need,
        kind=kind,
        note=note[:2000],
        from_status=from_status,
        to_status=to_status,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )


def _need_save(*, need: InformationNeed, actor: Any, action: str = "") -> InformationNeed:
    if not need.slug:
        need.slug = unique_slug_for(need, need.title)
    return record_save(instance=need, actor=actor, action=action)


# --- needs ---------------------------------------------------------------------------------


def need_propose(
    *,
    user: Any,
    title: str,
    description: str,
    sector: str,
    justification: str = "",
    rights: str = "",
    level: str = "",
    holders_suggested: str = "",
    proposer_public_name: str = "",
) -> InformationNeed:
    """A signed-in person proposes a dataset. Personal-data patterns in the text are removed."""
    if not getattr(user, "is_authenticated", False):
        raise ValidationError(_("Inicie sesión para proponer una necesidad de información."))
    with transaction.atomic():
        need = InformationNeed(
            title=scrub(title.strip()),
            description=scrub(description.strip()),
            justification=scrub(justification.strip()),
            rights=scrub(rights.strip()),
            sector=sector,
            level=level,
            holders_suggested=scrub(holders_suggested.strip()),
            proposer=user,
            proposer_public_name=proposer_public_name.strip(),
            origin=NeedOrigin.PROPOSAL,
        )
        _need_save(need=need, actor=user, action="informationneed.propose")
        holders = _institutions_matching(need.holders_suggested)
        if holders:
            need.holders.set(holders)
        _event(need=need, kind=NeedEventKind.CREATED, actor=user)
        NeedSupport.objects.create(need=need, user=user)  # proposing is supporting
    return need


def _institutions_matching(text: str) -> list[Institution]:
    """Directory institutions named exactly (any spelling) on the lines of a free-text list."""
    keys = [name_key(line) for line in text.splitlines() if name_key(line)]
    if not keys:
        return []
    found = {i.key: i for i in Institution.objects.filter(key__in=keys)}
    for alias in InstitutionAlias.objects.filter(key__in=keys).select_related("institution"):
        found.setdefault(alias.key, alias.institution)
    return [found[key] for key in keys if key in found]


def need_create(
    *,
    title: str,
    description: str,
    sector: str,
    actor: Any,
    justification: str = "",
    rights: str = "",
    level: str = "",
    holders: Iterable[Institution] = (),
    holders_suggested: str = "",
    origin: str = NeedOrigin.DOCUMENT,
    evidence: str = "",
    status: str = NeedStatus.PROPOSED,
    status_reason: str = "",
    standard: DataStandard | None = None,
    opened_url: str = "",
    is_demo: bool = False,
    source_note: str = "",
    proposer_public_name: str = "",
    slug: str = "",
) -> InformationNeed:
    """Organisers (or the demo) record a need, e.g. one stated in a session or a document."""
    with transaction.atomic():
        need = InformationNeed(
            slug=slug,
            title=title,
            description=description,
            justification=justification,
            rights=rights,
            sector=sector,
            level=level,
            holders_suggested=holders_suggested,
            origin=origin,
            evidence=evidence,
            status=status,
            status_reason=status_reason,
            standard=standard,
            opened_url=opened_url,
            is_demo=is_demo,
            source_note=source_note,
            proposer_public_name=proposer_public_name,
        )
        _need_save(need=need, actor=actor, action="informationneed.create")
        holders = list(holders)
        if holders:
            need.holders.set(holders)
        _event(need=need, kind=NeedEventKind.CREATED, actor=actor, to_status=status)
    return need


EDITABLE_FIELDS = (
    "title",
    "description",
    "justification",
    "rights",
    "sector",
    "level",
    "holders_suggested",
    "evidence",
    "source_note",
)


def need_update(*, need: InformationNeed, actor: Any, **changes: Any) -> InformationNeed:
    """Edit what a need says (not its status: see `need_status_set`)."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Campos no editables: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        need = InformationNeed.objects.select_for_update().get(pk=need.pk)
        changed = [name for name, value in changes.items() if getattr(need, name) != value]
        if not changed:
            return need
        for name in changed:
            setattr(need, name, changes[name])
        _need_save(need=need, actor=actor)
        labels = ", ".join(
            str(getattr(InformationNeed._meta.get_field(name), "verbose_name", name))
            for name in changed
        )
        _event(need=need, kind=NeedEventKind.EDITED, actor=actor, note=labels)
    return need


def need_status_set(
    *,
    need: InformationNeed,
    status: str,
    actor: Any,
    reason: str = "",
    duplicate_of: InformationNeed | None = None,
    opened_url: str = "",
) -> InformationNeed:
    """Triage: change the status with its public reason.

    Marking a duplicate points it at the surviving entry (following that
    entry's own duplicate link, so chains never form) and moves its supports
    there: people who supported the duplicate support the same dataset.
    """
    if status not in NeedStatus.values:
        raise ValidationError({"status": _("Estado desconocido.")})
    with transaction.atomic():
        need = InformationNeed.objects.select_for_update().get(pk=need.pk)
        previous = need.status
        target = None
        if status == NeedStatus.DUPLICATE:
            if duplicate_of is None:
                raise ValidationError({"duplicate_of": _("Indique de qué necesidad es duplicada.")})
            target = InformationNeed.objects.get(pk=duplicate_of.pk)  # its current status
            seen = {need.pk}
            while target.status == NeedStatus.DUPLICATE and target.duplicate_of_id:
                if target.pk in seen:
                    break
                seen.add(target.pk)
                target = InformationNeed.objects.get(pk=target.duplicate_of_id)
            if target.pk == need.pk:
                raise ValidationError(
                    {"duplicate_of": _("Una necesidad no puede ser duplicada de sí misma.")}
                )
        need.status = status
        need.status_reason = reason.strip()
        need.duplicate_of = target
        if status == NeedStatus.OPENED:
            need.opened_url = opened_url or need.opened_url
        need.status_changed_at = timezone.now()
        _need_save(need=need, actor=actor, action="informationneed.status")
        _event(
            need=need,
            kind=NeedEventKind.STATUS,
            actor=actor,
            note=need.status_reason,
            from_status=previous,
            to_status=status,
        )
        if target is not None:
            moved = _supports_move(source=need, target=target)
            if moved:
                _event(
                    need=target,
                    kind=NeedEventKind.SUPPORTS_MERGED,
                    actor=actor,
                    note=_("%(count)s apoyos de «%(title)s»")
                    % {"count": moved, "title": need.title},
                )
            # Needs that pointed at this one now point at the survivor.
            InformationNeed.objects.filter(duplicate_of=need).update(duplicate_of=target)
    return need


def _supports_move(*, source: InformationNeed, target: InformationNeed) -> int:
    already = set(NeedSupport.objects.filter(need=target).values_list("user_id", flat=True))
    moving = NeedSupport.objects.filter(need=source).exclude(user_id__in=already)
    moved = moving.update(need=target)
    NeedSupport.objects.filter(need=source).delete()
    return moved


def need_standard_set(
    *, need: InformationNeed, standard: DataStandard | None, actor: Any
) -> InformationNeed:
    with transaction.atomic():
        need = InformationNeed.objects.select_for_update().get(pk=need.pk)
        if need.standard_id == (standard.pk if standard else None):
            return need
        need.standard = standard
        _need_save(need=need, actor=actor, action="informationneed.standard")
        _event(
            need=need,
            kind=NeedEventKind.STANDARD,
            actor=actor,
            note=standard.name if standard else _("Sin estándar"),
        )
    return need


def need_holders_set(
    *, need: InformationNeed, institutions: Iterable[Institution], actor: Any
) -> InformationNeed:
    wanted = {institution.pk: institution for institution in institutions}
    with transaction.atomic():
        need = InformationNeed.objects.select_for_update().get(pk=need.pk)
        current = set(need.holders.values_list("pk", flat=True))
        if current == set(wanted):
            return need
        need.holders.set(list(wanted.values()))
        audit_record(
            actor=actor,
            action="informationneed.holders",
            instance=need,
            changes={"holders": [sorted(current), sorted(wanted)]},
        )
        _event(
            need=need,
            kind=NeedEventKind.HOLDERS,
            actor=actor,
            note=", ".join(sorted(i.short_name for i in wanted.values())),
        )
        public_version_bump(DEMAND)
    return need


def need_visibility_set(
    *, need: InformationNeed, hidden: bool, actor: Any, reason: str = ""
) -> InformationNeed:
    """Moderation: hide a proposal (spam, abuse, personal data) or show it again."""
    with transaction.atomic():
        need = InformationNeed.objects.select_for_update().get(pk=need.pk)
        if need.is_hidden == hidden:
            return need
        if hidden and not reason.strip():
            raise ValidationError({"hidden_reason": _("Indique el motivo de la moderación.")})
        need.is_hidden = hidden
        need.hidden_reason = reason.strip()[:300] if hidden else ""
        _need_save(
            need=need,
            actor=actor,
            action="informationneed.hide" if hidden else "informationneed.show",
        )
        _event(
            need=need,
            kind=NeedEventKind.HIDDEN if hidden else NeedEventKind.SHOWN,
            actor=actor,
            note=need.hidden_reason,
        )
    return need


# --- supports ------------------------------------------------------------------------------


def need_support(*, need: InformationNeed, user: Any) -> bool:
    """Support a need once; True if this call added the support (calling again changes nothing)."""
    if not getattr(user, "is_authenticated", False):
        raise ValidationError(_("Inicie sesión para apoyar."))
    if need.is_hidden:
        raise ValidationError(_("Esta necesidad no está disponible."))
    if need.status == NeedStatus.DUPLICATE and need.duplicate_of_id:
        raise ValidationError(
            _("Esta necesidad está duplicada: apoye «%(title)s».")
            % {"title": need.duplicate_of.title if need.duplicate_of else ""}
        )
    if need.status not in SUPPORTABLE_STATUSES:
        raise ValidationError(_("Esta necesidad ya no recibe apoyos."))
    try:
        with transaction.atomic():
            _support, created = NeedSupport.objects.get_or_create(need=need, user=user)
            if created:
                public_version_bump(DEMAND)
    except IntegrityError:  # a concurrent click of the same person won the race
        return False
    return created


def need_support_withdraw(*, need: InformationNeed, user: Any) -> bool:
    with transaction.atomic():
        deleted, _rows = NeedSupport.objects.filter(need=need, user=user).delete()
        if deleted:
            public_version_bump(DEMAND)
    return bool(deleted)


# --- mentions --------------------------------------------------------------------------------


def need_mention_add(
    *, need: InformationNeed, target: models.Model, actor: Any, note: str = ""
) -> NeedMention:
    """Link a need to where it came up (a session now; a meeting or paragraph later)."""
    content_type = ContentType.objects.get_for_model(target)
    if mention_kind(f"{content_type.app_label}.{content_type.model}") is None:
        raise ValidationError(_("No se pueden vincular necesidades a ese tipo de registro."))
    with transaction.atomic():
        mention = NeedMention.objects.filter(
            need=need, content_type=content_type, object_id=target.pk
        ).first()
        if mention is not None:
            if note and mention.note != note:
                mention.note = note[:500]
                record_save(instance=mention, actor=actor)
            return mention
        mention = record_save(
            instance=NeedMention(
                need=need, content_type=content_type, object_id=target.pk, note=note[:500]
            ),
            actor=actor,
        )
        _event(need=need, kind=NeedEventKind.MENTION, actor=actor, note=str(target)[:300])
    return mention


def need_mention_remove(*, mention: NeedMention, actor: Any) -> None:
    record_delete(instance=mention, actor=actor)


# --- promotion from the request analysis -------------------------------------------------------


def candidate_promote(*, candidate: DatasetCandidate, actor: Any) -> InformationNeed:
    """Turn a candidate dataset into a registry entry, in one click; twice gives the same entry."""
    with transaction.atomic():
        candidate = (
            DatasetCandidate.objects.select_for_update(of=("self",))
            .select_related("institution", "repeated_question")
            .get(pk=candidate.pk)
        )
        if candidate.promoted_need_id:
            return candidate.promoted_need  # type: ignore[return-value]
        existing = InformationNeed.objects.filter(origin_key=candidate.key).first()
        if existing is not None:
            candidate.promoted_need = existing
            candidate.save(update_fields=["promoted_need"])
            return existing
        need = InformationNeed(
            title=candidate.title[:200],
            description=_candidate_description(candidate),
            justification=_(
                "Las personas preguntan por esta información una y otra vez por medio de "
                "solicitudes de acceso a la información; publicarla de forma proactiva "
                "ahorraría solicitudes y respuestas."
            ),
            sector=Sector.OTHER,
            origin=NeedOrigin.REQUESTS,
            origin_key=candidate.key,
            evidence=_candidate_evidence(candidate),
        )
        _need_save(need=need, actor=actor, action="informationneed.promote")
        need.holders.set([candidate.institution])
        candidate.promoted_need = need
        candidate.save(update_fields=["promoted_need"])
        _event(
            need=need,
            kind=NeedEventKind.PROMOTED,
            actor=actor,
            note=_candidate_evidence(candidate),
        )
    return need


def _candidate_description(candidate: DatasetCandidate) -> str:
    examples = [scrub(item.get("text", "")) for item in candidate.examples if item.get("text")]
    lines = [
        _("Conjunto de datos sugerido a partir de las solicitudes recibidas por %(institution)s.")
        % {"institution": candidate.institution.name},
        "",
        _("Términos principales: %(terms)s.") % {"terms": ", ".join(candidate.terms)},
    ]
    if examples:
        lines += ["", _("Ejemplos de solicitudes (sin datos personales):")]
        lines += [f"- {example}" for example in examples[:3]]
    return "\n".join(lines)


def _candidate_evidence(candidate: DatasetCandidate) -> str:
    return _(
        "%(requests)s solicitudes a %(institution)s (%(repeated)s casi idénticas) en %(months)s "
        "meses distintos; puntaje %(score)s."
    ) % {
        "requests": candidate.requests,
        "institution": candidate.institution.short_name,
        "repeated": candidate.repeated,
        "months": candidate.months,
        "score": f"{candidate.score:.2f}",
    }


# --- standards, institutions, reuse projects -----------------------------------------------


def standard_save(*, standard: DataStandard, actor: Any) -> DataStandard:
    if not standard.slug:
        standard.slug = unique_slug_for(standard, standard.name)
    return record_save(instance=standard, actor=actor)


def standard_create(
    *,
    name: str,
    data_format: str,
    update_frequency: str,
    actor: Any,
    description: str = "",
    fields: list[dict[str, Any]] | None = None,
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


def institution_save(*, institution: Institution, actor: Any) -> Institution:
    if not institution.key:
        institution.key = name_key(institution.name)
    if not institution.slug:
        institution.slug = unique_slug_for(institution, institution.acronym or institution.name)
    if Institution.objects.filter(key=institution.key).exclude(pk=institution.pk).exists():
        raise ValidationError({"name": _("Ya existe una institución con ese nombre.")})
    return record_save(instance=institution, actor=actor)


def institution_merge(*, source: Institution, target: Institution, actor: Any) -> Institution:
    """Two spellings of one institution: move everything to `target`, keep the name as an alias."""
    if source.pk == target.pk:
        raise ValidationError(_("Elija dos instituciones distintas."))
    from datacon.demand.figures import monthly_demand_refresh

    with transaction.atomic():
        source = Institution.objects.select_for_update().get(pk=source.pk)
        moved = InformationRequest.objects.filter(institution=source).update(institution=target)
        RepeatedQuestion.objects.filter(institution=source).update(institution=target)
        DatasetCandidate.objects.filter(institution=source).update(institution=target)
        for need in InformationNeed.objects.filter(holders=source):
            need.holders.remove(source)
            need.holders.add(target)
        InstitutionAlias.objects.filter(institution=source).update(institution=target)
        InstitutionAlias.objects.update_or_create(
            key=source.key, defaults={"name": source.name, "institution": target}
        )
        audit_record(
            actor=actor,
            action="institution.merge",
            instance=target,
            changes={"merged": source.name, "requests": moved},
        )
        source.delete()
        monthly_demand_refresh(dimensions=("institution",))
        public_version_bump(DEMAND, CONFERENCE)
    return target


def project_save(*, project: ReuseProject, actor: Any) -> ReuseProject:
    if not project.slug:
        project.slug = unique_slug_for(project, project.title)
    return record_save(instance=project, actor=actor)


def project_dataset_add(
    *,
    project: ReuseProject,
    actor: Any,
    need: InformationNeed | None = None,
    title: str = "",
    url: str = "",
) -> ReuseDataset:
    existing = ReuseDataset.objects.filter(project=project, need=need, url=url).first()
    if existing is not None:
        return existing
    order = ReuseDataset.objects.filter(project=project).count()
    return record_save(
        instance=ReuseDataset(project=project, need=need, title=title, url=url, order=order),
        actor=actor,
    )
