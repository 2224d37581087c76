"""Validators shared by every capability.

`validate_single_line` guards the fields that are one line by nature (names,
titles, organisations): a line break there is never intended, breaks the
layout of tickets and programs, and, where the value reaches an e-mail header
(a subject with the person's name or the proposal's title), makes the message
undeliverable. Put it on the model field (services run `full_clean`, ModelForms
inherit it) and on plain form fields that feed those models.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Line and paragraph breaks (everything str.splitlines() splits on) and the other
# control characters, which no name or title contains either. Tab is allowed.
BREAKS_AND_CONTROLS = re.compile("[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]")


def validate_single_line(value: object) -> None:
    if BREAKS_AND_CONTROLS.search(str(value)):
        raise ValidationError(
            _("Escríbalo en una sola línea: sin saltos de línea ni caracteres de control."),
            code="line_break",
        )


def single_line(value: object) -> str:
    """The text with every break or control character turned into one space (for headers)."""
    return " ".join(BREAKS_AND_CONTROLS.sub(" ", str(value)).split())
