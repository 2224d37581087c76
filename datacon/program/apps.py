"""Sessions, participations and materials."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramConfig(AppConfig):
    name = "datacon.program"
    label = "program"
    verbose_name = _("Programa")

    def ready(self) -> None:
        # Who builds and publishes the schedule.
        from datacon.program import (
            permissions,  # noqa: F401
            search_sources,  # what it makes searchable
        )

        search_sources.register()
