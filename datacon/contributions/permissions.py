"""Who may contribute to the record and who reviews the contributions (named rules).

Contributing: any signed-in account (which editions accept contributions is the
selectors' and the service's business, not a permission). Reviewing: the
edition's organisers (`organises`: an organiser EditionRole for that edition, or
the platform-wide organisers' group); on a screen of no edition, any edition's.
"""

from __future__ import annotations

import rules

from datacon.common.staff_rules import is_signed_in
from datacon.editions.permissions import organises

rules.add_perm("contributions.submit", is_signed_in)
rules.add_perm("contributions.review", organises)
