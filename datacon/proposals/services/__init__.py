"""Writes of the call for proposals, one module per sub-domain.

* calls.py: the call, its session types and questions, tracks, criteria, teams, templates;
* submissions.py: sending, editing and withdrawing a proposal (one path);
* invitations.py: co-speakers answering their invitation;
* review.py: assignments, conflicts of interest (re-checked when people change), scores;
* decisions.py: the organisers' decisions and the proponent's confirmation;
* messages.py: the outbox messages and the proposal's history.

Every function takes the acting `Actor`, checks the named rule
(`datacon/proposals/permissions.py`) and writes through the unit of work.
"""

from datacon.proposals.services.calls import (
    call_create,
    call_save,
    call_session_type_save,
    criteria_seed,
    email_template_save,
    email_templates_seed,
    question_save,
    review_team_save,
    track_save,
)
from datacon.proposals.services.decisions import proposal_decide, proposal_respond
from datacon.proposals.services.invitations import invitation_respond
from datacon.proposals.services.review import (
    REVIEWABLE,
    assignment_create,
    assignment_delete,
    assignments_from_teams,
    conflict_declare,
    conflict_withdraw,
    review_save,
)
from datacon.proposals.services.submissions import (
    PersonInput,
    ProposalInput,
    answer_clean,
    proposal_can_edit,
    proposal_people_errors,
    proposal_submit,
    proposal_update,
    proposal_withdraw,
)

__all__ = [
    "REVIEWABLE",
    "PersonInput",
    "ProposalInput",
    "answer_clean",
    "assignment_create",
    "assignment_delete",
    "assignments_from_teams",
    "call_create",
    "call_save",
    "call_session_type_save",
    "conflict_declare",
    "conflict_withdraw",
    "criteria_seed",
    "email_template_save",
    "email_templates_seed",
    "invitation_respond",
    "proposal_can_edit",
    "proposal_decide",
    "proposal_people_errors",
    "proposal_respond",
    "proposal_submit",
    "proposal_update",
    "proposal_withdraw",
    "question_save",
    "review_save",
    "review_team_save",
    "track_save",
]
