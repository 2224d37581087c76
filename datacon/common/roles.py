"""Named back-office roles a capability needs, declared by the capability itself.

Each domain app may have a `roles.py` with `ROLES = [Role(...), ...]`; the
back office turns every declared role into a Django group after each migrate
(see `datacon.backoffice.roles`). Per-edition duties (a reviewer of one
edition, check-in staff of one venue) are domain records, not groups; a group
only grants the screens.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Role:
    name: str  # the group's name, in Spanish, as organisers see it
    permissions: tuple[str, ...]  # "app_label.codename"
    description: str = ""
