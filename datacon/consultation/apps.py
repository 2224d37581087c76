"""Drafts with stable paragraph anchors, comments, answers and moderation."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    name = "datacon.consultation"
    label = "consultation"
    verbose_name = _("Consulta pública")
