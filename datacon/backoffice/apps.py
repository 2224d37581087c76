"""Organisers' and reviewers' screens."""

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    default = True
    name = "datacon.backoffice"
    label = "backoffice"
    verbose_name = _("Administración")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from datacon.backoffice import permissions  # noqa: F401  (the named rules)
        from datacon.backoffice.roles import roles_ensure

        # Groups and their permissions follow the models after every migrate.
        post_migrate.connect(roles_ensure, sender=self)


class RepairAdminConfig(admin_apps.AdminConfig):
    """The Django admin, for superusers' repairs only (datacon/backoffice/admin_site.py)."""

    default = False
    default_site = "datacon.backoffice.admin_site.RepairAdminSite"
