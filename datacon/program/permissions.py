"""Rules of the program: who builds and publishes an edition's schedule."""

from __future__ import annotations

import rules

from datacon.editions.permissions import organises

# Placing sessions, publishing versions and their notices: the edition's organisers.
rules.add_perm("program.schedule", organises)
# Importing a program from a schedule.xml, schedule.json or the CSV template: the same.
rules.add_perm("program.import", organises)
# Adding and removing a session's materials (slides, videos, reports): the same.
rules.add_perm("program.materials", organises)
