"""Information needs, access-to-information request analysis and reuse projects."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemandConfig(AppConfig):
    name = "datacon.demand"
    label = "demand"
    verbose_name = _("Demanda de datos")
