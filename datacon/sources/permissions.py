"""Who may change the sources of the public record (named rules, see datacon.common.access)."""

from __future__ import annotations

import rules

from datacon.common.staff_rules import staff_deletes_record, staff_edits_record

rules.add_perm("sources.edit_record", staff_edits_record)
rules.add_perm("sources.delete_record", staff_deletes_record)
