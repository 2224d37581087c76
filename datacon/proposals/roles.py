"""Back-office roles of the call for proposals.

Reviewers are staff accounts in this group: it opens only their own review
queue. Which proposals they see is a per-record duty (their assignments, minus
declared conflicts), checked by `proposals.selectors`.
"""

from django.utils.translation import gettext_lazy as _

from datacon.common.roles import Role

REVIEWERS = "Revisión de propuestas"

ROLES = [
    Role(
        name=REVIEWERS,
        permissions=("proposals.review_proposals",),
        description=str(_("Califica las propuestas que se le asignan.")),
    )
]
