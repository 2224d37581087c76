"""Old home of the write path; it lives in datacon.common.write now.

Kept as re-exports while services move to `unit_of_work`; the guard test
(tests/common/test_write_guards.py) lists what still calls the old names.
"""

from __future__ import annotations

from datacon.common.write import (
    public_scopes_of as scopes_of,
)
from datacon.common.write import (
    record_delete,
    record_save,
    search_document_fill,
)

__all__ = ["record_delete", "record_save", "scopes_of", "search_document_fill"]
