"""Public consultations on policy drafts: comments, supports, moderation and official answers."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    name = "datacon.consultation"
    label = "consultation"
    verbose_name = _("Consulta pública")

    def ready(self) -> None:
        from datacon.common.personal_data import PersonalDataProvider, personal_data_register
        from datacon.consultation import (
            datasets,  # noqa: F401  (registers the open datasets)
            permissions,  # noqa: F401  (the named rules)
        )
        from datacon.consultation.mentions import register_mention_kinds
        from datacon.consultation.personal_data import consultation_erase, consultation_export

        # Needs in "¿Qué datos abrir?" link to the consultation paragraph where they came up.
        register_mention_kinds()

        personal_data_register(
            PersonalDataProvider(
                key="consultation",
                label=str(_("Consultas públicas")),
                export=consultation_export,
                erase=consultation_erase,
            )
        )

        from datacon.consultation import search_sources  # what it makes searchable

        search_sources.register()
