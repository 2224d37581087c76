"""The public form, the edition page, the contributor's list and the organisers' queue."""

import pytest
from django.test import Client
from django.utils import timezone

from datacon.common.actor import Actor
from datacon.contributions.models import Contribution, ContributionStatus
from datacon.contributions.services import contribution_accept, contribution_reject
from datacon.editions.models_access import EditionDuty, EditionRole
from tests import factories
from tests.contributions.factories import ContributionFactory, past_edition

pytestmark = pytest.mark.django_db


def _client(user):  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def _form_data(**overrides):  # type: ignore[no-untyped-def]
    return {
        "kind": "video",
        "target": "Inauguración",
        "content": "El video de la inauguración está publicado.",
        "source_url": "https://example.org/video",
        "source_title": "Inauguración de DATACON",
        "source_publisher": "Canal de ejemplo",
        "source_date": "2022-10-04",
        "source_quote": "",
        "credit_name": "",
    } | overrides


def test_the_past_edition_page_links_to_the_form_and_the_demo_edition_does_not():
    past = past_edition()
    demo = factories.EditionFactory(year=2027, slug="2027-demo")
    page = Client().get(f"/ediciones/{past.slug}/").content.decode()
    assert f'href="/ediciones/{past.slug}/aportar/"' in page
    assert "Aportar al registro" in page
    assert "Aportar al registro" not in Client().get(f"/ediciones/{demo.slug}/").content.decode()
    user_client = _client(factories.UserFactory())
    assert user_client.get(f"/ediciones/{demo.slug}/aportar/").status_code == 404


def test_visitors_are_sent_to_sign_in():
    edition = past_edition()
    response = Client().get(f"/ediciones/{edition.slug}/aportar/")
    assert response.status_code == 302
    assert response["Location"] == f"/cuentas/login/?next=/ediciones/{edition.slug}/aportar/"


