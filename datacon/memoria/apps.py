"""Figures, charts, the memoria page and PDF."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MemoriaConfig(AppConfig):
    name = "datacon.memoria"
    label = "memoria"
    verbose_name = _("Memoria")

    def ready(self) -> None:
        from datacon.memoria import (
            permissions,  # noqa: F401  (the named rules)
            search_sources,  # what it makes searchable
        )

        search_sources.register()
