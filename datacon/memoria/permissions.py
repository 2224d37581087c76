"""Who may do what with memorias (named rules, checked by datacon.common.access).

* `memoria.view`: the back-office list and previews (back-office readers and organisers);
* `memoria.edit`: write, publish and unpublish an edition's memoria (its organisers).
"""

from __future__ import annotations

import rules

from datacon.editions.permissions import organises, reads_back_office

rules.add_perm("memoria.view", reads_back_office)
rules.add_perm("memoria.edit", organises)
