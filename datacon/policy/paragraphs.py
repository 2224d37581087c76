"""Documents as paragraphs with stable anchors, and what changed between two versions.

Pure functions, no database: the services feed them the new Markdown and the
previous version's paragraphs, and store what they return.

Splitting
    A document is Markdown. Each heading line (`#`, `##`, `###`…) is one block;
    every other block is a run of non-blank lines (a paragraph, a list, a
    quote, a table or a fenced code block, kept whole). A block may end with
    an explicit anchor, `{#p-3-2}` (lower-case letters, digits and hyphens).

Anchors (stable identifiers) — the matching algorithm, in order:
    1. A block with an explicit anchor keeps the identity that already has
       that anchor in the document (in any earlier version), or gets a new
       identity with that anchor. Two blocks of one version may not share an
       anchor.
    2. A block without anchor whose normalised text equals that of a still
       unclaimed paragraph of the previous version (same kind) takes that
       paragraph's identity; among equal texts the nearest position wins.
    3. The remaining blocks are compared with the remaining previous
       paragraphs of the same kind using difflib's SequenceMatcher over their
       words. Pairs whose similarity ratio is at least SIMILARITY_THRESHOLD are
       accepted greedily, best ratio first (ties: nearest position), each
       paragraph at most once.
    4. Anything left is new: it gets a fresh anchor `p-<n>` (text) or `s-<n>`
       (heading), with n one more than the highest number the document has
       used, so an anchor is never reused for a different paragraph.

    The back office shows the Markdown of the previous version with every
    anchor written out, so an editor who keeps the markers gets rule 1 for
    every paragraph, however much the text changes; rules 2–3 handle pasted
    text from a word processor that has lost them.

Diff
    Two versions are compared paragraph by paragraph through their
    identities (added, removed, changed, unchanged, in the newer order with
    removed paragraphs after their old predecessor), and a changed paragraph
    is compared word by word.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import lxml.html
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from datacon.common.text import markdown_to_html

SIMILARITY_THRESHOLD = 0.6
ANCHOR_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")
# A trailing {#...} marker; what is inside is validated separately so a typo
# gets a clear message instead of silently becoming text.
_MARKER = re.compile(r"[ \t]*\{#([^{}\s]*)\}[ \t]*$")
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
_FENCE = re.compile(r"^(```|~~~)")
_AUTO_ANCHOR = re.compile(r"^[ps]-(\d+)$")
_WORDS = re.compile(r"\w+", re.UNICODE)
_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)

Kind = Literal["heading", "text"]


class ParagraphError(ValueError):
    """The Markdown cannot be published as it is; `messages` say where and why."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Block:
    kind: Kind
    level: int  # heading level 1-6; 0 for text
    source: str  # the Markdown of the block, without its anchor marker
    anchor: str  # explicit anchor, or ""
    line: int  # 1-based line of the source where the block starts

    @property
    def html(self) -> str:
        return block_html(self.kind, self.level, self.source)

    @property
    def plain_text(self) -> str:
        return html_to_text(self.html)


def block_html(kind: str, level: int, source: str) -> str:
    if kind == "heading":
        # The page has its own h1 and h2: document headings start at h3. Only inline
        # emphasis is kept, so "1. Objetivo" stays a title and never becomes a list.
        tag = f"h{min(level + 2, 5)}"
        return f"<{tag}>{_inline_markdown(source)}</{tag}>"
    return str(markdown_to_html(source))


def _inline_markdown(source: str) -> str:
    html = str(escape(source))
    html = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", html)
    html = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<em>\1</em>", html)
    return re.sub(r"`(.+?)`", r"<code>\1</code>", html)


def html_to_text(html: str) -> str:
    """The text a browser shows for the HTML (what a reader selects a passage in)."""
    if not html.strip():
        return ""
    fragment = lxml.html.fragment_fromstring(html, create_parent="div")
    return str(fragment.text_content()).strip()


