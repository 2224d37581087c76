"""Numbers typed into query strings are read one way (datacon.common.query)."""

from __future__ import annotations

from pathlib import Path

import pytest

from datacon.common.query import query_int


@pytest.mark.parametrize(
    ("value", "expected"),
    [("12", 12), ("", None), (None, None), ("²", None), ("٣", None), ("-1", None),
     ("9223372036854775808", None), ("1e3", None), (" 1", None)],
)  # fmt: skip
def test_query_int_reads_only_plain_numbers_a_column_can_hold(value, expected):  # type: ignore[no-untyped-def]
    assert query_int(value) == expected


def test_no_view_parses_numbers_by_hand():
    """`isdigit()` let "²" and 20-digit ids reach int() and the database (500s)."""
    offenders = [
        str(path)
        for folder in ("datacon/public/views", "datacon/backoffice/views")
        for path in sorted(Path(folder).glob("*.py"))
        if ".isdigit()" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
