"""Consultation paragraphs as places where an information need came up.

A comment round on a draft often surfaces a dataset people ask for; organisers
link the need to the paragraph where it was discussed. The link itself is
demand's `NeedMention` (a generic relation to `policy.Paragraph`); this module
only says which paragraphs are public and where their page is.

A paragraph is shown only when it can be read and commented in a public
consultation: a text paragraph (headings have no page) of the version a
published consultation of a public process consulted. When several public
rounds consulted the same version, the newest one is linked.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from datacon.consultation.models import Consultation
from datacon.consultation.selectors import consultations_public
from datacon.demand.mentions import MentionKind, MentionTarget, mention_kind_register
from datacon.policy.models import Paragraph, ParagraphKind

LABEL_CHARS = 90


def _label(number: int | None, text: str) -> str:
    excerpt = text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"
    return f"¶ {number} · {excerpt}"


def paragraphs_public_targets(ids: Iterable[int]) -> dict[int, MentionTarget]:
    """Public paragraphs among `ids`: two queries whatever the number of ids."""
    paragraphs = list(
        Paragraph.objects.filter(pk__in=list(ids), kind=ParagraphKind.TEXT).select_related(
            "identity"
        )
    )
    if not paragraphs:
        return {}
    newest: dict[int, Consultation] = {}
    for consultation in (
        consultations_public()
        .filter(version_id__in={p.version_id for p in paragraphs})
        .order_by("opens_on", "id")
    ):
        newest[consultation.version_id] = consultation  # later rounds overwrite earlier ones
    found = {}
    for paragraph in paragraphs:
        shown_in = newest.get(paragraph.version_id)
        if shown_in is None:
            continue
        found[paragraph.pk] = MentionTarget(
            label=_label(paragraph.number, paragraph.plain_text),
            url=reverse(
                "public:consultation_paragraph",
                kwargs={"consultation": shown_in.slug, "anchor": paragraph.identity.anchor},
            ),
            context=shown_in.title,
        )
    return found


def paragraph_choices() -> list[tuple[int, str]]:
    """Text paragraphs of every consulted version (drafts too), newest consultation first."""
    consultations = list(
        Consultation.objects.order_by("-opens_on", "-id").values_list("version_id", "title")
    )
    titles: dict[int, str] = {}
    for version_id, title in consultations:
        titles.setdefault(version_id, title)
    rows = (
        Paragraph.objects.filter(version_id__in=list(titles), kind=ParagraphKind.TEXT)
        .order_by("version_id", "position")
        .values_list("pk", "version_id", "number", "plain_text")
    )
    order = {version_id: index for index, version_id in enumerate(titles)}
    ordered = sorted(rows, key=lambda row: order[row[1]])  # stable: keeps the position order
    return [
        (pk, f"{titles[version_id]} · {_label(number, text)}"[:160])
        for pk, version_id, number, text in ordered
    ]


def register_mention_kinds() -> None:
    mention_kind_register(
        MentionKind(
            model="policy.paragraph",
            label=_("Párrafo de una consulta pública"),
            public_targets=paragraphs_public_targets,
            choices=paragraph_choices,
        )
    )
