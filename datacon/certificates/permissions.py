"""Who prepares, issues and revokes constancias, and who downloads them (named rules).

Organisers of the edition (`organises`: an organiser EditionRole for it, or the
platform-wide organisers' group) set the rule, issue and revoke. Any signed-in
account reads its own constancias; the verification page is public.
"""

from __future__ import annotations

import rules

from datacon.common.staff_rules import is_signed_in
from datacon.editions.permissions import organises

rules.add_perm("certificates.manage", organises)
rules.add_perm("certificates.own", is_signed_in)
