"""Where a need came up: the kinds of records a need can be linked to.

`NeedMention` is a generic link (content type + object id). Each linkable model
registers a `MentionKind` saying how to show its records publicly and how
organisers pick one. Sessions and editions are registered here; the policy
process (meetings) and the consultation (paragraphs) register theirs from
their own apps, with no change to the demand schema:

    from datacon.demand.mentions import MentionKind, mention_kind_register

    mention_kind_register(MentionKind(
        model="policy.meeting",
        label=_("Reunión"),
        public_targets=meetings_public_targets,   # ids -> {id: MentionTarget}, public only
        choices=meeting_choices,                  # [(id, label)] for the back office
    ))

`public_targets` receives every id of its kind at once and must run a fixed
number of queries; it leaves out records that are not public (a draft
meeting, a hidden paragraph), so their mentions are simply not shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class MentionTarget:
    label: str  # e.g. "DATACON 2021 · S0202 · ¿Qué datos abrir?…"
    url: str
    context: str = ""  # e.g. the edition or the meeting date


@dataclass(frozen=True)
class MentionKind:
    model: str  # "app_label.modelname"
    label: str | Promise
    public_targets: Callable[[list[int]], dict[int, MentionTarget]]
    choices: Callable[[], list[tuple[int, str]]]


_KINDS: dict[str, MentionKind] = {}


def mention_kind_register(kind: MentionKind) -> MentionKind:
    _KINDS[kind.model] = kind
    return kind


def mention_kinds() -> list[MentionKind]:
    return list(_KINDS.values())


def mention_kind(model: str) -> MentionKind | None:
    return _KINDS.get(model)


# --- the conference core's kinds -------------------------------------------------------------


def _sessions_public(ids: Iterable[int]) -> dict[int, MentionTarget]:
    from datacon.program.selectors import sessions_public

    found = {}
    for session in sessions_public().filter(pk__in=list(ids)).select_related("edition"):
        found[session.pk] = MentionTarget(
            label=f"{session.code} · {session.title}",
            url=session.get_absolute_url(),
            context=session.edition.title,
        )
    return found


def _session_choices() -> list[tuple[int, str]]:
    from datacon.program.models import Session

    return [
        (pk, f"{year} · {code or '—'} · {title}"[:160])
        for pk, year, code, title in Session.objects.order_by(
            "-edition__year", "day", "starts_at", "code"
        ).values_list("pk", "edition__year", "code", "title")
    ]


def _editions_public(ids: Iterable[int]) -> dict[int, MentionTarget]:
    from datacon.editions.selectors import editions_public

    return {
        edition.pk: MentionTarget(label=edition.title, url=edition.get_absolute_url())
        for edition in editions_public().filter(pk__in=list(ids))
    }


def _edition_choices() -> list[tuple[int, str]]:
    from datacon.editions.models import Edition

    return list(Edition.objects.order_by("-year").values_list("pk", "title"))


def register_core_kinds() -> None:
    mention_kind_register(
        MentionKind(
            model="program.session",
            label=_("Sesión"),
            public_targets=_sessions_public,
            choices=_session_choices,
        )
    )
    mention_kind_register(
        MentionKind(
            model="editions.edition",
            label=_("Edición"),
            public_targets=_editions_public,
            choices=_edition_choices,
        )
    )
