"""Read-only REST API and its OpenAPI document."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "datacon.api"
    label = "api"
    verbose_name = _("API")
