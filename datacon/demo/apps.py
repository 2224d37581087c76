"""Loads the real DATACON editions from the seed documents."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "datacon.demo"
    label = "demo"
    verbose_name = _("Datos de demostración")
