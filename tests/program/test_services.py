import pytest

from datacon.common.models import AuditEntry
from datacon.program.models import Session
from datacon.program.services import session_codes_renumber, session_create
from tests import factories
from tests.factories import at

pytestmark = pytest.mark.django_db


def _create(edition, title, day, hour, **extra):
    return session_create(
        edition=edition,
        title=title,
        session_type=factories.SessionTypeFactory(edition=edition),
        starts_at=at(edition, day, hour),
        ends_at=at(edition, day, hour + 1),
        **({"actor": factories.SYSTEM} | extra),
    )


def test_session_code_follows_day_and_order_scheme(edition):
    first = _create(edition, "Primera", 1, 10)
    second = _create(edition, "Segunda", 1, 11)
    next_day = _create(edition, "Día dos", 2, 10)
    assert [first.code, second.code, next_day.code] == ["S0101", "S0102", "S0201"]


def test_session_code_typed_by_hand_is_kept(edition):
    session = _create(edition, "A mano", 1, 10, code="MESA-A")
    assert session.code == "MESA-A"


def test_session_codes_renumber_follows_placement_and_keeps_hand_codes(edition):
    late = _create(edition, "Tarde", 1, 15)  # S0101
    early = _create(edition, "Temprano", 1, 9)  # S0102
    manual = _create(edition, "Especial", 1, 12, code="ESPECIAL")
    changes = session_codes_renumber(edition=edition, actor=factories.SYSTEM)
    late.refresh_from_db()
    early.refresh_from_db()
    manual.refresh_from_db()
    assert (early.code, late.code, manual.code) == ("S0101", "S0102", "ESPECIAL")
    assert changes == {"S0101": "S0102", "S0102": "S0101"}


def test_session_create_writes_an_audit_entry(edition):
    session = _create(edition, "Auditada", 1, 10)
    entry = AuditEntry.objects.get(object_type="program.session", object_id=str(session.pk))
    assert entry.action == "session.create"


def test_session_update_audit_records_the_diff(edition):
    session = _create(edition, "Antes", 1, 10)
    session.title = "Después"
    from datacon.program.services import session_save

    session_save(session=session, actor=factories.SYSTEM)
    entry = AuditEntry.objects.filter(action="session.update").get()
    assert entry.changes["title"] == ["Antes", "Después"]
    assert Session.objects.get().title == "Después"
