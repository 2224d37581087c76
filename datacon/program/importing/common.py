"""What every parser shares: size cap, text decoding, session codes, durations, roles."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from django.conf import settings
from django.utils.translation import gettext as _

from datacon.program.importing.rows import ImportRefused, Problem
from datacon.program.models import SESSION_CODE_PATTERN, ParticipationRole

# A program of a thousand sessions with abstracts is well under 5 MB.
MAX_BYTES: int = getattr(settings, "PROGRAM_IMPORT_MAX_BYTES", 5 * 1024 * 1024)
# "S0101 · Inauguración": how this platform's exports carry the session code.
OWN_TITLE = re.compile(r"^([A-Z0-9][A-Z0-9-]{0,15}) · (.+)$", re.DOTALL)
DURATION = re.compile(r"^(\d{1,3}):(\d{2})(?::(\d{2}))?$")

ROLE_NAMES: dict[str, str] = {
    "speaker": ParticipationRole.SPEAKER,
    "ponente": ParticipationRole.SPEAKER,
    "panelist": ParticipationRole.PANELIST,
    "panelista": ParticipationRole.PANELIST,
    "moderator": ParticipationRole.MODERATOR,
    "moderador": ParticipationRole.MODERATOR,
    "moderadora": ParticipationRole.MODERATOR,
    "moderador(a)": ParticipationRole.MODERATOR,
    "rapporteur": ParticipationRole.RAPPORTEUR,
    "relator": ParticipationRole.RAPPORTEUR,
    "relatora": ParticipationRole.RAPPORTEUR,
    "relator(a)": ParticipationRole.RAPPORTEUR,
    "workshop_leader": ParticipationRole.WORKSHOP_LEADER,
    "tallerista": ParticipationRole.WORKSHOP_LEADER,
}


def text_of(content: bytes, *, what: str) -> str:
    """The file as text: UTF-8 (with or without a byte-order mark), within the size cap."""
    if len(content) > MAX_BYTES:
        raise ImportRefused(
            [
                Problem(
                    None,
                    "file",
                    _("El archivo pesa más de %(mb)s MB, el límite de la importación.")
                    % {"mb": MAX_BYTES // (1024 * 1024)},
                )
            ]
        )
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        raise ImportRefused(
            [Problem(line, "file", _("El %(what)s no está en UTF-8.") % {"what": what})]
        ) from None


def session_code(
    *, code: str, guid: str, event_id: str, title: str, own_export: bool
) -> tuple[str, str]:
    """(code, title) of an imported session.

    This platform's exports put the code in the title ("S0101 · Inauguración");
    pretalx gives a code of its own; other tools only a guid or an id, from which a
    stable code is derived ("G" + 9 hex digits of its SHA-1, "E" + the id), so that
    importing the same file again finds the same session.
    """
    title = title.strip()
    if own_export and (match := OWN_TITLE.match(title)):
        return match.group(1), match.group(2).strip()
    if code.strip():
        return code.strip().upper(), title
    if guid.strip():
        digest = hashlib.sha1(guid.strip().lower().encode(), usedforsecurity=False).hexdigest()
        return "G" + digest[:9].upper(), title
    if event_id.strip() and SESSION_CODE_PATTERN.match("E" + event_id.strip()):
        return "E" + event_id.strip(), title
    return "", title


def duration_of(text: str) -> dt.timedelta | None:
    """'01:30' (hours:minutes) or '01:30:00' (with seconds) as a duration."""
    match = DURATION.match(text.strip())
    if not match:
        return None
    hours, minutes, seconds = match.groups()
    return dt.timedelta(hours=int(hours), minutes=int(minutes), seconds=int(seconds or 0))


def role_of(text: str) -> str | None:
    return ROLE_NAMES.get(text.strip().lower()) if text.strip() else ParticipationRole.SPEAKER


def split_room(name: str, *, own_export: bool) -> tuple[str, str]:
    """(venue, room) from a schedule's room name. This platform writes "Sede · Sala",
    the venue alone, or "DATACON" for no venue; other tools' rooms become venues."""
    name = name.strip()
    if own_export:
        if name == "DATACON":
            return "", ""
        if " · " in name:
            venue, room = name.split(" · ", 1)
            return venue.strip(), room.strip()
    return name, ""
