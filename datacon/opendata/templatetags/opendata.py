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
    """The edition's Event without its sessions (each session page carries its own);
    it links to the program and to schedule.json/xml instead."""
    from datacon.editions.selectors import venues_with_rooms
    from datacon.opendata.schemaorg import edition_page_event

    return edition_page_event(edition, venues_with_rooms(edition=edition))


@register.simple_tag
def session_structured_data(session: Any, edition: Any) -> dict[str, Any]:
    from datacon.opendata.schemaorg import session_event

    return session_event(session, edition)
