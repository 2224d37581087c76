"""Redis down, hung or cut off: signed-in pages, log-in, sign-ups and check-in keep working,
limits keep counting (per process), sessions stay in the database, and nothing stale is read
once Redis is back (issue 13.6).

"Down" is a real closed port or a real socket that never answers; the tests that need a real
Redis behind a cuttable relay run where REDIS_URL is set (the PostgreSQL pass of .ci/run).
"""

from __future__ import annotations

import os
import uuid
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache, caches
from django.test import Client

from datacon.common.ratelimit import rate_limit_hit
from datacon.registration.models import Registration, SessionSignup
from tests import factories
from tests.common.redis_faults import Relay, Silent, closed_port
from tests.registration.factories import (
    attendee_user,
    published_notice,
    register,
    registration_edition,
    workshop,
)

pytestmark = pytest.mark.django_db
PASSWORD = "una-clave-larga-2024"


def _use_redis(settings: Any, port: int, *, host: str = "127.0.0.1", **options: Any) -> None:
    """Point the cache and the sessions at a Redis on that port, as settings.py does with REDIS_URL."""
    settings.CACHES = {
        "default": {
            "BACKEND": "datacon.common.redis_cache.RedisCache",
            "LOCATION": f"redis://{host}:{port}/0",
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
            "TIMEOUT": 3600,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1, **options},
        }
    }
    settings.SESSION_ENGINE = "datacon.common.sessions"


@pytest.fixture
def redis_down(settings):  # type: ignore[no-untyped-def]
    _use_redis(settings, closed_port())


def _signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_signed_in_pages_answer_with_redis_down(redis_down):
    client = _signed_in(attendee_user())
    assert client.get("/cuenta/").status_code == 200
    assert client.get("/cuenta/mis-datos/").status_code == 200


def test_log_in_and_log_out_with_redis_down(redis_down):
    user = attendee_user()
    user.set_password(PASSWORD)
    user.save()
    client = Client()
    response = client.post("/cuentas/login/", {"login": user.email, "password": PASSWORD})
    assert (response.status_code, response["Location"]) == (302, "/")
    assert client.get("/cuenta/").status_code == 200
    assert client.post("/cuentas/logout/").status_code == 302
    assert client.get("/cuenta/")["Location"].startswith("/cuentas/login/")


def test_account_sign_up_with_redis_down(redis_down):
    published_notice()
    response = Client().post(
        "/cuentas/signup/",
        {
            "email": "nueva@correo-privado.example",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "privacy_consent": "on",
        },
    )
    assert response.status_code == 302
    assert get_user_model().objects.filter(email="nueva@correo-privado.example").count() == 1


def test_workshop_sign_up_and_check_in_with_redis_down(redis_down):
    edition, (venue,) = registration_edition()
    session = workshop(edition, capacity=5)
    registration = register(edition)
    attendee = _signed_in(registration.user)
    response = attendee.post(
        f"/ediciones/{edition.slug}/registro/talleres/{session.code}/", {"action": "join"}
    )
    assert response.status_code == 302
    assert SessionSignup.objects.filter(registration=registration).count() == 1

    staff = factories.organiser_user()
    checkin = _signed_in(staff).post(
        f"/gestion/registro/{edition.slug}/acceso/sede/{venue.pk}/",
        {"code": registration.ticket_code},
        HTTP_ACCEPT="application/json",
    )
    assert (checkin.status_code, checkin.json()["kind"]) == (200, "checked_in")
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 1


def test_limits_keep_counting_in_each_process_while_redis_is_down(redis_down):
    hits = [rate_limit_hit(key="prueba", limit=2, window_seconds=60) for _ in range(3)]
    assert hits == [False, False, True]


def test_a_hung_redis_costs_one_timeout_then_the_breaker_stays_open(settings):
    silent = Silent()
    try:
        _use_redis(settings, silent.port, socket_connect_timeout=0.3, socket_timeout=0.3)
        answers = [cache.get(f"clave{n}") for n in range(20)]
        cache.set("otra", 1)
        assert answers == [None] * 20
        assert cache.get("otra") == 1  # the process's own memory meanwhile
        assert len(silent.accepted) == 1  # not one wait per call (nor redis-py's ten retries)
        assert caches["default"].available() is False
    finally:
        silent.close()


# --- with a real Redis behind a relay that can be cut ----------------------------------------

needs_redis = pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="Necesita Redis.")


@pytest.fixture
def relay(settings):  # type: ignore[no-untyped-def]
    target = urlsplit(os.environ["REDIS_URL"])
    relay = Relay(target.hostname or "127.0.0.1", target.port or 6379)
    # RETRY_AFTER 0: every call tries Redis again, so the test needs no waiting.
    _use_redis(settings, relay.port, RETRY_AFTER=0)
    yield relay
    relay.cut()


@needs_redis
def test_a_session_ended_while_redis_was_unreachable_stays_ended(relay):
    client = _signed_in(attendee_user())
    assert client.get("/cuenta/").status_code == 200  # the session is now cached in Redis
    cookie = client.cookies["sessionid"].value
    relay.cut()
    assert client.post("/cuentas/logout/").status_code == 302  # database only
    relay.restore()
    thief = Client()
    thief.cookies["sessionid"] = cookie
    # Redis still holds the session as it was; it must not be believed.
    assert thief.get("/cuenta/")["Location"].startswith("/cuentas/login/")


@needs_redis
def test_the_cache_uses_redis_again_once_it_answers(relay):
    cache.set("antes", "en Redis")
    relay.cut()
    assert cache.get("antes") is None
    cache.set("durante", "en memoria")
    assert cache.get("durante") == "en memoria"
    relay.restore()
    assert cache.get("antes") == "en Redis"
    assert cache.get("durante") is None  # written while cut: never reached Redis
    assert caches["default"].available() is True
