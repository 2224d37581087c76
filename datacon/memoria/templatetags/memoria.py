"""Small template helpers for the memoria and the open-data pages."""

from __future__ import annotations

import json
import re
import zoneinfo
from html import escape as _escape
from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    if not mapping:
        return None
    return mapping.get(key)


_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


@register.filter
def json_ld(value: Any) -> SafeString:
    """JSON for a <script type="application/ld+json"> block: no "</script>" can close it early."""
    text = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=False)
    return mark_safe(text.translate(_JSON_ESCAPES))


_SPECIAL = re.compile(r"[&<>\"']")


def escape(text: str) -> str:
    """Django's escaping (& < > " ' as entities), skipped for text that needs none."""
    return _escape(text) if _SPECIAL.search(text) else text


# --- the memoria's long lists, generated in Python -------------------------------------------
# With 1,000 sessions and 3,000 people, rendering these rows with {% for %}, {% url %},
# {% trans %} and filters costs over a second; these helpers write the same HTML
# (tests/memoria compare it with the template's) in a few milliseconds.


@register.simple_tag
def memoria_session_rows(entries: Any, pdf: Any, public_url: Any, timezone: str) -> SafeString:
    """The <tr> of each session of one day of the memoria's «Contenido de las sesiones»
    table, as `public/memoria/_body.html` wrote them; times in the edition's zone."""
    zone = zoneinfo.ZoneInfo(timezone)
    prefix = str(public_url or "") if pdf else ""
    no_time = escape(gettext("sin hora"))
    cancelled = ' <span class="badge badge-warn">' + escape(gettext("Cancelada")) + "</span>"
    report_label = escape(gettext("Relatoría"))
    video_label = escape(gettext("Video"))
    parts: list[str] = []
    for entry in entries:
        session = entry.session
        code = escape(session.code)
        path = escape(session.url)
        if session.starts_at:
            iso = session.starts_at.astimezone(zone).isoformat()
            # isoformat() is YYYY-MM-DDTHH:MM:SS...: [11:16] is strftime("%H:%M"), cheaper.
            when = f'<time datetime="{iso}">{iso[11:16]}</time>'
        else:
            when = f'<span class="muted">{no_time}</span>'
        href = f"{escape(prefix)}{path}" if pdf else path
        badge = cancelled if session.status == "cancelled" else ""
        materials: list[str] = []
        for report in entry.reports:
            if report.body:
                target = f"#relatoria-{code}-{report.pk}" if pdf else f"{path}#materials-title"
                materials.append(f'<a href="{target}">{report_label}</a> ')
            elif report.file_url:
                materials.append(
                    f'<a href="{escape(prefix)}{escape(report.file_url)}">{report_label}</a> '
                )
            elif report.url:
                materials.append(
                    f'<a href="{escape(report.url)}" rel="noopener">{report_label}</a> '
                )
            else:
                materials.append(" ")
        reports = "".join(materials)
        videos = "".join(
            f'<a href="{escape(video.url)}" rel="noopener">{video_label}</a> '
            for video in entry.videos
        )
        materials = []
        for other in entry.others:
            label = escape(other.title or other.get_kind_display())
            if other.url:
                materials.append(f'<a href="{escape(other.url)}" rel="noopener">{label}</a> ')
            elif other.file_url:
                materials.append(f'<a href="{escape(prefix)}{escape(other.file_url)}">{label}</a> ')
            else:
                materials.append(" ")
        others = "".join(materials)
        empty = (
            '<span class="muted">—</span>'
            if not entry.reports and not entry.videos and not entry.others
            else ""
        )
        parts.append(
            "\n    <tr>\n"
            f'      <th scope="row" class="code">{code}</th>\n'
            f"      <td>{when}</td>\n"
            f"      <td>{escape(session.type_name)}: "
            f'<a href="{href}">{escape(session.title)}</a>{badge}</td>\n'
            '      <td class="memoria-materials">\n'
            f"        {reports}\n"
            f"        {videos}\n"
            f"        {others}\n"
            f"        {empty}\n"
            "      </td>\n"
            "    </tr>\n    "
        )
    return mark_safe("".join(parts))


@register.simple_tag
def memoria_people_items(persons: Any, pdf: Any) -> SafeString:
    """The <li> of each person of one role in the memoria's «Personas participantes»."""
    from datacon.memoria.selectors import person_path_maker

    person_path = person_path_maker()
    parts: list[str] = []
    for person in persons:
        name = escape(person.public_name)
        item = name if pdf else f'<a href="{escape(person_path(person.slug))}">{name}</a>'
        if person.organisation_short_name is not None:
            item += f' <span class="muted">· {escape(person.organisation_short_name)}</span>'
        parts.append(f"<li>{item}</li>")
    return mark_safe("".join(parts))


@register.simple_tag
def memoria_organisation_items(organisations: Any, pdf: Any) -> SafeString:
    """The <li> of each organisation in the memoria's «Organizaciones» lists."""
    from datacon.memoria.selectors import organisation_path_maker

    organisation_path = organisation_path_maker()
    parts: list[str] = []
    for organisation in organisations:
        name = escape(organisation.name)
        item = (
            name if pdf else f'<a href="{escape(organisation_path(organisation.slug))}">{name}</a>'
        )
        if organisation.acronym:
            item += f" ({escape(organisation.acronym)})"
        parts.append(f"<li>{item}</li>")
    return mark_safe("".join(parts))
