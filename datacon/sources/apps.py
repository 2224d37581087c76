"""Sources of the public record: where each fact about a real edition or the policy comes from."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SourcesConfig(AppConfig):
    name = "datacon.sources"
    label = "sources"
    verbose_name = _("Fuentes del registro público")

    def ready(self) -> None:
        from datacon.sources import (
            datasets,  # noqa: F401  (registers the open dataset of sourced facts)
            permissions,  # noqa: F401  (the named rules)
        )
