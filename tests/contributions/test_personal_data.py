"""ARCO rights: a person's contributions are in their export; erasure keeps the record
but drops who proposed it and the credit."""

import pytest
from django.test import Client

from datacon.common.actor import Actor
from datacon.common.models import AuditEntry
from datacon.contributions.models import Contribution, ContributionAction
from datacon.contributions.services import contribution_accept
from datacon.people.privacy_selectors import personal_data_collect
from datacon.people.privacy_services import account_delete
from tests import factories
from tests.contributions.factories import ContributionFactory

pytestmark = pytest.mark.django_db


def test_the_export_lists_the_persons_contributions():
    mine = ContributionFactory(credit=True, credit_name="Ana Pérez", source_quote="dijo esto")
    ContributionFactory()  # someone else's
    exported = personal_data_collect(user=mine.created_by)["providers"]["contributions"]
    rows = exported["tables"]["aportaciones_al_registro"]
    assert [
        (row["sobre"], row["nombre_para_credito"], row["fuente_cita"], row["estado"])
        for row in rows
    ] == [("Inauguración", "Ana Pérez", "dijo esto", "pending")]


def test_erasure_keeps_the_contribution_without_its_author_or_credit():
    mine = ContributionFactory(credit=True, credit_name="Ana Pérez")
    contribution_accept(actor=Actor.of(factories.organiser_user()), contribution=mine)
    user = mine.created_by
    account_delete(user=user, actor=Actor.of(user))
    mine.refresh_from_db()
    assert (mine.created_by, mine.credit, mine.credit_name) == (None, False, "")
    assert Contribution.objects.filter(pk=mine.pk).exists()
    assert (
        AuditEntry.objects.filter(
            action=ContributionAction.PERSONAL_DATA_ERASE.value, object_type="auth.user"
        ).count()
        == 1
    )
    page = Client().get(f"/ediciones/{mine.edition.slug}/").content.decode()
    assert "Ana Pérez" not in page
    assert mine.content in page
