import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from datacon.common.actor import Actor
from datacon.common.models import AuditEntry, PublicVersion
from datacon.demand.models import (
    InformationNeed,
    NeedEvent,
    NeedEventKind,
    NeedMention,
    NeedOrigin,
    NeedStatus,
    NeedSupport,
)
from datacon.demand.promotion import candidate_promote
from datacon.demand.services import (
    need_holders_set,
    need_mention_add,
    need_mention_remove,
    need_propose,
    need_standard_set,
    need_status_set,
    need_support,
    need_support_withdraw,
    need_update,
    need_visibility_set,
)
from tests import factories
from tests.demand.factories import InstitutionFactory, NeedFactory, StandardFactory

pytestmark = pytest.mark.django_db


def _version(scope: str) -> int:
    return PublicVersion.objects.filter(scope=scope).values_list("version", flat=True).first() or 0


def _propose(user, **extra):  # type: ignore[no-untyped-def]
    data = {
        "title": "Padrón de beneficiarios por municipio",
        "description": "Beneficiarios y montos.",
        "sector": "social",
    } | extra
    return need_propose(actor=Actor.of(user), **data)


def test_propose_publishes_the_need_supported_by_its_proposer():
    user = factories.UserFactory()
    institution = InstitutionFactory(name="Secretaría de Bienestar")
    before = (_version("demand"), _version("conference"))
    need = _propose(
        user,
        holders_suggested="SECRETARIA DE BIENESTAR\nOtra institución",
        proposer_public_name="Colectivo Datos",
    )
    assert need.status == NeedStatus.PROPOSED
    assert need.origin == NeedOrigin.PROPOSAL
    assert need.slug == "padron-de-beneficiarios-por-municipio"
    assert list(need.holders.all()) == [institution]
    assert list(NeedSupport.objects.filter(need=need).values_list("user", flat=True)) == [user.pk]
    assert list(need.events.values_list("kind", flat=True)) == [NeedEventKind.CREATED]
    assert AuditEntry.objects.filter(
        action="informationneed.propose", object_id=str(need.pk)
    ).exists()
    assert (_version("demand"), _version("conference")) > before


def test_propose_removes_personal_data_from_the_text():
    need = _propose(
        factories.UserFactory(),
        description="Mi correo es ana@ejemplo.com y mi teléfono 55 1234 5678.",
    )
    assert need.description == "Mi correo es [correo] y mi teléfono [teléfono]."


def test_propose_requires_a_signed_in_user():
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):  # the rule `demand.propose`: a 403, not a form error
        _propose(AnonymousUser())
    assert InformationNeed.objects.count() == 0


def test_support_is_once_per_user_and_idempotent():
    need = NeedFactory()
    user = factories.UserFactory()
    assert need_support(need=need, actor=Actor.of(user)) is True
    version = _version("demand")
    assert need_support(need=need, actor=Actor.of(user)) is False
    assert NeedSupport.objects.filter(need=need).count() == 1
    assert _version("demand") == version  # nothing changed, nothing invalidated
    assert need_support_withdraw(need=need, actor=Actor.of(user)) is True
    assert need_support_withdraw(need=need, actor=Actor.of(user)) is False
    assert NeedSupport.objects.filter(need=need).count() == 0


@pytest.mark.parametrize("status", [NeedStatus.OPENED, NeedStatus.REFUSED])
def test_support_refused_for_closed_needs(status):
    need = NeedFactory(
        status=status, status_reason="motivo", opened_url="https://datos.example.org/x"
    )
    with pytest.raises(ValidationError, match="ya no recibe apoyos"):
        need_support(need=need, actor=Actor.of(factories.UserFactory()))


def test_status_change_records_history_and_needs_a_reason_when_refused():
    need = NeedFactory()
    with pytest.raises(ValidationError) as error:
        need_status_set(need=need, status=NeedStatus.REFUSED, reason="  ", actor=factories.SYSTEM)
    assert "status_reason" in error.value.message_dict
    need_status_set(
        need=need,
        status=NeedStatus.ACCEPTED,
        reason="Alto valor para la salud.",
        actor=factories.SYSTEM,
    )
    need.refresh_from_db()
    assert (need.status, need.status_reason) == (NeedStatus.ACCEPTED, "Alto valor para la salud.")
    event = need.events.get(kind=NeedEventKind.STATUS)
    assert (event.from_status, event.to_status, event.note) == (
        "proposed",
        "accepted",
        "Alto valor para la salud.",
    )


def test_opened_needs_the_url_where_the_data_is():
    need = NeedFactory()
    with pytest.raises(ValidationError) as error:
        need_status_set(need=need, status=NeedStatus.OPENED, actor=factories.SYSTEM)
    assert "opened_url" in error.value.message_dict
    need_status_set(
        need=need,
        status=NeedStatus.OPENED,
        opened_url="https://datos.example.org/x",
        actor=factories.SYSTEM,
    )
    need.refresh_from_db()
    assert need.opened_url == "https://datos.example.org/x"


