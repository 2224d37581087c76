"""Registrations, seats, waiting lists, tickets and check-in."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    name = "datacon.registration"
    label = "registration"
    verbose_name = _("Registro")

    def ready(self) -> None:
        from datacon.registration import (
            datasets,  # noqa: F401  (registers the open datasets)
            permissions,  # noqa: F401  (the named rules)
        )
        from datacon.registration.personal_data import register_providers

        register_providers()
        from datacon.registration.memoria import register_memoria_blocks

        register_memoria_blocks()
