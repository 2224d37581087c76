"""Writes of the registry of information needs: proposals, triage, supports, mentions, promotion.

Every function writes through the unit of work (datacon.common.write), which
validates, audits and bumps the public scopes the models declare: needs and
their links feed CONFERENCE too (session and edition pages show the needs that
came up there); supports feed only DEMAND (those pages show no counts).
Promoting candidates of the request analysis is in `promotion.py`; standards,
institutions and reuse projects in `catalogue.py`.

Who may write (datacon/demand/permissions.py): any signed-in account proposes
and supports (`demand.propose`, `demand.support`); triage, moderation, links and
promotion need `demand.triage`. The system actor (loaders, commands) passes.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models
from django.utils import timezone
from django.utils.translation import gettext as _

from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.slugs import unique_slug_for
from datacon.common.write import Work, unit_of_work
from datacon.demand.mentions import mention_kind
from datacon.demand.models import (
    DataStandard,
    DemandAction,
    InformationNeed,
    Institution,
    InstitutionAlias,
    NeedEvent,
    NeedEventKind,
    NeedMention,
    NeedOrigin,
    NeedStatus,
    NeedSupport,
)
from datacon.demand.scrub import scrub
from datacon.demand.text import name_key

SUPPORTABLE_STATUSES = (NeedStatus.PROPOSED, NeedStatus.ACCEPTED, NeedStatus.IN_PROGRESS)


def need_event_add(
    work: Work,
    *,
    need: InformationNeed,
    kind: str,
    note: str = "",
    from_status: str = "",
    to_status: str = "",
) -> NeedEvent:
    """Add a line to the need's public history (inside the caller's unit of work)."""
    return work.save(
        NeedEvent(
            need=need,
            kind=kind,
            note=note[:2000],
            from_status=from_status,
            to_status=to_status,
            actor=work.actor.account,
        )
    )


def need_record_save(
    work: Work, need: InformationNeed, action: DemandAction | None = None
) -> InformationNeed:
    """Save a need with its slug (inside the caller's unit of work)."""
    if not need.slug:
        need.slug = unique_slug_for(need, need.title)
    return work.save(need, action=action)


def _locked(need: InformationNeed) -> InformationNeed:
    return InformationNeed.objects.select_for_update().get(pk=need.pk)


# --- needs ---------------------------------------------------------------------------------


def need_propose(
    *,
    actor: Actor,
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
    require(actor, "demand.propose")
    with unit_of_work(actor) as work:
        need = InformationNeed(
            title=scrub(title.strip()),
            description=scrub(description.strip()),
            justification=scrub(justification.strip()),
            rights=scrub(rights.strip()),
            sector=sector,
            level=level,
            holders_suggested=scrub(holders_suggested.strip()),
            proposer=work.actor.account,
            proposer_public_name=proposer_public_name.strip(),
            origin=NeedOrigin.PROPOSAL,
        )
        need_record_save(work, need, DemandAction.NEED_PROPOSE)
        holders = _institutions_matching(need.holders_suggested)
        if holders:
            need.holders.set(holders)
        need_event_add(work, need=need, kind=NeedEventKind.CREATED)
        work.save(NeedSupport(need=need, user=work.actor.account))  # proposing is supporting
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
    actor: Actor,
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
    require(actor, "demand.triage")
    with unit_of_work(actor) as work:
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
        need_record_save(work, need, DemandAction.NEED_CREATE)
        holders = list(holders)
        if holders:
            need.holders.set(holders)
        need_event_add(work, need=need, kind=NeedEventKind.CREATED, to_status=status)
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


def need_update(*, need: InformationNeed, actor: Actor, **changes: str) -> InformationNeed:
    """Edit what a need says (not its status: see `need_status_set`).

    Only the triage team edits an entry, its proposer included: anyone else is
    refused (PermissionDenied).
    """
    require(actor, "demand.triage", need)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Campos no editables: {', '.join(sorted(unknown))}")
    with unit_of_work(actor) as work:
        need = _locked(need)
        changed = [name for name, value in changes.items() if getattr(need, name) != value]
        if not changed:
            return need
        for name in changed:
            setattr(need, name, changes[name])
        need_record_save(work, need)
        labels = ", ".join(
            str(getattr(InformationNeed._meta.get_field(name), "verbose_name", name))
            for name in changed
        )
        need_event_add(work, need=need, kind=NeedEventKind.EDITED, note=labels)
    return need


def _survivor(need: InformationNeed, duplicate_of: InformationNeed | None) -> InformationNeed:
    """The entry a duplicate points at, following its own duplicate link (no chains)."""
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
    return target


def need_status_set(
    *,
    need: InformationNeed,
    status: str,
    actor: Actor,
    reason: str = "",
    duplicate_of: InformationNeed | None = None,
    opened_url: str = "",
) -> InformationNeed:
    """Triage: change the status with its public reason.

    Marking a duplicate points it at the surviving entry (following that
    entry's own duplicate link, so chains never form) and moves its supports
    there: people who supported the duplicate support the same dataset.
    """
    require(actor, "demand.triage", need)
    if status not in NeedStatus.values:
        raise ValidationError({"status": _("Estado desconocido.")})
    with unit_of_work(actor) as work:
        need = _locked(need)
        previous = need.status
        target = _survivor(need, duplicate_of) if status == NeedStatus.DUPLICATE else None
        need.status = status
        need.status_reason = reason.strip()
        need.duplicate_of = target
        if status == NeedStatus.OPENED:
            need.opened_url = opened_url or need.opened_url
        need.status_changed_at = timezone.now()
        need_record_save(work, need, DemandAction.NEED_STATUS)
        need_event_add(
            work,
            need=need,
            kind=NeedEventKind.STATUS,
            note=need.status_reason,
            from_status=previous,
            to_status=status,
        )
        if target is not None:
            _duplicate_merge(work, need, target)
    return need


def _duplicate_merge(work: Work, need: InformationNeed, target: InformationNeed) -> None:
    moved = _supports_move(work, source=need, target=target)
    if moved:
        need_event_add(
            work,
            need=target,
            kind=NeedEventKind.SUPPORTS_MERGED,
            note=_("%(count)s apoyos de «%(title)s»") % {"count": moved, "title": need.title},
        )
    # Needs that pointed at this one now point at the survivor.
    pointing = InformationNeed.objects.filter(duplicate_of=need)
    if pointing.exists():
        work.update(pointing, action=DemandAction.NEED_DUPLICATES_REPOINT, duplicate_of=target)


def _supports_move(work: Work, *, source: InformationNeed, target: InformationNeed) -> int:
    already = set(NeedSupport.objects.filter(need=target).values_list("user_id", flat=True))
    moving = NeedSupport.objects.filter(need=source).exclude(user_id__in=already)
    moved = (
        work.update(moving, action=DemandAction.SUPPORTS_MERGE, need=target)
        if moving.exists()
        else 0
    )
    left = NeedSupport.objects.filter(need=source)
    if left.exists():
        work.delete_many(left, action=DemandAction.SUPPORTS_MERGE)
    return moved


def need_standard_set(
    *, need: InformationNeed, standard: DataStandard | None, actor: Actor
) -> InformationNeed:
    require(actor, "demand.triage", need)
    with unit_of_work(actor) as work:
        need = _locked(need)
        if need.standard_id == (standard.pk if standard else None):
            return need
        need.standard = standard
        need_record_save(work, need, DemandAction.NEED_STANDARD)
        need_event_add(
            work,
            need=need,
            kind=NeedEventKind.STANDARD,
            note=standard.name if standard else _("Sin estándar"),
        )
    return need


def need_holders_set(
    *, need: InformationNeed, institutions: Iterable[Institution], actor: Actor
) -> InformationNeed:
    require(actor, "demand.triage", need)
    wanted = {institution.pk: institution for institution in institutions}
    with unit_of_work(actor) as work:
        need = _locked(need)
        current = set(need.holders.values_list("pk", flat=True))
        if current == set(wanted):
            return need
        need.holders.set(list(wanted.values()))
        work.touch(need)
        work.record(
            DemandAction.NEED_HOLDERS,
            need,
            changes={"holders": [sorted(current), sorted(wanted)]},
        )
        need_event_add(
            work,
            need=need,
            kind=NeedEventKind.HOLDERS,
            note=", ".join(sorted(i.short_name for i in wanted.values())),
        )
    return need


def need_visibility_set(
    *, need: InformationNeed, hidden: bool, actor: Actor, reason: str = ""
) -> InformationNeed:
    """Moderation: hide a proposal (spam, abuse, personal data) or show it again."""
    require(actor, "demand.triage", need)
    with unit_of_work(actor) as work:
        need = _locked(need)
        if need.is_hidden == hidden:
            return need
        if hidden and not reason.strip():
            raise ValidationError({"hidden_reason": _("Indique el motivo de la moderación.")})
        need.is_hidden = hidden
        need.hidden_reason = reason.strip()[:300] if hidden else ""
        need_record_save(work, need, DemandAction.NEED_HIDE if hidden else DemandAction.NEED_SHOW)
        need_event_add(
            work,
            need=need,
            kind=NeedEventKind.HIDDEN if hidden else NeedEventKind.SHOWN,
            note=need.hidden_reason,
        )
    return need


# --- supports ------------------------------------------------------------------------------


def need_support(*, need: InformationNeed, actor: Actor) -> bool:
    """Support a need once; True if this call added the support (calling again changes nothing)."""
    require(actor, "demand.support", need)
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
        with unit_of_work(actor) as work:
            if NeedSupport.objects.filter(need=need, user=work.actor.account).exists():
                return False
            work.save(
                NeedSupport(need=need, user=work.actor.account),
                # The database's unique constraint decides a race (a double click).
                exclude_from_validation=["need", "user"],
            )
    except IntegrityError:  # a concurrent click of the same person won the race
        return False
    return True


def need_support_withdraw(*, need: InformationNeed, actor: Actor) -> bool:
    require(actor, "demand.support", need)
    with unit_of_work(actor) as work:
        support = (
            NeedSupport.objects.select_for_update()
            .filter(need=need, user=work.actor.account)
            .first()
        )
        if support is None:
            return False
        work.delete(support)
    return True


# --- mentions --------------------------------------------------------------------------------


def need_mention_add(
    *, need: InformationNeed, target: models.Model, actor: Actor, note: str = ""
) -> NeedMention:
    """Link a need to where it came up (a session, a meeting, a consultation paragraph)."""
    require(actor, "demand.triage", need)
    content_type = ContentType.objects.get_for_model(target)
    if mention_kind(f"{content_type.app_label}.{content_type.model}") is None:
        raise ValidationError(_("No se pueden vincular necesidades a ese tipo de registro."))
    with unit_of_work(actor) as work:
        mention = NeedMention.objects.filter(
            need=need, content_type=content_type, object_id=target.pk
        ).first()
        if mention is not None:
            if note and mention.note != note:
                mention.note = note[:500]
                work.save(mention)
            return mention
        mention = work.save(
            NeedMention(need=need, content_type=content_type, object_id=target.pk, note=note[:500])
        )
        need_event_add(work, need=need, kind=NeedEventKind.MENTION, note=str(target)[:300])
    return mention


def need_mention_remove(*, mention: NeedMention, actor: Actor) -> None:
    require(actor, "demand.triage", mention.need)
    with unit_of_work(actor) as work:
        work.delete(mention)
