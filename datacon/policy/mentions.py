"""Policy meetings as places where an information need came up (demand's `MentionKind`).

A need discussed at a working-group meeting links to it from "¿Qué datos
abrir?". The demand app owns the link (`NeedMention`); this module only says
which meetings are public and how to show and pick them, so neither app's
schema changes.

A meeting is public exactly when its process is (draft processes are not):
the same rule as the meeting page, so a mention never links to a 404.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from datacon.common.dates import fecha
from datacon.demand.mentions import MentionKind, MentionTarget, mention_kind_register
from datacon.policy.models import PUBLIC_PROCESS_STATUSES, Meeting


def _meeting_date(meeting: Meeting) -> str:
    # The process's own time zone: a 20:00 meeting in Mexico City is not "tomorrow".
    day = fecha(meeting.starts_at.astimezone(meeting.process.tz).date())
    if meeting.date_is_approximate:
        return gettext("%(date)s (fecha aproximada)") % {"date": day}
    return day


def meetings_public_targets(ids: Iterable[int]) -> dict[int, MentionTarget]:
    """Public meetings among `ids`: one query whatever the number of ids."""
    meetings = Meeting.objects.filter(
        pk__in=list(ids), process__status__in=PUBLIC_PROCESS_STATUSES
    ).select_related("process")
    return {
        meeting.pk: MentionTarget(
            label=meeting.title,
            url=meeting.get_absolute_url(),
            context=f"{meeting.process} · {_meeting_date(meeting)}",
        )
        for meeting in meetings
    }


def meeting_choices() -> list[tuple[int, str]]:
    """Every meeting, newest first, for the back office (drafts too: organisers may link
    ahead of publication; the public page shows the link once the process is public)."""
    rows = Meeting.objects.order_by("-starts_at", "-id").values_list(
        "pk", "starts_at__date", "process__short_title", "title"
    )
    return [(pk, f"{day:%Y-%m-%d} · {process} · {title}"[:160]) for pk, day, process, title in rows]


def register_mention_kinds() -> None:
    mention_kind_register(
        MentionKind(
            model="policy.meeting",
            label=_("Reunión de la política nacional"),
            public_targets=meetings_public_targets,
            choices=meeting_choices,
        )
    )
