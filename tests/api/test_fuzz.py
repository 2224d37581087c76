"""Fuzzing the public API and the public GET forms: no input answers a server error.

Every query parameter the OpenAPI document declares for a list, and the
filters of the public search and program pages, get values Hypothesis draws
(empty, huge, negative, non-numeric, control characters, any Unicode). The
answer is a 200 or a 4xx that says what is wrong, never a 5xx; JSON endpoints
answer JSON.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

ODD_TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", "0", "-1", "99999999999999999999", "1e9", "NaN", "null", "%00", "'\""]),
    st.integers(min_value=-(2**63), max_value=2**63).map(str),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=31), max_size=5),
)
FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _list_parameters() -> list[tuple[str, list[str]]]:
    spec = json.loads(Client().get("/api/v1/openapi.json").content)
    found = []
    for path, operations in sorted(spec["paths"].items()):
        if "{" in path or "get" not in operations:
            continue
        names = [p["name"] for p in operations["get"].get("parameters", []) if p["in"] == "query"]
        found.append((path, names))
    return found


def _clean(value: str) -> str:
    return value.replace("\x00", "")  # the test client cannot send a NUL in a URL


def test_every_list_of_the_api_answers_odd_query_values_without_a_server_error() -> None:
    lists = _list_parameters()
    assert len(lists) >= 30
    client = Client()
    failures: list[str] = []

    @FUZZ
    @given(data=st.data())
    def one_round(data: Any) -> None:
        path, names = data.draw(st.sampled_from(lists))
        query = {name: _clean(data.draw(ODD_TEXT)) for name in names}
        response = client.get(path, query)
        if response.status_code >= 500 or not response["Content-Type"].startswith(
            "application/json"
        ):
            failures.append(f"{path} {query}: {response.status_code}")

    for _ in range(4):
        one_round()
    assert failures == []


@FUZZ
@given(query=ODD_TEXT, kind=ODD_TEXT, page=ODD_TEXT)
def test_the_search_page_answers_any_query(query: str, kind: str, page: str) -> None:
    response = Client().get(
        "/buscar/", {"q": _clean(query), "tipo": _clean(kind), "pagina": _clean(page)}
    )
    assert response.status_code in (200, 400, 404)


@FUZZ
@given(kind=ODD_TEXT, day=ODD_TEXT, venue=ODD_TEXT)
def test_program_filters_answer_any_value(kind: str, day: str, venue: str) -> None:
    from tests.factories import EditionFactory

    edition = EditionFactory(year=2021)
    response = Client().get(
        f"/ediciones/{edition.slug}/programa/",
        {"tipo": _clean(kind), "dia": _clean(day), "sede": _clean(venue)},
    )
    assert response.status_code in (200, 400, 404)
