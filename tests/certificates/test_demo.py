"""The constancias demo: only on the fictional 2027 edition, loaded once."""

from __future__ import annotations

import pytest

from datacon.certificates.models import Certificate
from datacon.demo.loader import demo_load

pytestmark = pytest.mark.django_db


def test_demo_issues_constancias_on_the_fictional_edition_only_and_once(demo):
    editions = set(Certificate.objects.values_list("edition__slug", flat=True))
    assert editions == {"2027-demo"}
    attendance = list(
        Certificate.objects.filter(kind="attendance")
        .order_by("number")
        .values_list("folio", "status")
    )
    assert attendance == [
        ("DATACON-2027-A-000001", "issued"),
        ("DATACON-2027-A-000002", "issued"),
    ]
    assert Certificate.objects.filter(status="revoked").count() == 1
    count = Certificate.objects.count()
    demo_load(with_demo_users=False)
    assert Certificate.objects.count() == count
