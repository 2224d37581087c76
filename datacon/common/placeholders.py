"""Plain `{word}` placeholders in texts organisers edit (e-mail templates).

A placeholder is a word in braces, replaced by plain text; anything else in
braces is left as typed. No template language runs, so no attribute lookups,
filters or tags: a template cannot reach data it was not given.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def placeholders_in(text: str) -> list[str]:
    return PLACEHOLDER.findall(text or "")


def render_placeholders(text: str, values: Mapping[str, str]) -> str:
    """Replace known `{word}` placeholders with plain text; leave the rest as typed."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        return str(values[name]) if name in values else match.group(0)

    rendered = PLACEHOLDER.sub(replace, text or "")
    # An empty optional placeholder ({nota}) must not leave a hole of blank lines.
    return re.sub(r"\n{3,}", "\n\n", rendered).strip() + "\n"
