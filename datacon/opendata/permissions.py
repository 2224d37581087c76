"""Who may do what with open data (named rules, checked by datacon.common.access).

Everything the platform publishes is public; the back-office panel and the
on-demand static archive are for back-office readers and organisers
(`opendata.view`), not for any staff account.
"""

from __future__ import annotations

import rules

from datacon.common.staff_rules import staff_edits_record
from datacon.editions.permissions import reads_back_office

rules.add_perm("opendata.view", reads_back_office)
# The platform's operator (one record: publisher and contact point of the catalogue):
# the add_/change_platformoperator permission the organisers' group holds.
rules.add_perm("opendata.edit_operator", staff_edits_record)
