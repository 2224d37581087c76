"""What the call for proposals holds about an account, for ARCO requests.

Export: the proposals the account sent (with the people it listed), the lines
where the account's verified e-mails appear on other people's proposals,
its reviews, and its co-convener requests. Erasure: the account's own lines
lose name, e-mail, organisation, position and self-declared gender; proposals
it sent keep their content (they are part of the edition's record) but no
longer point to the account; reviews keep their scores (the ranking stays
right) and lose the comment.
"""

from __future__ import annotations

from django.contrib.auth.models import User

from datacon.common.actor import Actor
from datacon.common.personal_data import ExportedRows
from datacon.common.write import unit_of_work
from datacon.editions.models import CoConvenerApplication
from datacon.proposals.models import Proposal, ProposalAction, ProposalPerson, Review


def _emails(user: User) -> set[str]:
    from datacon.proposals.selectors import user_emails

    return user_emails(user=user) | ({user.email.lower()} if user.email else set())


def proposals_export(user: User) -> ExportedRows:
    emails = _emails(user)
    proposals = Proposal.objects.filter(submitter=user).select_related("edition", "session_type")
    people = ProposalPerson.objects.filter(email__in=emails).select_related("proposal__edition")
    reviews = Review.objects.filter(assignment__reviewer=user).select_related(
        "assignment__proposal__edition"
    )
    applications = CoConvenerApplication.objects.filter(applicant=user).select_related("edition")
    return {
        "propuestas_enviadas": [
            {
                "edicion": p.edition.title,
                "referencia": p.reference,
                "titulo": p.title,
                "resumen": p.abstract,
                "tipo": p.session_type.name,
                "estado": p.status,
                "enviada": p.submitted_at.isoformat(),
            }
            for p in proposals
        ],
        "apariciones_en_propuestas": [
            {
                "edicion": p.proposal.edition.title,
                "propuesta": p.proposal.reference,
                "nombre": p.name,
                "correo": p.email,
                "papel": p.role,
                "organizacion": p.organisation,
                "cargo": p.position,
                "genero_autodeclarado": p.gender,
                "invitacion": p.invitation_status,
            }
            for p in people
        ],
        "revisiones": [
            {
                "propuesta": r.assignment.proposal.reference,
                "comentario": r.comment,
                "puntuaciones": dict(r.scores.values_list("criterion__name", "value")),
            }
            for r in reviews
        ],
        "solicitudes_de_co_convocatoria": [
            {
                "edicion": a.edition.title,
                "organizacion": a.organisation_name,
                "contacto": a.contact_name,
                "correo_de_contacto": a.contact_email,
                "estado": a.status,
            }
            for a in applications
        ],
    }


def proposals_erase(user: User) -> None:
    emails = _emails(user)
    # Joins the unit of work of the account deletion that asks for it.
    with unit_of_work(Actor.system("ARCO erasure")) as work:
        people = list(ProposalPerson.objects.filter(email__in=emails))
        for person in people:
            person.name = "Persona eliminada"
            person.email = f"eliminada-{person.pk}@invalid.invalid"
            person.organisation = person.position = person.gender = ""
            person.invitation_token = ""
            person.user = None
        work.update_many(
            people,
            ["name", "email", "organisation", "position", "gender", "invitation_token", "user"],
            action=ProposalAction.PERSONAL_DATA_ERASE,
        )
        work.update(
            Proposal.objects.filter(submitter=user),
            action=ProposalAction.PERSONAL_DATA_ERASE,
            submitter=None,
        )
        work.update(
            Review.objects.filter(assignment__reviewer=user),
            action=ProposalAction.PERSONAL_DATA_ERASE,
            comment="",
        )
        work.update(
            CoConvenerApplication.objects.filter(applicant=user),
            action=ProposalAction.PERSONAL_DATA_ERASE,
            applicant=None,
            contact_name="Persona eliminada",
            contact_email="eliminada@invalid.invalid",
        )
        work.record(
            ProposalAction.PERSONAL_DATA_ERASE,
            object_type="auth.user",
            object_id=str(user.pk),
        )
