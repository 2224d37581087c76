"""People, organisations and their privacy."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "datacon.people"
    label = "people"
    verbose_name = _("Personas y organizaciones")

    def ready(self) -> None:
        from datacon.people import permissions  # noqa: F401
        from datacon.people.personal_data import register_providers

        # ARCO: the account, a linked person profile, consents and objections.
        register_providers()
