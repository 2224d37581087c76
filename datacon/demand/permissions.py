"""Who may do what in "¿Qué datos abrir?" (named rules, see datacon.common.access).

The capability is platform-wide: the working group "Mesa de datos por abrir"
(`demand/roles.py`) and "Organizadores" grant Django model permissions, and the
rules are made of them. Read-only staff ("Personal de consulta") may read the
import reports and the standards but change nothing.
"""

from __future__ import annotations

import rules

from datacon.common.staff_rules import (
    is_signed_in,
    staff_deletes_record,
    staff_edits_record,
    staff_with,
)

# Proposing a data need and supporting one: any signed-in account.
rules.add_perm("demand.propose", is_signed_in)
rules.add_perm("demand.support", is_signed_in)
# Triage: statuses with their public reason, duplicates, standards, holders, links,
# moderation, and promoting candidates of the request analysis.
rules.add_perm("demand.triage", staff_with("demand.triage_informationneed"))
# Request imports and analysis runs.
rules.add_perm("demand.view_imports", staff_with("demand.view_importrun"))
rules.add_perm("demand.import", staff_with("demand.add_importrun", "demand.add_analysisrun"))
rules.add_perm("demand.analyse", staff_with("demand.add_analysisrun"))
# Standards and the directory of institutions.
rules.add_perm("demand.view_standards", staff_with("demand.view_datastandard"))
rules.add_perm(
    "demand.edit_standards", staff_with("demand.add_datastandard", "demand.change_datastandard")
)
rules.add_perm("demand.edit_institutions", staff_with("demand.change_institution"))
rules.add_perm(
    "demand.merge_institutions",
    staff_with("demand.change_institution", "demand.delete_institution"),
)
# Adding or changing a record (a reuse project, a standard, an institution): add_/change_<model>.
rules.add_perm("demand.edit_record", staff_edits_record)
rules.add_perm("demand.delete_record", staff_deletes_record)
