"""The registration demo on the fictional 2027 edition: ready to try by hand, loaded once."""

import pytest

from datacon.demo.loader import demo_load
from datacon.people.privacy_selectors import privacy_notice_current
from datacon.registration.models import (
    Registration,
    RegistrationSettings,
    SessionSeats,
    SessionSignup,
)
from datacon.registration.selectors import WindowState, registration_window

pytestmark = pytest.mark.django_db


def test_demo_has_open_registration_a_three_seat_workshop_and_notices(demo):
    from django.utils import timezone

    config = RegistrationSettings.objects.select_related("edition").get(edition__slug="2027-demo")
    assert registration_window(config=config, now=timezone.now()) == WindowState.OPEN
    seats = SessionSeats.objects.select_related("session").get(session__edition__slug="2027-demo")
    assert seats.capacity == 3
    assert "(ficticio)" in seats.session.title
    assert SessionSignup.objects.filter(session=seats.session, status="confirmed").count() == 2
    assert Registration.objects.filter(edition__slug="2027-demo").count() == 2
    edition_notice = privacy_notice_current(edition=config.edition)
    platform_notice = privacy_notice_current(edition=None)
    assert edition_notice.responsible_body == "Comité organizador de demostración (ficticio)"
    assert "demostración" in platform_notice.short_text
    assert (edition_notice.version, platform_notice.version) == (1, 1)


def test_demo_registration_loads_only_once(demo):
    counts = (
        Registration.objects.count(),
        SessionSignup.objects.count(),
        SessionSeats.objects.count(),
        RegistrationSettings.objects.count(),
    )
    second = demo_load(with_demo_users=False)
    assert second.changed is False
    assert counts == (
        Registration.objects.count(),
        SessionSignup.objects.count(),
        SessionSeats.objects.count(),
        RegistrationSettings.objects.count(),
    )
