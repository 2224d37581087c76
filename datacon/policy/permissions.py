"""Who may do what in the policy process (named rules, see datacon.common.access).

The policy process is platform-wide: its back-office roles (`policy/roles.py`,
"Organizadores") grant Django model permissions, and the rules are made of them.
Read-only staff ("Personal de consulta") hold only `view_*` permissions: they
may open the overview but change nothing.
"""

from __future__ import annotations

import rules

from datacon.common.staff_rules import staff_deletes_record, staff_edits_record, staff_with

# The back-office overview of processes and documents.
rules.add_perm("policy.view", staff_with("policy.view_process"))
# Publishing a new version of a document (paragraph anchors, consultations notified).
rules.add_perm("policy.publish_document", staff_with("policy.publish_documentversion"))
# Adding or changing a record of the process (a meeting, an expense...): add_/change_<model>.
rules.add_perm("policy.edit_record", staff_edits_record)
rules.add_perm("policy.delete_record", staff_deletes_record)
