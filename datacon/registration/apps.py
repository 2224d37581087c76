"""Registrations, seats, waiting lists, tickets and check-in."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    name = "datacon.registration"
    label = "registration"
    verbose_name = _("Registro")
