"""Behind a reverse proxy, limits count per visitor, not per proxy (issue 13.3).

Every request here reaches Django from 127.0.0.1, as it does behind the nginx
of docs/deployment.md; the proxy's X-Forwarded-For tells visitors apart.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from datacon.common.client_address import forwarded_client
from tests.consultation.factories import ConsultationFactory, verified_user

PROXY = "127.0.0.1"


@pytest.mark.parametrize(
    ("header", "proxies", "expected"),
    [
        ("203.0.113.7", 1, "203.0.113.7"),
        # The client may send any header it likes; our proxy appends what it saw.
        ("6.6.6.6, 203.0.113.7", 1, "203.0.113.7"),
        ("6.6.6.6, 203.0.113.7, 10.0.0.2", 2, "203.0.113.7"),
        ("203.0.113.7:51234", 1, "203.0.113.7"),
        ("[2001:db8::7]:443", 1, "2001:db8::7"),
        ("2001:db8::7", 1, "2001:db8::7"),
        ("203.0.113.7", 2, "203.0.113.7"),  # came through fewer proxies than configured
        ("not-an-address", 1, None),
        ("", 1, None),
        ("203.0.113.7", 0, None),  # no proxy trusted: the header means nothing
    ],
)
def test_forwarded_client(header, proxies, expected):
    assert forwarded_client(header, proxies) == expected


def _visitor(number: int) -> Client:
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")


@pytest.mark.django_db
def test_failed_logins_from_many_visitors_do_not_lock_out_another(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
    user = get_user_model().objects.create_user(
        username="org", email="organizadora@example.org", password="una-clave-larga-2024"
    )
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    for number in range(11):
        response = _visitor(number).post(
            "/cuentas/login/", {"login": f"nadie{number}@example.org", "password": "mala"}
        )
        assert response.status_code == 200  # wrong password, shown on the form
    legitimate = _visitor(200).post(
        "/cuentas/login/", {"login": user.email, "password": "una-clave-larga-2024"}
    )
    assert legitimate.status_code == 302


@pytest.mark.django_db
def test_one_visitor_is_still_limited_behind_the_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {"signup": "2/h/ip"}
    statuses = [
        Client(
            REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"10.9.9.{n}, 198.51.100.77"
        )  # spoofed left entries change nothing
        .post(
            "/cuentas/signup/",
            {
                "email": f"persona{n}@correo.example",
                "password1": "una-clave-larga-2024",
                "password2": "una-clave-larga-2024",
            },
        )
        .status_code
        for n in range(3)
    ]
    assert statuses[2] == 429


@pytest.mark.django_db
def test_sign_ups_from_many_visitors_are_not_one_site_wide_limit(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {"signup": "2/h/ip"}
    statuses = [
        _visitor(n)
        .post(
            "/cuentas/signup/",
            {
                "email": f"persona{n}@correo.example",
                "password1": "una-clave-larga-2024",
                "password2": "una-clave-larga-2024",
            },
        )
        .status_code
        for n in range(5)
    ]
    assert 429 not in statuses


@pytest.mark.django_db
def test_citizens_joining_a_consultation_are_counted_one_by_one(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.CONSULTATION_RATE_LIMITS = {"join_ip": (1, 3600)}
    consultation = ConsultationFactory()
    url = f"/consultas/{consultation.slug}/participar/"
    statuses = []
    for number in range(3):
        client = _visitor(number)
        client.force_login(verified_user())
        statuses.append(client.post(url, {"accept_rules": "on"}).status_code)
    assert statuses == [302, 302, 302]
