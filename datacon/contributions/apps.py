"""Contributions of the record: people propose corrections and additions to a real
edition's record, with their source; the edition's organisers accept or reject them."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContributionsConfig(AppConfig):
    name = "datacon.contributions"
    label = "contributions"
    verbose_name = _("Aportaciones al registro")

    def ready(self) -> None:
        from datacon.common.personal_data import PersonalDataProvider, personal_data_register
        from datacon.contributions import permissions  # noqa: F401  (the named rules)
        from datacon.contributions.personal_data import (
            contributions_personal_data_erase,
            contributions_personal_data_export,
        )

        personal_data_register(
            PersonalDataProvider(
                key="contributions",
                label=str(_("Aportaciones al registro de las ediciones")),
                export=contributions_personal_data_export,
                erase=contributions_personal_data_erase,
            )
        )
