"""The open datasets of the policy and consultation themes: columns, no personal data, fixed queries."""

import pytest

from datacon.consultation import moderation
from datacon.demo.policy import demo_load as policy_demo
from datacon.opendata.registry import dataset_get, datasets_all
from tests import factories
from tests.consultation.factories import ConsultationFactory, comment, participant

pytestmark = pytest.mark.django_db

POLICY_SLUGS = {
    "procesos", "etapas", "hitos", "grupos", "integrantes", "reuniones", "asistencia-a-reuniones",
    "acuerdos", "documentos-versiones", "gastos", "contactos", "compromisos", "avances",
}  # fmt: skip
CONSULTATION_SLUGS = {"consultas", "parrafos", "consulta-comentarios", "consulta-moderacion"}


def test_datasets_are_registered_under_their_themes():
    by_slug = {dataset.slug: dataset for dataset in datasets_all()}
    assert {slug for slug, d in by_slug.items() if d.theme == "policy"} >= POLICY_SLUGS
    assert {slug for slug, d in by_slug.items() if d.theme == "consultation"} == CONSULTATION_SLUGS
    assert all(not by_slug[slug].per_edition for slug in POLICY_SLUGS | CONSULTATION_SLUGS)


@pytest.fixture(scope="module")
def loaded(demo_data, django_db_blocker):  # type: ignore[no-untyped-def]
    """The demo, the policy demo and one moderated consultation, once for the module
    (inside the demo's module transaction, rolled back with it)."""
    with django_db_blocker.unblock():
        policy_demo()
        consultation = ConsultationFactory()
        user = participant(consultation, name="Nombre Público Elegido").user
        target = comment(consultation, user)
        moderation.comment_hide(
            comment=target, reason="Motivo público.", actor=factories.SYSTEM, notify_author=False
        )
    return user


@pytest.fixture
def _load(loaded, db):  # type: ignore[no-untyped-def]
    return lambda: loaded


@pytest.mark.parametrize("slug", sorted(POLICY_SLUGS | CONSULTATION_SLUGS))
def test_rows_have_exactly_the_declared_columns_and_no_personal_data(slug, _load):
    user = _load()
    dataset = dataset_get(slug)
    rows = list(dataset.rows(None))
    assert rows, slug
    assert all(list(row) == dataset.column_names for row in rows)
    flat = repr(rows)
    assert user.email not in flat
    assert "Nombre Público Elegido" not in flat
    assert "@correo-privado.example" not in flat  # people's private e-mails (factories)


def test_hidden_comment_is_exported_with_the_moderation_notice(_load):
    _load()
    rows = [r for r in dataset_get("consulta-comentarios").rows(None) if r["estado"] == "oculto"]
    assert rows[-1]["texto"] == "Comentario ocultado por moderación: Motivo público."


@pytest.mark.parametrize("slug", sorted(POLICY_SLUGS | CONSULTATION_SLUGS))
def test_rows_run_a_fixed_number_of_queries(slug, count_queries, _load):
    _load()
    dataset = dataset_get(slug)
    small = count_queries(lambda: list(dataset.rows(None)))
    policy_demo()  # idempotent: nothing new
    consultation = ConsultationFactory()
    for _ in range(6):
        comment(consultation)
    assert count_queries(lambda: list(dataset.rows(None))) == small
