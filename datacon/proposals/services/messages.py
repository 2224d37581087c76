"""The messages the call for proposals sends, and its history of each proposal.

Every e-mail of the capability goes into the outbox (`datacon.common.mail`)
from here, with the edition's editable template; every step of a proposal is a
`ProposalEvent` written here, inside the caller's unit of work.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from datacon.common import urls
from datacon.common.mail import email_enqueue
from datacon.common.models import OutboundEmail
from datacon.common.write import Work
from datacon.editions.models import Edition
from datacon.proposals.emails import DEFAULT_TEMPLATES, render_placeholders
from datacon.proposals.models import (
    EmailTemplate,
    EmailTemplateKind,
    InvitationStatus,
    Proposal,
    ProposalEvent,
    ProposalPerson,
)

PURPOSE_DECISION = "proposal.decision"
PURPOSE_INVITATION = "proposal.invitation"
PURPOSE_REVIEW_CONFLICT = "proposal.review_conflict"


def absolute_url(name: str, **kwargs: Any) -> str:
    """A link for an e-mail, in the site's first language."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse(name, kwargs=kwargs)
    return urls.absolute_url(path)


def template_for(edition: Edition, kind: str) -> EmailTemplate:
    """The edition's text for a kind of message, or the default one."""
    template = EmailTemplate.objects.filter(edition=edition, kind=kind).first()
    if template is None:
        subject, body = DEFAULT_TEMPLATES[kind]
        template = EmailTemplate(edition=edition, kind=kind, subject=subject, body=body)
    return template


def organiser_name(edition: Edition) -> str:
    return edition.organiser.name if edition.organiser_id and edition.organiser else edition.title


def _common_values(proposal: Proposal, person: ProposalPerson) -> dict[str, str]:
    return {
        "nombre": person.name,
        "titulo": proposal.title,
        "referencia": proposal.reference,
        "edicion": proposal.edition.title,
        "organizador": organiser_name(proposal.edition),
    }


def enqueue(
    work: Work,
    *,
    to: str,
    subject: str,
    body_text: str,
    purpose: str,
    related: models.Model,
    needs_review: bool = False,
) -> OutboundEmail:
    """Put one message in the outbox, signed by the unit of work's actor."""
    # common.mail still stores the account itself as `created_by`.
    return email_enqueue(
        to=to,
        subject=subject,
        body_text=body_text,
        purpose=purpose,
        related=related,
        needs_review=needs_review,
        actor=work.actor,
    )


def invitation_enqueue(work: Work, *, proposal: Proposal, person: ProposalPerson) -> OutboundEmail:
    """Ask a co-speaker to confirm. Sent after the review conflicts were re-checked, so no
    reviewer of this proposal learns from it who proposed it (issue 13.4)."""
    template = template_for(proposal.edition, EmailTemplateKind.INVITATION)
    submitter = next((p for p in proposal.people.all() if p.is_submitter), None)
    values = _common_values(proposal, person) | {
        "enlace": absolute_url("public:proposals_invitation", token=person.invitation_token),
        "quien_propone": submitter.name if submitter else _("Una persona"),
    }
    return enqueue(
        work,
        to=person.email,
        subject=render_placeholders(template.subject, values).strip(),
        body_text=render_placeholders(template.body, values),
        purpose=PURPOSE_INVITATION,
        related=proposal,
    )


def decision_enqueue(work: Work, *, proposal: Proposal, note: str) -> list[OutboundEmail]:
    """The decision's messages, one per person still on the proposal; they wait for review."""
    template = template_for(proposal.edition, proposal.status)
    emails = []
    for person in proposal.people.exclude(invitation_status=InvitationStatus.DECLINED):
        if person.is_submitter:
            link = absolute_url("public:proposals_detail", pk=proposal.pk)
        else:
            link = absolute_url("public:proposals_invitation", token=person.invitation_token)
        values = _common_values(proposal, person) | {"enlace": link, "nota": note}
        emails.append(
            enqueue(
                work,
                to=person.email,
                subject=render_placeholders(template.subject, values).strip(),
                body_text=render_placeholders(template.body, values),
                purpose=f"{PURPOSE_DECISION}.{proposal.status}",
                related=proposal,
                needs_review=True,
            )
        )
    return emails


def review_conflict_enqueue(
    work: Work, *, proposal: Proposal, reviewer_label: str, to: str
) -> OutboundEmail:
    """Tell an organiser that a reviewer now appears on a proposal and no longer reviews it."""
    return enqueue(
        work,
        to=to,
        subject=_("%(reference)s: una persona revisora ya no revisa esta propuesta")
        % {"reference": proposal.reference},
        body_text=_(
            "%(reviewer)s aparece ahora en la propuesta %(reference)s «%(title)s» de "
            "%(edition)s, que tenía asignada para revisión. Se retiró la asignación y su "
            "calificación, si la había, ya no cuenta.\n\n"
            "Puede asignar la propuesta a otra persona en:\n%(link)s\n"
        )
        % {
            "reviewer": reviewer_label,
            "reference": proposal.reference,
            "title": proposal.title,
            "edition": proposal.edition.title,
            "link": absolute_url(
                "backoffice:proposals_detail", edition=proposal.edition.slug, pk=proposal.pk
            ),
        },
        purpose=PURPOSE_REVIEW_CONFLICT,
        related=proposal,
    )


def event_record(
    work: Work, *, proposal: Proposal, kind: str, from_status: str = "", note: str = ""
) -> ProposalEvent:
    """One line of the proposal's history (the audit log has the proposal's own diff)."""
    return work.save(
        ProposalEvent(
            proposal=proposal,
            kind=kind,
            actor=work.actor.account,
            from_status=from_status,
            to_status=proposal.status,
            note=note[:500],
        )
    )
