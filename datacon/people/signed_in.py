"""The signed-in account behind a request, typed (views behind `signed_in_route` or
`rule_route`, where the account is always there)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest


def account_of(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):  # the route's declaration sends anonymous visitors away
        raise TypeError("account_of() needs a signed-in request")
    return user
