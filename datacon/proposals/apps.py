"""Calls for proposals, review, decisions, parity and the schedule builder."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "datacon.proposals"
    label = "proposals"
    verbose_name = _("Convocatoria y revisión")

    def ready(self) -> None:
        from datacon.common.personal_data import PersonalDataProvider, personal_data_register
        from datacon.proposals import datasets  # noqa: F401  (registers the open dataset)
        from datacon.proposals.memoria import register_memoria_blocks
        from datacon.proposals.personal_data import proposals_erase, proposals_export

        # The memoria of each edition shows its call's figures (aggregates only).
        register_memoria_blocks()

        personal_data_register(
            PersonalDataProvider(
                key="proposals",
                label=str(_("Propuestas, invitaciones y revisiones")),
                export=proposals_export,
                erase=proposals_erase,
            )
        )
