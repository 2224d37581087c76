"""Demo constancias, on the fictional DATACON 2027 edition only (slug 2027-demo).

The demo's fictional attendees are checked in at their venue (the evidence an
attendance constancia needs), the edition gets a rule (16 hours, a fictional
signer), and every eligible person's constancia is issued without e-mails; one
participation constancia is revoked to show how a revoked folio reads. Never on
a real edition. Idempotent: a second run adds nothing.
"""

from __future__ import annotations

from datacon.certificates.models import (
    Certificate,
    CertificateKind,
    CertificateRule,
    CertificateStatus,
)
from datacon.certificates.services import (
    certificate_revoke,
    certificate_rule_save,
    certificates_issue,
)
from datacon.common.actor import Actor
from datacon.common.write import unit_of_work
from datacon.demo.registration import DEMO_ATTENDEES, DEMO_EDITION_SLUG
from datacon.editions.models import Edition
from datacon.registration.models import Registration, RegistrationStatus
from datacon.registration.services import checkin_venue

ACTOR = Actor.system("demo")


def demo_load() -> dict[str, int]:
    edition = Edition.objects.filter(slug=DEMO_EDITION_SLUG).first()
    if edition is None:
        return {}
    with unit_of_work(ACTOR):
        if not CertificateRule.objects.filter(edition=edition).exists():
            certificate_rule_save(
                rule=CertificateRule(
                    edition=edition,
                    attendance_hours=16,
                    signer_name="Persona titular ficticia (demostración)",
                    signer_title="Coordinación de la edición de demostración",
                ),
                actor=ACTOR,
            )
        for registration in (
            Registration.objects.filter(
                edition=edition,
                user__email__in=[email for email, *_rest in DEMO_ATTENDEES],
                status=RegistrationStatus.CONFIRMED,
                venue__isnull=False,
                checked_in_at__isnull=True,
            )
            .select_related("venue")
            .order_by("pk")
        ):
            venue = registration.venue
            if venue is not None:
                checkin_venue(venue=venue, code=registration.ticket_code, actor=ACTOR)
    before = Certificate.objects.filter(edition=edition).count()
    if before:
        # Issued once: people who became eligible later (another capability's demo
        # adds a speaker) are the organiser's next issue, not the demo's.
        return {}
    certificates_issue(edition=edition, actor=ACTOR, notify=False)
    if not Certificate.objects.filter(edition=edition, status=CertificateStatus.REVOKED).exists():
        last = (
            Certificate.objects.filter(
                edition=edition,
                kind=CertificateKind.PARTICIPATION,
                status=CertificateStatus.ISSUED,
            )
            .order_by("-number")
            .first()
        )
        if last is not None:
            certificate_revoke(
                certificate=last,
                reason="Demostración: así se ve una constancia revocada.",
                actor=ACTOR,
            )
    return {"certificate": Certificate.objects.filter(edition=edition).count() - before}
