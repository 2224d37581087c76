"""Editions, venues, rooms, organisation roles and session types."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditionsConfig(AppConfig):
    name = "datacon.editions"
    label = "editions"
    verbose_name = _("Ediciones")

    def ready(self) -> None:
        # The named rules about one edition (who organises it, checks people in...).
        from datacon.editions import (
            permissions,  # noqa: F401
            search_sources,  # what it makes searchable
        )

        search_sources.register()
