"""Calls for proposals, review, decisions, parity and the schedule builder."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "datacon.proposals"
    label = "proposals"
    verbose_name = _("Convocatoria y revisión")
