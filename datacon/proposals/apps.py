"""Calls for proposals, review, decisions and parity."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "datacon.proposals"
    label = "proposals"
    verbose_name = _("Convocatoria y revisión")

    def ready(self) -> None:
        from datacon.common.personal_data import PersonalDataProvider, personal_data_register
        from datacon.editions.copying import edition_copy_step_register
        from datacon.program.notices import notice_template_source_register
        from datacon.proposals import (
            datasets,  # noqa: F401  (registers the open dataset)
            permissions,  # noqa: F401  (the named rules)
        )
        from datacon.proposals.copying import call_configuration_copy
        from datacon.proposals.memoria import register_memoria_blocks
        from datacon.proposals.personal_data import proposals_erase, proposals_export
        from datacon.proposals.selectors import schedule_notice_template

        # The memoria of each edition shows its call's figures (aggregates only).
        register_memoria_blocks()
        # Each edition edits its schedule-change notice with the other templates.
        notice_template_source_register(schedule_notice_template)
        # A new edition from the last one brings the call's configuration along.
        edition_copy_step_register(call_configuration_copy)

        personal_data_register(
            PersonalDataProvider(
                key="proposals",
                label=str(_("Propuestas, invitaciones y revisiones")),
                export=proposals_export,
                erase=proposals_erase,
            )
        )
