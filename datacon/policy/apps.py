"""Policy processes, groups, meetings, documents, expenses and commitments."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicyConfig(AppConfig):
    name = "datacon.policy"
    label = "policy"
    verbose_name = _("Política nacional")

    def ready(self) -> None:
        from datacon.policy import datasets  # noqa: F401  (registers the open datasets)
