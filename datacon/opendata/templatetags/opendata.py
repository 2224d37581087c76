"""Template helpers for the open-data pages and the schema.org partials."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

from datacon.opendata.exporters import theme_folder

register = template.Library()

FIELD_TYPES = {
    "string": _("texto"),
    "integer": _("entero"),
    "number": _("número"),
    "boolean": _("verdadero/falso"),
    "date": _("fecha"),
    "datetime": _("fecha y hora"),
    "year": _("año"),
}


@register.filter
def theme_folder_of(dataset: Any) -> str:
    return theme_folder(dataset.theme)


@register.filter
def field_type_label(value: str) -> str:
    label = FIELD_TYPES.get(value)
    return f"{label} ({value})" if label else value


@register.simple_tag
def edition_structured_data(edition: Any) -> dict[str, Any]:
    from datacon.editions.selectors import venues_with_rooms
    from datacon.opendata.schemaorg import edition_event
    from datacon.program.selectors import program_sessions

    return edition_event(
        edition, list(program_sessions(edition=edition)), venues_with_rooms(edition=edition)
    )


@register.simple_tag
def session_structured_data(session: Any, edition: Any) -> dict[str, Any]:
    from datacon.opendata.schemaorg import session_event

    return session_event(session, edition)
