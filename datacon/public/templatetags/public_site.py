"""Tags for the public site's frame."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

    from datacon.editions.models import Edition

register = template.Library()

# Sections of an edition, in menu order. A capability that is not installed
# (its URL name does not resolve) simply does not appear.
EDITION_SECTIONS = [
    ("edition", "public:edition", _("La edición")),
    ("program", "public:program", _("Programa")),
    ("now", "public:program_now", _("Ahora y después")),
    ("call", "public:proposals_call", _("Convocatoria")),
    ("registration", "public:registration_start", _("Registro")),
    ("memoria", "public:memoria", _("Memoria")),
    ("data", "public:opendata_edition", _("Datos abiertos")),
]


class EditionSection(TypedDict):
    key: str
    url: str
    label: StrPromise


@register.simple_tag
def edition_sections(edition: Edition) -> list[EditionSection]:
    sections: list[EditionSection] = []
    for key, url_name, label in EDITION_SECTIONS:
        try:
            url = reverse(url_name, kwargs={"edition": edition.slug})
        except NoReverseMatch:
            continue
        sections.append({"key": key, "url": url, "label": label})
    return sections
