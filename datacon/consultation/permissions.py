"""Who may do what in public consultations (named rules, see datacon.common.access).

Consultations are platform-wide: moderators and the answering (technical)
group are groups (`consultation/roles.py`), and the rules are made of the Django
permissions those groups grant. Read-only staff ("Personal de consulta") may
open the list of consultations but neither moderate nor answer.

Taking part (joining, commenting, supporting, reporting) needs a signed-in
account with a verified e-mail; the services check that and say what to do.
"""

from __future__ import annotations

import rules

from datacon.common.staff_rules import staff_deletes_record, staff_edits_record, staff_with

# The back-office list of consultations with their pending work.
rules.add_perm("consultation.view", staff_with("consultation.view_consultation"))
# Hiding a comment with a public reason, restoring it, dismissing reports.
rules.add_perm("consultation.moderate", staff_with("consultation.moderate_comment"))
# Giving the official answer to a comment.
rules.add_perm("consultation.answer", staff_with("consultation.answer_comment"))
# Creating, changing or deleting a consultation (the Django admin).
rules.add_perm("consultation.edit_record", staff_edits_record)
rules.add_perm("consultation.delete_record", staff_deletes_record)
