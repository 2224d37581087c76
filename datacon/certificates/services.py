"""Writes of constancias: the rule, prepare, issue (through the outbox), revoke, rename, erase.

Preparing creates the constancias of everyone eligible, with their folio and the
name as the platform knows it; until they are issued each person can correct
that name from their account (ARCO rectification). Issuing makes them valid,
verifiable and downloadable, and queues one e-mail each in the outbox (sent by
`send_queued_emails`). Large editions go in chunks, each its own transaction,
with `progress(done, total)` called after each.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from datacon.certificates.models import (
    Certificate,
    CertificateAction,
    CertificateRule,
    CertificateStatus,
    folio_for,
)
from datacon.certificates.selectors import candidates, existing_keys, rule_for
from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.models import OutboundEmail, OutboundEmailStatus
from datacon.common.urls import absolute_url
from datacon.common.validators import single_line
from datacon.common.write import unit_of_work
from datacon.editions.models import Edition

MANAGE = "certificates.manage"
CHUNK = 2000
EMAIL_PURPOSE = "certificate"

Progress = Callable[[int, int], None]
T = TypeVar("T")


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def certificate_rule_save(*, rule: CertificateRule, actor: Actor) -> CertificateRule:
    with unit_of_work(actor) as work:
        require(work.actor, MANAGE, rule.edition)
        return work.save(rule, action=CertificateAction.RULE_SAVE)


def certificates_prepare(
    *, edition: Edition, actor: Actor, chunk: int = CHUNK, progress: Progress | None = None
) -> int:
    """Create the constancias of everyone eligible who has none yet. Returns how many."""
    rule = rule_for(edition=edition)
    keys = existing_keys(edition=edition)
    new = [
        c
        for c in candidates(edition=edition, rule=rule)
        if (c.kind, c.role, c.holder_key) not in keys
    ]
    done = 0
    for part in _chunks(new, chunk):
        with unit_of_work(actor) as work:
            require(work.actor, MANAGE, edition)
            # The edition's row serialises concurrent runs: numbers stay consecutive.
            Edition.objects.select_for_update().filter(pk=edition.pk).first()
            top = dict(
                Certificate.objects.filter(edition=edition)
                .values_list("kind")
                .annotate(top=Max("number"))
                .order_by()
            )
            rows = []
            for candidate in part:
                number = top.get(candidate.kind, 0) + 1
                top[candidate.kind] = number
                rows.append(
                    Certificate(
                        edition=edition,
                        kind=candidate.kind,
                        role=candidate.role,
                        holder_key=candidate.holder_key,
                        user_id=candidate.user_id,
                        email=candidate.email,
                        name=single_line(candidate.name)[:200],
                        hours=candidate.hours,
                        number=number,
                        folio=folio_for(year=edition.year, kind=candidate.kind, number=number),
                    )
                )
            work.create_many(rows, action=CertificateAction.PREPARE, batch_size=500)
        done += len(part)
        if progress:
            progress(done, len(new))
    return done


def _email(certificate: Certificate, edition: Edition) -> OutboundEmail:
    context = {
        "certificate": certificate,
        "edition": edition,
        "verify_url": verify_url(certificate),
        "account_url": absolute_url("public:certificates_mine"),
    }
    return OutboundEmail(
        to=certificate.email,
        subject=single_line(
            _("Su constancia de %(edition)s (folio %(folio)s)")
            % {"edition": edition.title, "folio": certificate.folio}
        )[:250],
        body_text=render_to_string("certificates/email.txt", context),
        purpose=EMAIL_PURPOSE,
        related_type=Certificate._meta.label_lower,
        related_id=str(certificate.pk),
        status=OutboundEmailStatus.QUEUED,
    )


def certificates_issue(
    *,
    edition: Edition,
    actor: Actor,
    chunk: int = CHUNK,
    notify: bool = True,
    progress: Progress | None = None,
) -> int:
    """Prepare what is missing, then issue every prepared constancia of the edition and
    queue one e-mail each. Returns how many were issued."""
    certificates_prepare(edition=edition, actor=actor, chunk=chunk)
    pending = list(
        Certificate.objects.filter(edition=edition, status=CertificateStatus.PREPARED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    done = 0
    for part in _chunks(pending, chunk):
        now = timezone.now()
        with unit_of_work(actor) as work:
            require(work.actor, MANAGE, edition)
            work.update(
                Certificate.objects.filter(pk__in=part, status=CertificateStatus.PREPARED),
                action=CertificateAction.ISSUE,
                status=CertificateStatus.ISSUED,
                issued_at=now,
            )
            if notify:
                issued = list(
                    Certificate.objects.filter(pk__in=part, issued_at=now)
                    .exclude(email="")
                    .order_by("pk")
                )
                emails = [_email(certificate, edition) for certificate in issued]
                for email in emails:
                    email.created_by = work.actor.account
                work.create_many(emails, action=CertificateAction.NOTIFY, batch_size=500)
                work.update(
                    Certificate.objects.filter(pk__in=[c.pk for c in issued]),
                    action=CertificateAction.NOTIFY,
                    notified_at=now,
                )
        done += len(part)
        if progress:
            progress(done, len(pending))
    return done


def certificate_revoke(*, certificate: Certificate, reason: str, actor: Actor) -> Certificate:
    reason = (reason or "").strip()
    with unit_of_work(actor) as work:
        require(work.actor, MANAGE, certificate.edition)
        if certificate.status != CertificateStatus.ISSUED:
            raise ValidationError(_("Solo se puede revocar una constancia emitida."))
        if not reason:
            raise ValidationError({"reason": _("Escriba el motivo de la revocación.")})
        certificate.status = CertificateStatus.REVOKED
        certificate.revoked_at = timezone.now()
        certificate.revoked_reason = reason
        return work.save(certificate, action=CertificateAction.REVOKE)


def certificate_rename(*, certificate: Certificate, name: str, actor: Actor) -> Certificate:
    """The holder corrects the name printed on their constancia, until it is issued."""
    name = single_line(name or "").strip()
    with unit_of_work(actor) as work:
        require(work.actor, "certificates.own")
        if certificate.user_id is None or certificate.user_id != getattr(
            work.actor.account, "pk", None
        ):
            raise ValidationError(_("Esta constancia no es suya."))
        if not certificate.name_editable:
            raise ValidationError(_("La constancia ya se emitió: su nombre ya no cambia."))
        if not name:
            raise ValidationError({"name": _("Escriba su nombre.")})
        certificate.name = name
        return work.save(certificate, action=CertificateAction.RENAME)


def certificates_erase_holder(*, user: Any, actor: Actor) -> int:
    """A deleted account: its constancias lose the name and the e-mail, keep the folio.
    Prepared ones (never issued) go away."""
    with unit_of_work(actor) as work:
        work.delete_many(
            Certificate.objects.filter(user=user, status=CertificateStatus.PREPARED),
            action=CertificateAction.ERASE,
        )
        return work.update(
            Certificate.objects.filter(user=user),
            action=CertificateAction.ERASE,
            name="",
            email="",
            user=None,
            holder_erased_at=timezone.now(),
        )


def verify_url(certificate: Certificate) -> str:
    return absolute_url("public:certificates_verify", folio=certificate.folio)
