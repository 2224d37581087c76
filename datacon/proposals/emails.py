"""E-mail templates: placeholders, safe rendering and the texts every edition starts with.

Organisers edit the texts per edition. A placeholder is a word in braces,
`{nombre}`, replaced by plain text; anything else in braces is left as typed.
No template language runs, so no attribute lookups, filters or tags: a template
cannot reach data it was not given.
"""

from __future__ import annotations

from datacon.common.placeholders import PLACEHOLDER, placeholders_in, render_placeholders
from datacon.program.notices import SCHEDULE_CHANGE_PLACEHOLDERS, SCHEDULE_CHANGE_TEMPLATE

__all__ = ["PLACEHOLDER", "placeholders_in", "placeholders_unknown", "render_placeholders"]

_COMMON = ("nombre", "titulo", "referencia", "edicion", "enlace", "organizador")
PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "accepted": (*_COMMON, "nota"),
    "waitlisted": (*_COMMON, "nota"),
    "rejected": (*_COMMON, "nota"),
    "invitation": (*_COMMON, "quien_propone"),
    "schedule_change": SCHEDULE_CHANGE_PLACEHOLDERS,
}

# Data, not interface text: each edition gets a copy in Spanish that organisers edit.
DEFAULT_TEMPLATES: dict[str, tuple[str, str]] = {
    "accepted": (
        "{edicion}: su propuesta «{titulo}» fue aceptada",
        "Hola, {nombre}:\n\n"
        "Nos da gusto informarle que la propuesta «{titulo}» ({referencia}) fue aceptada "
        "para {edicion}.\n\n"
        "{nota}\n\n"
        "Le pedimos confirmar su participación en:\n{enlace}\n\n"
        "Le avisaremos el día, la hora y la sala en cuanto se publique el programa.\n\n"
        "Saludos,\n{organizador}",
    ),
    "waitlisted": (
        "{edicion}: su propuesta «{titulo}» está en lista de espera",
        "Hola, {nombre}:\n\n"
        "La propuesta «{titulo}» ({referencia}) quedó en lista de espera para {edicion}. "
        "Si se libera un espacio en el programa se lo haremos saber.\n\n"
        "{nota}\n\n"
        "Puede consultar el estado de su propuesta en:\n{enlace}\n\n"
        "Saludos,\n{organizador}",
    ),
    "rejected": (
        "{edicion}: resultado de su propuesta «{titulo}»",
        "Hola, {nombre}:\n\n"
        "Gracias por enviar la propuesta «{titulo}» ({referencia}) a {edicion}. "
        "Recibimos muchas propuestas y el espacio del programa es limitado; en esta ocasión "
        "no fue seleccionada.\n\n"
        "{nota}\n\n"
        "Esperamos contar con su participación como asistente.\n\n"
        "Saludos,\n{organizador}",
    ),
    "invitation": (
        "{edicion}: {quien_propone} le incluyó en una propuesta",
        "Hola, {nombre}:\n\n"
        "{quien_propone} le incluyó en la propuesta «{titulo}» ({referencia}) para {edicion}.\n\n"
        "Confirme o decline su participación en:\n{enlace}\n\n"
        "Si no conoce esta propuesta, puede ignorar este mensaje.\n\n"
        "Saludos,\n{organizador}",
    ),
    # The program owns the schedule notices; editions edit their copy here.
    "schedule_change": SCHEDULE_CHANGE_TEMPLATE,
}


def placeholders_unknown(text: str, *, kind: str) -> list[str]:
    known = set(PLACEHOLDERS.get(kind, ()))
    return sorted({name for name in placeholders_in(text) if name not in known})
