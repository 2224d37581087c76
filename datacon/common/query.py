"""Reading numbers from query strings and forms typed by anyone.

`str.isdigit()` accepts "²" and "٣" (which `int()` then refuses) and numbers
longer than any database column holds (SQLite and PostgreSQL raise on them):
both were server errors on public filters. Every view reads an id or a page
number from the URL through `query_int`.
"""

from __future__ import annotations

import re

_ID = re.compile(r"[0-9]{1,9}")  # below 2**31: fits every integer column


def query_int(value: str | None, default: int | None = None) -> int | None:
    """The ASCII number in `value`, or `default` when it is missing, odd or too long."""
    if value and _ID.fullmatch(value):
        return int(value)
    return default


def query_ints(values: list[str]) -> list[int]:
    """The plain numbers among several values (checked rows of a list); others are ignored."""
    return [int(value) for value in values if _ID.fullmatch(value)]
