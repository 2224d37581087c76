"""The constancias block of the memoria: how many were issued, by kind and role."""

from __future__ import annotations

from django.utils.translation import gettext as _

from datacon.certificates.models import CertificateKind, CertificateRole
from datacon.certificates.selectors import counts
from datacon.common import versions
from datacon.editions.models import Edition
from datacon.memoria.blocks import FigureBlock, MemoriaBlockProvider, memoria_block_register


def _certificates_block(edition: Edition) -> FigureBlock | None:
    rows = [
        (
            f"{CertificateKind(kind).label} · {CertificateRole(role).label}",
            valid + revoked,
            revoked,
        )
        for kind, role, valid, revoked in counts(edition=edition)
    ]
    if not rows:
        return None
    return FigureBlock(
        title=_("Constancias emitidas"),
        columns=(_("Tipo y papel"), _("Emitidas"), _("Revocadas")),
        rows=rows,
        chart_columns=(1,),
        source=_("Constancias de la plataforma"),
    )


def register_memoria_blocks() -> None:
    memoria_block_register(
        MemoriaBlockProvider(
            key="certificates",
            build=_certificates_block,
            scopes=(versions.REGISTRATION,),
            order=40,
        )
    )
