"""The public site: views and templates only."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "datacon.public"
    label = "public"
    verbose_name = _("Sitio público")
