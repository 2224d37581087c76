"""Rules of the call for proposals.

* the edition's organisers configure the call, assign reviewers and decide;
* a signed-in account sends proposals; only the one who sent a proposal edits,
  withdraws or confirms it;
* a reviewer reviews only their own assignments; the review queue is for
  accounts holding the reviewers' permission (datacon/proposals/roles.py).
"""

from __future__ import annotations

from typing import Any

import rules
from django.contrib.auth.models import AnonymousUser, User

from datacon.editions.permissions import is_staff, organises


@rules.predicate
def submitted_it(user: User | AnonymousUser, proposal: Any) -> bool:
    return bool(
        proposal is not None
        and user.is_authenticated
        and proposal.submitter_id is not None
        and proposal.submitter_id == user.pk
    )


@rules.predicate
def is_the_reviewer(user: User | AnonymousUser, assignment: Any) -> bool:
    return bool(
        assignment is not None and user.is_authenticated and assignment.reviewer_id == user.pk
    )


@rules.predicate
def holds_reviewer_permission(user: User | AnonymousUser) -> bool:
    return bool(getattr(user, "is_active", False) and user.has_perm("proposals.review_proposals"))


rules.add_perm("proposals.configure", organises)
rules.add_perm("proposals.organise", organises)
rules.add_perm("proposals.assign", organises)
rules.add_perm("proposals.decide", organises)
rules.add_perm("proposals.submit", rules.is_authenticated)
rules.add_perm("proposals.edit", submitted_it)
rules.add_perm("proposals.review", is_the_reviewer)
rules.add_perm("proposals.review_queue", is_staff & holds_reviewer_permission)
