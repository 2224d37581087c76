"""Who may change the registry of information needs and the request analysis (named rules).

Triage, imports and analysis are platform-wide roles (groups). A service refuses
any other actor with PermissionDenied (a 403 on every surface); a need's proposer
may not edit or triage it either. Read-only staff may read the import reports and
the standards but change nothing. Proposing and supporting need a signed-in account.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from datacon.common.actor import Actor
from datacon.common.models import PublicVersion
from datacon.demand import catalogue, services
from datacon.demand.analysis.run import requests_analyse
from datacon.demand.importer import requests_import
from datacon.demand.models import (
    AnalysisRun,
    DatasetCandidate,
    ImportRun,
    InformationNeed,
    NeedStatus,
)
from datacon.demand.promotion import candidate_promote
from datacon.demo.synthetic_requests import SAMPLE_PATH
from tests import factories
from tests.demand.factories import InstitutionFactory, NeedFactory, StandardFactory

pytestmark = pytest.mark.django_db


def _client(user):  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_triage_refuses_readers_citizens_and_the_needs_own_proposer():
    proposer = factories.UserFactory()
    need = services.need_propose(
        actor=Actor.of(proposer),
        title="Padrón de beneficiarios",
        description="Montos.",
        sector="social",
    )
    for user in (factories.read_only_staff_user(), factories.UserFactory(), proposer):
        actor = Actor.of(user)
        with pytest.raises(PermissionDenied):
            services.need_update(need=need, title="Otro título", actor=actor)
        with pytest.raises(PermissionDenied):
            services.need_status_set(need=need, status=NeedStatus.ACCEPTED, actor=actor)
        with pytest.raises(PermissionDenied):
            services.need_visibility_set(need=need, hidden=True, reason="Spam.", actor=actor)
    need.refresh_from_db()
    assert (need.title, need.status, need.is_hidden) == (
        "Padrón de beneficiarios",
        NeedStatus.PROPOSED,
        False,
    )
    services.need_status_set(
        need=need, status=NeedStatus.ACCEPTED, actor=Actor.of(factories.organiser_user())
    )
    assert InformationNeed.objects.get(pk=need.pk).status == NeedStatus.ACCEPTED


def test_proposing_and_supporting_need_a_signed_in_account():
    anonymous = Actor.of(None)
    with pytest.raises(PermissionDenied):
        services.need_propose(actor=anonymous, title="Algo", description="Algo.", sector="social")
    need = NeedFactory()
    with pytest.raises(PermissionDenied):
        services.need_support(need=need, actor=anonymous)
    assert services.need_support(need=need, actor=Actor.of(factories.UserFactory())) is True


def test_imports_and_analysis_need_their_rule():
    reader = Actor.of(factories.read_only_staff_user())
    with pytest.raises(PermissionDenied):
        requests_import(path=SAMPLE_PATH, source="sintetica", actor=reader)
    with pytest.raises(PermissionDenied):
        requests_analyse(actor=reader)
    assert (ImportRun.objects.count(), AnalysisRun.objects.count()) == (0, 0)


def test_catalogue_records_need_their_model_permission():
    reader = Actor.of(factories.read_only_staff_user())
    standard = StandardFactory()
    standard.name = "Cambiado por quien solo consulta"
    with pytest.raises(PermissionDenied):
        catalogue.standard_save(standard=standard, actor=reader)
    source, target = InstitutionFactory(), InstitutionFactory()
    with pytest.raises(PermissionDenied):
        catalogue.institution_merge(source=source, target=target, actor=reader)


def test_read_only_staff_read_imports_and_standards_but_cannot_triage():
    need = NeedFactory()
    reader = _client(factories.read_only_staff_user())
    assert reader.get("/gestion/demanda/importaciones/").status_code == 200
    assert reader.get("/gestion/demanda/estandares/").status_code == 200
    response = reader.post(
        f"/gestion/demanda/necesidades/{need.pk}/estado/",
        {"status": NeedStatus.REFUSED, "reason": "No."},
    )
    assert (response.status_code, InformationNeed.objects.get().status) == (
        403,
        NeedStatus.PROPOSED,
    )
    assert reader.post("/gestion/demanda/analisis/").status_code == 403


def test_promoting_onto_an_existing_need_changes_the_public_candidates_page(analysed):
    candidate = DatasetCandidate.objects.order_by("pk").first()
    assert candidate is not None
    existing = NeedFactory(origin_key=candidate.key)
    before = PublicVersion.objects.get(scope="demand").version
    need = candidate_promote(candidate=candidate, actor=factories.SYSTEM)
    assert need == existing
    assert PublicVersion.objects.get(scope="demand").version > before
