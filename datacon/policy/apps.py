"""Policy processes, groups, meetings, documents, expenses and commitments."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicyConfig(AppConfig):
    name = "datacon.policy"
    label = "policy"
    verbose_name = _("Política nacional")

    def ready(self) -> None:
        from datacon.policy import (
            datasets,  # noqa: F401  (registers the open datasets)
            datasets_commitments,  # noqa: F401
            datasets_meetings,  # noqa: F401
            permissions,  # noqa: F401  (the named rules)
        )
        from datacon.policy.memoria import register_memoria_blocks
        from datacon.policy.mentions import register_mention_kinds

        # Needs in "¿Qué datos abrir?" link to meetings; editions' memorias show the
        # policy's year. Both registries live in other apps, so no schema changes here.
        register_mention_kinds()
        register_memoria_blocks()

        from datacon.policy import search_sources  # what it makes searchable

        search_sources.register()