def test_the_form_keeps_what_was_typed_and_checks_the_url():
    edition = past_edition()
    client = _client(factories.UserFactory())
    response = client.post(
        f"/ediciones/{edition.slug}/aportar/",
        _form_data(source_url="no es una dirección", credit="on", target="Mesa de datos"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert Contribution.objects.count() == 0
    assert 'value="Mesa de datos"' in page
    assert "El video de la inauguración está publicado." in page
    assert sorted(response.context["form"].errors) == ["credit_name", "source_url"]
    # The credit was asked for without a name.
    assert "Escriba el nombre con el que quiere aparecer." in page


def test_the_form_refuses_a_long_quote_and_a_multi_line_name():
    edition = past_edition()
    client = _client(factories.UserFactory())
    response = client.post(
        f"/ediciones/{edition.slug}/aportar/",
        _form_data(source_quote="x" * 501, credit="on", credit_name="Ana\nPérez"),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert sorted(form.errors) == ["credit_name", "source_quote"]


def test_a_submission_lands_in_the_contributors_list():
    edition = past_edition()
    user = factories.UserFactory()
    client = _client(user)
    response = client.post(
        f"/ediciones/{edition.slug}/aportar/",
        _form_data(credit="on", credit_name="Ana Pérez"),
    )
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert (contribution.created_by, contribution.credit_name, contribution.status) == (
        user,
        "Ana Pérez",
        ContributionStatus.PENDING,
    )
    mine = client.get("/cuenta/aportaciones/").content.decode()
    assert "Inauguración" in mine and "Por revisar" in mine


def test_the_edition_page_credits_only_who_chose_it_and_logs_rejections_without_names():
    edition = past_edition()
    organiser = Actor.of(factories.organiser_user())
    credited = ContributionFactory(
        edition=edition, credit=True, credit_name="Ana Pérez", target="Inauguración"
    )
    anonymous = ContributionFactory(
        edition=edition, target="Relatoría de la mesa 3", credit_name="Nombre oculto"
    )
    rejected = ContributionFactory(
        edition=edition, credit=True, credit_name="Beto Ruiz", target="Mesa inventada"
    )
    pending = ContributionFactory(edition=edition, target="Todavía sin revisar")
    contribution_accept(actor=organiser, contribution=credited)
    contribution_accept(actor=organiser, contribution=anonymous)
    contribution_reject(
        actor=organiser, contribution=rejected, reason="La fuente no menciona esa mesa."
    )
    page = Client().get(f"/ediciones/{edition.slug}/").content.decode()
    assert "Aportó: Ana Pérez" in page
    assert "Relatoría de la mesa 3" in page
    assert "Nombre oculto" not in page
    assert "La fuente no menciona esa mesa." in page
    assert "Beto Ruiz" not in page
    assert "Mesa inventada" not in page  # the log of rejections says what kind and why only
    assert pending.target not in page
    assert 'href="https://example.org/video"' in page


def test_the_contributor_sees_the_reason_of_a_rejection_in_the_account():
    contribution = ContributionFactory()
    contribution_reject(
        actor=Actor.of(factories.organiser_user()),
        contribution=contribution,
        reason="No encontramos la fuente.",
    )
    page = _client(contribution.created_by).get("/cuenta/").content.decode()
    assert "Mis aportaciones al registro" in page
    assert "No encontramos la fuente." in page


def test_the_queue_is_for_the_editions_organisers_only():
    contribution = ContributionFactory()
    url = f"/gestion/ediciones/{contribution.edition.slug}/aportaciones/"
    assert _client(contribution.created_by).get(url).status_code == 403
    assert _client(contribution.created_by).get("/gestion/aportaciones/").status_code == 403
    other = factories.UserFactory()
    EditionRole.objects.create(
        edition=past_edition(year=2023), user=other, duty=EditionDuty.ORGANISER
    )
    other_client = _client(other)
    assert other_client.get(url).status_code == 403
    response = other_client.post(url, {"contribution": contribution.pk, "decision": "accept"})
    assert response.status_code == 403
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.PENDING
    # Its own edition's queue list opens (it organises some edition).
    assert other_client.get("/gestion/aportaciones/").status_code == 200


def test_an_organiser_accepts_and_rejects_from_the_queue():
    edition = past_edition()
    first = ContributionFactory(edition=edition, target="Primera")
    second = ContributionFactory(edition=edition, target="Segunda")
    organiser = factories.UserFactory()
    EditionRole.objects.create(edition=edition, user=organiser, duty=EditionDuty.ORGANISER)
    client = _client(organiser)
    url = f"/gestion/ediciones/{edition.slug}/aportaciones/"
    page = client.get(url).content.decode()
    assert "Primera" in page and "Segunda" in page
    assert client.post(url, {"contribution": first.pk, "decision": "accept"}).status_code == 302
    refused = client.post(url, {"contribution": second.pk, "decision": "reject", "reason": ""})
    assert refused.status_code == 400
    assert "Explique por qué no se acepta" in refused.content.decode()
    done = client.post(
        url, {"contribution": second.pk, "decision": "reject", "reason": "Sin fuente pública."}
    )
    assert done.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status, second.review_reason) == (
        ContributionStatus.ACCEPTED,
        ContributionStatus.REJECTED,
        "Sin fuente pública.",
    )
    assert first.reviewed_at is not None and first.reviewed_at <= timezone.now()
    home = client.get("/gestion/aportaciones/").content.decode()
    assert edition.title in home


def test_the_lists_run_the_same_queries_for_few_and_many_contributions(count_queries):
    edition = past_edition()
    contributor = factories.UserFactory()
    organiser = factories.organiser_user()
    reviewer = Actor.of(organiser)

    def add(count):  # type: ignore[no-untyped-def]
        for number in range(count):
            accepted = ContributionFactory(
                edition=edition, created_by=contributor, credit=True, credit_name=f"P{number}"
            )
            contribution_accept(actor=reviewer, contribution=accepted)
            rejected = ContributionFactory(edition=edition, created_by=contributor)
            contribution_reject(actor=reviewer, contribution=rejected, reason="No.")
            ContributionFactory(edition=edition, created_by=contributor)

    clients = {
        f"/ediciones/{edition.slug}/": Client(),
        "/cuenta/aportaciones/": _client(contributor),
        f"/gestion/ediciones/{edition.slug}/aportaciones/": _client(organiser),
    }
    for url, client in clients.items():  # warm what every first request loads once
        client.get(url)
    add(1)
    small = {url: count_queries(lambda c=c, u=url: c.get(u)) for url, c in clients.items()}
    add(5)
    large = {url: count_queries(lambda c=c, u=url: c.get(u)) for url, c in clients.items()}
    assert large == small


def test_a_session_of_the_edition_can_be_picked_when_it_has_a_program():
    edition = past_edition()
    client = _client(factories.UserFactory())
    url = f"/ediciones/{edition.slug}/aportar/"
    assert 'name="session"' not in client.get(url).content.decode()
    session = factories.SessionFactory(edition=edition, title="Mesa de datos abiertos")
    assert "Mesa de datos abiertos" in client.get(url).content.decode()
    response = client.post(url, _form_data(kind="correction", session=session.pk))
    assert response.status_code == 302
    assert Contribution.objects.get().session == session


def test_too_many_contributions_in_an_hour_are_refused_keeping_what_was_typed():
    from datacon.public.views.contributions import CONTRIBUTIONS_PER_HOUR

    edition = past_edition()
    client = _client(factories.UserFactory())
    url = f"/ediciones/{edition.slug}/aportar/"
    for _ in range(CONTRIBUTIONS_PER_HOUR):
        assert client.post(url, _form_data()).status_code == 302
    refused = client.post(url, _form_data(target="Una más"))
    assert refused.status_code == 200
    assert 'value="Una más"' in refused.content.decode()
    assert Contribution.objects.count() == CONTRIBUTIONS_PER_HOUR
