"""CSV/JSON, data packages, DCAT, schedule formats, iCalendar and the static archive."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "datacon.opendata"
    label = "opendata"
    verbose_name = _("Datos abiertos")

    def ready(self) -> None:
        # The conference's own datasets; other capabilities register theirs in
        # their own datasets.py, and every format here picks them up.
        from datacon.opendata import (
            conference_datasets,  # noqa: F401
            permissions,  # noqa: F401  (the named rules)
        )
