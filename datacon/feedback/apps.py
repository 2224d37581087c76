"""Feedback of those who were present: session ratings and the edition's satisfaction survey."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "datacon.feedback"
    label = "feedback"
    verbose_name = _("Opiniones y encuesta de satisfacción")

    def ready(self) -> None:
        from datacon.common.personal_data import PersonalDataProvider, personal_data_register
        from datacon.feedback import (
            datasets,  # noqa: F401  (registers the open dataset)
            permissions,  # noqa: F401  (the named rules)
        )
        from datacon.feedback.memoria import register_memoria_blocks
        from datacon.feedback.personal_data import (
            feedback_personal_data_erase,
            feedback_personal_data_export,
        )

        personal_data_register(
            PersonalDataProvider(
                key="feedback",
                label=str(_("Calificaciones de sesiones y encuestas de satisfacción")),
                export=feedback_personal_data_export,
                erase=feedback_personal_data_erase,
            )
        )
        register_memoria_blocks()
