"""Base pieces shared by every app: audit log, public versions for caching, text and upload helpers."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "datacon.common"
    label = "common"
    verbose_name = _("Común")
