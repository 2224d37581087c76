"""A new edition from the last one keeps the constancias' rule (hours, signer, images);
never the constancias themselves."""

from __future__ import annotations

from datacon.certificates.models import CertificateRule
from datacon.editions.copying import EditionCopy, record_copy


def certificate_rule_copy(copy: EditionCopy) -> None:
    rule = CertificateRule.objects.filter(edition=copy.source).first()
    if rule is not None:
        record_copy(copy.work, rule, changes={"edition": copy.edition})
