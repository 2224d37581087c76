"""Constancias of attendance and participation: eligibility, PDF, folio and verification."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "datacon.certificates"
    label = "certificates"
    verbose_name = _("Constancias")

    def ready(self) -> None:
        from datacon.certificates import (
            datasets,  # noqa: F401  (registers the open dataset)
            permissions,  # noqa: F401  (the named rules)
        )
        from datacon.certificates.memoria import register_memoria_blocks
        from datacon.certificates.personal_data import register_providers

        register_providers()
        register_memoria_blocks()
        from datacon.certificates.copying import certificate_rule_copy
        from datacon.editions.copying import edition_copy_step_register

        edition_copy_step_register(certificate_rule_copy)
