"""Promoting a candidate dataset of the request analysis into the registry of needs.

One click (rule `demand.triage`): the need gets the institution as holder, the
evidence and scrubbed examples; clicking again returns the same need, and a
later analysis recognises it by the candidate's stable key.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.write import Work, unit_of_work
from datacon.demand.models import (
    DatasetCandidate,
    DemandAction,
    InformationNeed,
    NeedEventKind,
    NeedOrigin,
    Sector,
)
from datacon.demand.scrub import scrub
from datacon.demand.services import need_event_add, need_record_save


def candidate_promote(*, candidate: DatasetCandidate, actor: Actor) -> InformationNeed:
    """Turn a candidate dataset into a registry entry, in one click; twice gives the same entry."""
    require(actor, "demand.triage", candidate)
    with unit_of_work(actor) as work:
        candidate = (
            DatasetCandidate.objects.select_for_update(of=("self",))
            .select_related("institution", "repeated_question")
            .get(pk=candidate.pk)
        )
        if candidate.promoted_need is not None:
            return candidate.promoted_need
        need = InformationNeed.objects.filter(origin_key=candidate.key).first()
        if need is None:
            need = _need_from_candidate(work, candidate)
        candidate.promoted_need = need
        work.save(candidate, action=DemandAction.CANDIDATE_PROMOTE, fields=["promoted_need"])
    return need


def _need_from_candidate(work: Work, candidate: DatasetCandidate) -> InformationNeed:
    need = InformationNeed(
        title=candidate.title[:200],
        description=_candidate_description(candidate),
        justification=_(
            "Las personas preguntan por esta información una y otra vez por medio de "
            "solicitudes de acceso a la información; publicarla de forma proactiva "
            "ahorraría solicitudes y respuestas."
        ),
        sector=Sector.OTHER,
        origin=NeedOrigin.REQUESTS,
        origin_key=candidate.key,
        evidence=_candidate_evidence(candidate),
    )
    need_record_save(work, need, DemandAction.NEED_PROMOTE)
    need.holders.set([candidate.institution])
    need_event_add(
        work, need=need, kind=NeedEventKind.PROMOTED, note=_candidate_evidence(candidate)
    )
    return need


def _candidate_description(candidate: DatasetCandidate) -> str:
    examples = [scrub(item.get("text", "")) for item in candidate.examples if item.get("text")]
    lines = [
        _("Conjunto de datos sugerido a partir de las solicitudes recibidas por %(institution)s.")
        % {"institution": candidate.institution.name},
        "",
        _("Términos principales: %(terms)s.") % {"terms": ", ".join(candidate.terms)},
    ]
    if examples:
        lines += ["", _("Ejemplos de solicitudes (sin datos personales):")]
        lines += [f"- {example}" for example in examples[:3]]
    return "\n".join(lines)


def _candidate_evidence(candidate: DatasetCandidate) -> str:
    return _(
        "%(requests)s solicitudes a %(institution)s (%(repeated)s casi idénticas) en %(months)s "
        "meses distintos; puntaje %(score)s."
    ) % {
        "requests": candidate.requests,
        "institution": candidate.institution.short_name,
        "repeated": candidate.repeated,
        "months": candidate.months,
        "score": f"{candidate.score:.2f}",
    }