def test_duplicate_moves_supports_to_the_survivor_without_double_counting():
    survivor, duplicate = NeedFactory(), NeedFactory()
    both, only_duplicate, only_survivor = (factories.UserFactory() for _ in range(3))
    for user in (both, only_survivor):
        need_support(need=survivor, actor=Actor.of(user))
    for user in (both, only_duplicate):
        need_support(need=duplicate, actor=Actor.of(user))
    need_status_set(
        need=duplicate,
        status=NeedStatus.DUPLICATE,
        reason="Mismos datos.",
        duplicate_of=survivor,
        actor=factories.SYSTEM,
    )
    assert set(survivor.supports.values_list("user_id", flat=True)) == {
        both.pk,
        only_duplicate.pk,
        only_survivor.pk,
    }
    assert duplicate.supports.count() == 0
    assert survivor.events.filter(kind=NeedEventKind.SUPPORTS_MERGED).count() == 1
    with pytest.raises(ValidationError, match="duplicada"):
        need_support(
            need=InformationNeed.objects.get(pk=duplicate.pk),
            actor=Actor.of(factories.UserFactory()),
        )


def test_duplicate_chains_point_at_the_final_survivor():
    a, b, c = NeedFactory(), NeedFactory(), NeedFactory()
    need_status_set(
        need=b, status=NeedStatus.DUPLICATE, reason="x", duplicate_of=a, actor=factories.SYSTEM
    )
    need_status_set(
        need=c, status=NeedStatus.DUPLICATE, reason="x", duplicate_of=b, actor=factories.SYSTEM
    )
    c.refresh_from_db()
    assert c.duplicate_of == a
    with pytest.raises(ValidationError):
        need_status_set(
            need=a, status=NeedStatus.DUPLICATE, reason="x", duplicate_of=c, actor=factories.SYSTEM
        )


def test_standard_and_holders_are_recorded_in_the_history():
    need = NeedFactory()
    standard = StandardFactory(name="Estándar de contratos")
    need_standard_set(need=need, standard=standard, actor=factories.SYSTEM)
    need_standard_set(
        need=need, standard=standard, actor=factories.SYSTEM
    )  # no change, no second event
    institutions = [InstitutionFactory(acronym="SSA"), InstitutionFactory(acronym="IMSS")]
    need_holders_set(need=need, institutions=institutions, actor=factories.SYSTEM)
    kinds = list(need.events.values_list("kind", "note"))
    assert kinds == [("standard", "Estándar de contratos"), ("holders", "IMSS, SSA")]
    assert set(need.holders.all()) == set(institutions)


def test_mention_links_a_session_once_and_can_be_removed():
    session = factories.SessionFactory()
    need = NeedFactory()
    version = _version("conference")
    first = need_mention_add(
        need=need, target=session, note="Se pidió en el taller.", actor=factories.SYSTEM
    )
    again = need_mention_add(need=need, target=session, actor=factories.SYSTEM)
    assert first.pk == again.pk
    assert _version("conference") > version  # the session page shows it
    assert need.events.filter(kind=NeedEventKind.MENTION).count() == 1
    need_mention_remove(mention=first, actor=factories.SYSTEM)
    assert NeedMention.objects.count() == 0


def test_mention_of_an_unregistered_kind_is_refused():
    need = NeedFactory()
    with pytest.raises(ValidationError):
        need_mention_add(need=need, target=factories.OrganisationFactory(), actor=factories.SYSTEM)


def test_update_edits_text_and_records_what_changed():
    need = NeedFactory(title="Antes")
    need_update(need=need, title="Después", rights="Derecho a la salud.", actor=factories.SYSTEM)
    need.refresh_from_db()
    assert (need.title, need.rights) == ("Después", "Derecho a la salud.")
    assert (
        need.events.get(kind=NeedEventKind.EDITED).note
        == "conjunto de datos que se necesita, derechos o problema público"
    )
    with pytest.raises(ValueError):
        need_update(need=need, status="opened", actor=factories.SYSTEM)


def test_hiding_requires_a_reason_and_is_reversible():
    need = NeedFactory()
    with pytest.raises(ValidationError):
        need_visibility_set(need=need, hidden=True, actor=factories.SYSTEM)
    need_visibility_set(need=need, hidden=True, reason="Spam", actor=factories.SYSTEM)
    need.refresh_from_db()
    assert (need.is_hidden, need.hidden_reason) == (True, "Spam")
    need_visibility_set(need=need, hidden=False, actor=factories.SYSTEM)
    need.refresh_from_db()
    assert (need.is_hidden, need.hidden_reason) == (False, "")


def test_promoting_a_candidate_twice_gives_one_need(analysed):
    from datacon.demand.models import DatasetCandidate

    candidate = DatasetCandidate.objects.filter(kind="repeated").order_by("-score").first()
    need = candidate_promote(candidate=candidate, actor=factories.SYSTEM)
    again = candidate_promote(candidate=candidate, actor=factories.SYSTEM)
    assert need.pk == again.pk
    assert InformationNeed.objects.filter(origin=NeedOrigin.REQUESTS).count() == 1
    assert list(need.holders.all()) == [candidate.institution]
    assert need.origin_key == candidate.key
    assert f"{candidate.requests} solicitudes" in need.evidence
    assert "[correo]" not in need.title
    assert need.events.get().kind == NeedEventKind.PROMOTED
    assert NeedEvent.objects.filter(need=need).count() == 1