def parse_blocks(markdown_text: str) -> list[Block]:
    """Split Markdown into heading and text blocks; raise ParagraphError on bad anchors."""
    lines = (markdown_text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    raw: list[tuple[int, list[str], bool]] = []  # (start line, lines, is_heading)
    current: list[str] = []
    start = 0
    fence: str | None = None

    def flush() -> None:
        nonlocal current
        if current:
            raw.append((start, current, False))
        current = []

    for number, line in enumerate(lines, start=1):
        if fence is not None:
            current.append(line)
            if line.strip().startswith(fence):
                fence = None
            continue
        fence_match = _FENCE.match(line.strip())
        if fence_match:
            if not current:
                start = number
            current.append(line)
            fence = fence_match.group(1)
            continue
        if not line.strip():
            flush()
            continue
        if _HEADING.match(line.strip()) and not line.startswith("    "):
            flush()
            raw.append((number, [line.strip()], True))
            continue
        if not current:
            start = number
        current.append(line.rstrip())
    flush()

    blocks: list[Block] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for line_number, block_lines, is_heading in raw:
        last = block_lines[-1]
        anchor = ""
        marker = _MARKER.search(last)
        if marker:
            anchor = marker.group(1)
            block_lines = [*block_lines[:-1], last[: marker.start()]]
            if not ANCHOR_PATTERN.match(anchor):
                errors.append(
                    _(
                        "Línea %(line)s: el identificador «%(anchor)s» solo admite minúsculas, "
                        "números y guiones (ejemplo: {#p-3-2})."
                    )
                    % {"line": line_number + len(block_lines) - 1, "anchor": anchor}
                )
                anchor = ""
            elif anchor in seen:
                errors.append(
                    _(
                        "Línea %(line)s: el identificador «%(anchor)s» ya se usó en la línea %(first)s."
                    )
                    % {"line": line_number, "anchor": anchor, "first": seen[anchor]}
                )
            else:
                seen[anchor] = line_number
        if is_heading:
            heading = _HEADING.match(block_lines[0].strip())
            if heading is None:  # the marker was the whole title
                errors.append(_("Línea %(line)s: el título está vacío.") % {"line": line_number})
                continue
            blocks.append(
                Block(
                    kind="heading",
                    level=len(heading.group(1)),
                    source=heading.group(2).strip(),
                    anchor=anchor,
                    line=line_number,
                )
            )
        else:
            source = "\n".join(block_lines).strip("\n")
            if not source.strip():
                continue  # a marker alone on a line: nothing to anchor
            blocks.append(
                Block(kind="text", level=0, source=source, anchor=anchor, line=line_number)
            )
    if errors:
        raise ParagraphError(errors)
    return blocks


def normalise(text: str) -> str:
    return " ".join(text.casefold().split())


def _words(text: str) -> list[str]:
    return _WORDS.findall(text.casefold())


@dataclass(frozen=True)
class PreviousParagraph:
    """A paragraph of the previous version, as the matcher sees it."""

    identity_id: int
    anchor: str
    kind: str
    plain_text: str
    position: int


@dataclass
class Match:
    block: Block
    position: int
    identity_id: int | None  # None: a new identity is needed
    anchor: str  # the anchor the paragraph will have
    how: Literal["anchor", "same", "similar", "new"]
    previous: PreviousParagraph | None = None
    ratio: float = 1.0


@dataclass
class MatchResult:
    matches: list[Match]
    removed: list[PreviousParagraph] = field(default_factory=list)

    def count(self, how: str) -> int:
        return sum(1 for match in self.matches if match.how == how)


def match_blocks(
    *,
    blocks: Sequence[Block],
    previous: Sequence[PreviousParagraph],
    known_anchors: dict[str, int],
) -> MatchResult:
    """Give every block an identity (existing or new) following the module's algorithm.

    `known_anchors` maps every anchor the document has ever used to its identity id.
    """
    matches: list[Match | None] = [None] * len(blocks)
    claimed: set[int] = set()
    by_identity = {p.identity_id: p for p in previous}

    # 1. explicit anchors
    for index, block in enumerate(blocks):
        if not block.anchor:
            continue
        identity_id = known_anchors.get(block.anchor)
        if identity_id is not None:
            claimed.add(identity_id)
        matches[index] = Match(
            block=block,
            position=index + 1,
            identity_id=identity_id,
            anchor=block.anchor,
            how="anchor",
            previous=by_identity.get(identity_id) if identity_id is not None else None,
        )

    remaining = [p for p in previous if p.identity_id not in claimed]
    pending = [i for i, m in enumerate(matches) if m is None]
    texts = {i: normalise(blocks[i].plain_text) for i in pending}

    # 2. identical text
    for index in pending:
        candidates = [
            p
            for p in remaining
            if p.identity_id not in claimed
            and p.kind == blocks[index].kind
            and normalise(p.plain_text) == texts[index]
        ]
        if candidates:
            best = min(candidates, key=lambda p: abs(p.position - (index + 1)))
            claimed.add(best.identity_id)
            matches[index] = Match(
                block=blocks[index],
                position=index + 1,
                identity_id=best.identity_id,
                anchor=best.anchor,
                how="same",
                previous=best,
            )

    # 3. similar text
    pending = [i for i, m in enumerate(matches) if m is None]
    remaining = [p for p in remaining if p.identity_id not in claimed]
    pairs: list[tuple[float, int, int, PreviousParagraph]] = []
    for index in pending:
        new_words = _words(blocks[index].plain_text)
        for candidate in remaining:
            if candidate.kind != blocks[index].kind:
                continue
            matcher = difflib.SequenceMatcher(
                None, _words(candidate.plain_text), new_words, autojunk=False
            )
            if matcher.real_quick_ratio() < SIMILARITY_THRESHOLD:
                continue
            if matcher.quick_ratio() < SIMILARITY_THRESHOLD:
                continue
            ratio = matcher.ratio()
            if ratio >= SIMILARITY_THRESHOLD:
                distance = abs(candidate.position - (index + 1))
                pairs.append((ratio, -distance, index, candidate))
    pairs.sort(key=lambda pair: (pair[0], pair[1]), reverse=True)
    for ratio, _distance, index, candidate in pairs:
        if matches[index] is not None or candidate.identity_id in claimed:
            continue
        claimed.add(candidate.identity_id)
        matches[index] = Match(
            block=blocks[index],
            position=index + 1,
            identity_id=candidate.identity_id,
            anchor=candidate.anchor,
            how="similar",
            previous=candidate,
            ratio=round(ratio, 3),
        )

    # 4. new paragraphs get fresh anchors
    used_numbers = [
        int(found.group(1)) for anchor in known_anchors if (found := _AUTO_ANCHOR.match(anchor))
    ]
    used_numbers += [
        int(found.group(1)) for block in blocks if (found := _AUTO_ANCHOR.match(block.anchor))
    ]
    next_number = max(used_numbers, default=0) + 1
    taken = set(known_anchors) | {block.anchor for block in blocks if block.anchor}
    final: list[Match] = []
    for index, match in enumerate(matches):
        if match is None:
            prefix = "s" if blocks[index].kind == "heading" else "p"
            anchor = f"{prefix}-{next_number}"
            while anchor in taken:
                next_number += 1
                anchor = f"{prefix}-{next_number}"
            taken.add(anchor)
            next_number += 1
            match = Match(
                block=blocks[index], position=index + 1, identity_id=None, anchor=anchor, how="new"
            )
        final.append(match)
    removed = [p for p in previous if p.identity_id not in claimed]
    return MatchResult(matches=final, removed=removed)


def markdown_with_anchors(paragraphs: Iterable[tuple[str, int, str, str]]) -> str:
    """Markdown of a version with every anchor written out, for editing the next one.

    `paragraphs` yields (kind, level, source, anchor) in order.
    """
    parts = []
    for kind, level, source, anchor in paragraphs:
        if kind == "heading":
            parts.append(f"{'#' * max(level, 1)} {source} {{#{anchor}}}")
        else:
            parts.append(f"{source} {{#{anchor}}}")
    return "\n\n".join(parts) + "\n"


# --- diff -----------------------------------------------------------------------------------


def word_diff_html(old: str, new: str) -> SafeString:
    """The new text with removed words in <del> and added words in <ins> (escaped)."""
    before = _TOKENS.findall(old)
    after = _TOKENS.findall(new)
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    out: list[str] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(escape("".join(after[b1:b2])))
            continue
        if op in ("delete", "replace"):
            out.append(f"<del>{escape(''.join(before[a1:a2]))}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{escape(''.join(after[b1:b2]))}</ins>")
    return mark_safe("".join(out))  # every piece above is escaped


@dataclass(frozen=True)
class DiffSide:
    identity_id: int
    anchor: str
    kind: str
    number: int | None
    plain_text: str
    html: str


@dataclass(frozen=True)
class DiffRow:
    status: Literal["added", "removed", "changed", "unchanged"]
    anchor: str
    old: DiffSide | None
    new: DiffSide | None

    @property
    def words_html(self) -> SafeString:
        if self.old is None or self.new is None:
            return mark_safe("")
        return word_diff_html(self.old.plain_text, self.new.plain_text)


def version_diff(old: Sequence[DiffSide], new: Sequence[DiffSide]) -> list[DiffRow]:
    """Rows in the newer order; a removed paragraph follows its nearest old predecessor still present."""
    new_ids = {side.identity_id for side in new}
    old_by_id = {side.identity_id: side for side in old}
    # Removed paragraphs hang after the last kept paragraph that preceded them.
    after: dict[int | None, list[DiffSide]] = {}
    last_kept: int | None = None
    for side in old:
        if side.identity_id in new_ids:
            last_kept = side.identity_id
        else:
            after.setdefault(last_kept, []).append(side)
    rows: list[DiffRow] = [DiffRow("removed", s.anchor, s, None) for s in after.get(None, [])]
    for side in new:
        previous = old_by_id.get(side.identity_id)
        if previous is None:
            rows.append(DiffRow("added", side.anchor, None, side))
        elif normalise(previous.plain_text) == normalise(side.plain_text) and (
            previous.kind == side.kind
        ):
            rows.append(DiffRow("unchanged", side.anchor, previous, side))
        else:
            rows.append(DiffRow("changed", side.anchor, previous, side))
        rows.extend(DiffRow("removed", s.anchor, s, None) for s in after.get(side.identity_id, []))
    return rows
