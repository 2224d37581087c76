"""The registrations step of the large fictional data set, at 1 % of the full size."""

import re

import pytest
from django.core.cache import cache
from django.db.models import Count, Max, Q
from django.test import Client

from datacon.common.models import PublicVersion
from datacon.demo import large_dataset
from datacon.demo.large_dataset import Scale, dataset_fingerprint, edition_remove, generate
from datacon.editions.models import Edition, Venue
from datacon.registration.models import (
    Registration,
    RegistrationSettings,
    SessionSeats,
    SessionSignup,
)

pytestmark = pytest.mark.django_db

SMALL = Scale.full().scaled(0.01)  # 200 registrations, 10 sessions
STEP = [step for step in large_dataset.STEPS if step.name == "registrations"]


def _generate(seed: int = 7, scale: Scale = SMALL) -> large_dataset.Context:
    return generate(seed=seed, scale=scale, steps=STEP)


def _pools() -> list[tuple[int | None, int | None, int, int]]:
    """(capacity, venue id, confirmed, waiting) for each venue and the online quota."""
    config = RegistrationSettings.objects.get(edition__slug=large_dataset.EDITION_SLUG)
    rows = []
    for venue in Venue.objects.filter(edition=config.edition):
        mine = Registration.objects.filter(venue=venue, mode="in_person")
        rows.append(
            (
                venue.capacity,
                venue.pk,
                mine.filter(status="confirmed").count(),
                mine.filter(status="waiting").count(),
            )
        )
    online = Registration.objects.filter(edition=config.edition, mode="online")
    rows.append(
        (
            config.online_capacity,
            None,
            online.filter(status="confirmed").count(),
            online.filter(status="waiting").count(),
        )
    )
    return rows


def test_generate_small_scale_creates_the_scaled_registrations():
    context = _generate()
    edition = Edition.objects.get(slug=large_dataset.EDITION_SLUG)
    assert SMALL.registrations == 200
    assert context.counts["registrations"] == 200
    assert Registration.objects.filter(edition=edition).count() == 200
    assert set(Registration.objects.values_list("mode", flat=True)) == {"in_person", "online"}
    assert set(Registration.objects.values_list("status", flat=True)) >= {"confirmed", "cancelled"}
    assert Registration.objects.filter(checked_in_at__isnull=False).exists() is True
    assert context.counts["session_signups"] == SessionSignup.objects.count()


def test_generate_in_person_registrations_always_have_a_venue_of_the_edition():
    _generate()
    in_person = Registration.objects.filter(mode="in_person")
    assert in_person.filter(venue__isnull=True).count() == 0
    assert in_person.exclude(venue__edition__slug=large_dataset.EDITION_SLUG).count() == 0
    assert Registration.objects.filter(mode="online", venue__isnull=False).count() == 0


def test_generate_never_oversells_a_venue_or_the_online_quota():
    _generate()
    for capacity, _venue, confirmed, waiting in _pools():
        assert capacity is None or confirmed <= capacity
        # Nobody waits while a seat is free (the services promote the next in line).
        assert waiting == 0 or confirmed == capacity


def test_generate_queue_numbers_are_unique_and_consecutive():
    _generate()
    numbers = list(Registration.objects.values_list("queue_number", flat=True))
    assert sorted(numbers) == list(range(1, 201))


def test_generate_never_oversells_a_workshop():
    _generate(scale=Scale.full().scaled(0.05))  # 50 sessions: several workshops
    seats = list(
        SessionSeats.objects.annotate(
            confirmed=Count("session__signups", filter=Q(session__signups__status="confirmed")),
            waiting=Count("session__signups", filter=Q(session__signups__status="waiting")),
            last=Max("session__signups__queue_number"),
        )
    )
    assert len(seats) > 0
    for holder in seats:
        assert holder.confirmed <= holder.capacity
        assert holder.waiting == 0 or holder.confirmed == holder.capacity
        numbers = list(
            SessionSignup.objects.filter(session_id=holder.session_id)
            .order_by("queue_number")
            .values_list("queue_number", flat=True)
        )
        assert numbers == list(range(1, (holder.last or 0) + 1))


def test_generate_signups_come_from_confirmed_registrations_without_clashes():
    _generate(scale=Scale.full().scaled(0.05))
    signups = SessionSignup.objects.exclude(status="cancelled")
    assert signups.exclude(registration__status="confirmed").count() == 0
    assert signups.exclude(session__session_type__slug="taller").count() == 0
    times: dict[int, list[tuple]] = {}
    for registration_id, starts, ends in signups.values_list(
        "registration_id", "session__starts_at", "session__ends_at"
    ):
        for other_starts, other_ends in times.get(registration_id, []):
            assert not (other_starts < ends and other_ends > starts)
        times.setdefault(registration_id, []).append((starts, ends))


def test_generate_has_no_personal_data_of_real_people():
    _generate()
    names = set(Registration.objects.values_list("name", flat=True))
    assert all(re.fullmatch(r"Asistente ficticia \d{5}", name) for name in names)
    emails = Registration.objects.values_list("email", flat=True)
    assert all(email.endswith("@privado.example") for email in emails)
    assert Registration.objects.filter(user__isnull=False).count() == 0
    organisations = set(
        Registration.objects.exclude(organisation="").values_list("organisation", flat=True)
    )
    assert all("ficti" in organisation for organisation in organisations)


def test_generate_lists_publicly_only_some_people_who_chose_it():
    _generate(scale=Scale.full().scaled(0.05))  # 1,000 registrations
    listed = Registration.objects.filter(listed=True).count()
    assert 0 < listed < 100


def test_generate_same_seed_gives_identical_fingerprint():
    _generate()
    first = dataset_fingerprint()
    assert edition_remove() is True
    assert Registration.objects.count() == 0
    _generate()
    assert dataset_fingerprint() == first


def test_generate_other_seed_gives_other_registrations():
    _generate()
    first = list(Registration.objects.order_by("queue_number").values_list("ticket_code", "mode"))
    edition_remove()
    _generate(seed=8)
    other = list(Registration.objects.order_by("queue_number").values_list("ticket_code", "mode"))
    assert other != first


def test_generate_bumps_the_registration_version_so_caches_move_on():
    _generate()
    assert PublicVersion.objects.get(scope="registration").version == 1


def test_remove_deletes_registrations_and_bumps_the_version():
    _generate()
    assert edition_remove() is True
    assert Registration.objects.count() == 0
    assert SessionSeats.objects.count() == 0
    assert RegistrationSettings.objects.count() == 0
    assert PublicVersion.objects.get(scope="registration").version == 2


@pytest.mark.parametrize(
    "path",
    [
        "/ediciones/2030-carga/registro/asistentes/",
        "/ediciones/2030-carga/registro/cifras/",
        "/ediciones/2030-carga/registro/",
        "/ediciones/2030-carga/registro/talleres/",
        "/ediciones/2030-carga/memoria/",
    ],
)
def test_registration_pages_render_with_constant_query_counts(path, count_queries):
    from django.urls import resolve

    assert resolve(path).url_name in {
        "registration_attendees",
        "registration_figures",
        "registration_start",
        "registration_sessions",
        "memoria",  # shows the attendance blocks of the registration capability
    }

    def measure() -> tuple[int, int]:
        cache.clear()
        client = Client()
        status = []
        queries = count_queries(lambda: status.append(client.get(path).status_code))
        return status[0], queries

    _generate(scale=Scale.full().scaled(0.005))
    small = measure()
    edition_remove()
    _generate(scale=Scale.full().scaled(0.02))
    assert small[0] == 200
    assert measure() == small
