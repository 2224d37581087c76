"""Writes of contributions: proposing one, accepting it, rejecting it with a public reason."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.write import unit_of_work
from datacon.contributions.models import (
    Contribution,
    ContributionAction,
    ContributionKind,
    ContributionStatus,
)
from datacon.contributions.selectors import edition_accepts_contributions
from datacon.editions.models import Edition
from datacon.program.models import Session


def contribution_submit(
    *,
    actor: Actor,
    edition: Edition,
    kind: str,
    content: str,
    source_url: str,
    source_title: str,
    target: str = "",
    session: Session | None = None,
    source_publisher: str = "",
    source_date: dt.date | None = None,
    source_quote: str = "",
    credit: bool = False,
    credit_name: str = "",
) -> Contribution:
    """A signed-in person proposes an addition or a correction to a past, real edition."""
    require(actor, "contributions.submit", edition)
    if not edition_accepts_contributions(edition):
        raise ValidationError(
            _("Esta edición no recibe aportaciones: solo las ediciones reales ya celebradas.")
        )
    if kind not in ContributionKind.values:
        raise ValidationError({"kind": _("Elija el tipo de aportación.")})
    contribution = Contribution(
        edition=edition,
        kind=kind,
        session=session,
        target=target.strip(),
        content=content.strip(),
        source_url=source_url.strip(),
        source_title=source_title.strip(),
        source_publisher=source_publisher.strip(),
        source_date=source_date,
        source_quote=source_quote.strip(),
        credit=credit,
        credit_name=credit_name.strip() if credit else "",
        status=ContributionStatus.PENDING,
    )
    with unit_of_work(actor) as work:
        contribution.created_by = work.actor.account
        return work.save(contribution, action=ContributionAction.SUBMIT)


def contribution_accept(*, actor: Actor, contribution: Contribution) -> Contribution:
    """An organiser of the edition accepts it: it shows on the edition's page."""
    return _decide(actor, contribution, ContributionStatus.ACCEPTED, "")


def contribution_reject(*, actor: Actor, contribution: Contribution, reason: str) -> Contribution:
    """An organiser of the edition rejects it, with a reason the contributor and the public read."""
    return _decide(actor, contribution, ContributionStatus.REJECTED, reason)


def _decide(
    actor: Actor, contribution: Contribution, status: ContributionStatus, reason: str
) -> Contribution:
    require(actor, "contributions.review", contribution)
    reason = reason.strip()
    if status == ContributionStatus.REJECTED and not reason:
        raise ValidationError({"reason": _("Explique por qué no se acepta: el motivo es público.")})
    with unit_of_work(actor) as work:
        locked = Contribution.objects.select_for_update().get(pk=contribution.pk)
        if locked.status != ContributionStatus.PENDING:
            raise ValidationError(_("Esta aportación ya fue revisada."))
        locked.status = status
        locked.review_reason = reason
        locked.reviewed_by = work.actor.account
        locked.reviewed_at = timezone.now()
        action = (
            ContributionAction.ACCEPT
            if status == ContributionStatus.ACCEPTED
            else ContributionAction.REJECT
        )
        return work.save(locked, action=action)
