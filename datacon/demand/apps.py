"""Information needs, access-to-information request analysis and reuse projects."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemandConfig(AppConfig):
    name = "datacon.demand"
    label = "demand"
    verbose_name = _("Demanda de datos")

    def ready(self) -> None:
        from datacon.common.personal_data import PersonalDataProvider, personal_data_register
        from datacon.demand import (
            datasets,  # noqa: F401  (registers the open datasets)
            datasets_requests,  # noqa: F401
            datasets_reuse,  # noqa: F401
            permissions,  # noqa: F401  (the named rules)
        )
        from datacon.demand.mentions import register_core_kinds
        from datacon.demand.personal_data import (
            demand_personal_data_erase,
            demand_personal_data_export,
        )

        register_core_kinds()
        personal_data_register(
            PersonalDataProvider(
                key="demand",
                label=str(_("Necesidades de información y apoyos")),
                export=demand_personal_data_export,
                erase=demand_personal_data_erase,
            )
        )

        from datacon.demand import search_sources  # what it makes searchable

        search_sources.register()
