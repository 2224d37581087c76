"""Organisers' and reviewers' screens."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    name = "datacon.backoffice"
    label = "backoffice"
    verbose_name = _("Administración")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from datacon.backoffice import permissions  # noqa: F401  (the named rules)
        from datacon.backoffice.roles import roles_ensure

        # Groups and their permissions follow the models after every migrate.
        post_migrate.connect(roles_ensure, sender=self)
