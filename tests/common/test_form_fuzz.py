"""Every public form, sent odd input drawn by Hypothesis, as the people who use it.

The forms are found the way people find them: by following the site's links as an
anonymous visitor, a citizen, a proposer and an attendee of the demo (the back
office and the admin are out of scope: staff forms are covered by their own
tests). Each form gets values drawn for each of its fields (empty, huge, negative,
non-numeric, impossible dates, markup, control characters, any Unicode, options
that do not exist, files that are not what they claim) and is sent as a POST
inside a savepoint that is rolled back, so every form meets the same world.

What must hold (issue 13): no answer is a server error, and a rejected input (a
POST answered with the page again instead of a redirect) says what to fix and
shows again everything the person typed.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.common.route_urls import route_name
from tests.common.test_route_matrix import world  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db

STARTS = {
    "anonymous": ["/", "/cuentas/signup/", "/ediciones/2027-demo/", "/consultas/", "/demanda/"],
    "citizen": ["/cuenta/", "/consultas/", "/demanda/", "/ediciones/2027-demo/", "/privacidad/"],
    "proposer": ["/cuenta/", "/cuenta/propuestas/", "/cuenta/participaciones/"],
    "attendee": ["/cuenta/", "/ediciones/2027-demo/registro/talleres/", "/cuenta/constancias/"],
}
PAGES_PER_ROLE = 150
OUT_OF_SCOPE = ("/gestion/", "/admin/", "/api/", "/en/", "/cuentas/logout", "/static/", "/media/")
DOWNLOADS = (".pdf", ".zip", ".csv", ".json", ".xml", ".ics", ".ttl", ".jsonld", ".xlsx")
EXAMPLES_PER_FORM = 6
TEXT_TYPES = {"text", "email", "url", "number", "date", "datetime-local", "time", "tel",
              "search", "password", "textarea", "month", "week", "color", "range"}  # fmt: skip

ODD_TEXT = st.one_of(
    st.sampled_from(
        ["", " ", "0", "-1", "-99999999999", "99999999999999999999", "1e309", "NaN", "null",
         "2024-02-30", "31/12/2024", "25:99", "<script>alert(1)</script>", "Ñandú ‮ 💡",
         "'; DROP TABLE x; --", "x" * 5000, "http://", "a@", "../../etc/passwd"]
    ),
    st.text(max_size=60),
    st.integers(min_value=-(2**63), max_value=2**64).map(str),
)  # fmt: skip


@dataclass
class Form:
    page: str
    action: str
    fields: list[dict[str, Any]] = field(default_factory=list)


class _Forms(HTMLParser):
    """POST forms of a page with their fields; links to follow."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.page = page
        self.forms: list[Form] = []
        self.links: list[str] = []
        self._form: Form | None = None
        self._select: dict[str, Any] | None = None
        self._textarea: dict[str, Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form" and a.get("method", "get").lower() == "post":
            self._form = Form(page=self.page, action=a.get("action") or self.page)
            self.forms.append(self._form)
        elif tag == "option" and self._select is not None:
            self._select["options"].append(a.get("value", ""))
        elif self._form is None or not a.get("name") or "disabled" in a:
            return
        elif tag == "input":
            kind = a.get("type", "text").lower()
            self._form.fields.append(
                {"name": a["name"], "type": kind, "value": a.get("value", ""),
                 "checked": "checked" in a}
            )  # fmt: skip
        elif tag == "button" and a.get("type", "submit") == "submit":
            self._form.fields.append(
                {"name": a["name"], "type": "submit", "value": a.get("value", "")}
            )
        elif tag == "select":
            self._select = {"name": a["name"], "type": "select", "options": [],
                            "multiple": "multiple" in a}  # fmt: skip
            self._form.fields.append(self._select)
        elif tag == "textarea":
            self._textarea = {"name": a["name"], "type": "textarea", "value": ""}
            self._form.fields.append(self._textarea)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea["value"] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _client(user: Any) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def _forms_of(client: Client, starts: list[str]) -> Iterator[Form]:
    """Breadth-first over the public site; each form once per action's route."""
    queue, seen, visits = deque(starts), set(starts), dict[str, int]()
    budget = PAGES_PER_ROLE
    actions: set[str] = set()
    while queue and budget > 0:
        path = queue.popleft()
        name = route_name(path)
        if name is None or visits.get(name, 0) >= 2:
            continue
        visits[name] = visits.get(name, 0) + 1
        budget -= 1
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = _Forms(path)
        parser.feed(response.content.decode("utf-8", "replace"))
        for form in parser.forms:
            action_route = route_name(urlsplit(form.action).path) or form.action
            if action_route not in actions and not form.action.startswith(OUT_OF_SCOPE):
                actions.add(action_route)
                yield form
        for link in parser.links:
            parts = urlsplit(link)
            target = parts.path
            if parts.netloc or not target.startswith("/") or target in seen:
                continue
            if target.startswith(OUT_OF_SCOPE) or target.endswith(DOWNLOADS):
                continue
            seen.add(target)
            queue.append(target)


def _draw_data(draw: Any, form: Form) -> tuple[dict[str, Any], dict[str, str]]:
    """The POST data, and the typed values a rejected answer must show again (none when
    a hidden field was changed: a person types in fields, not in the page's mechanism)."""
    data: dict[str, Any] = {}
    typed: dict[str, str] = {}
    tampered = False
    for spec in form.fields:
        name, kind = spec["name"], spec["type"]
        if kind in ("hidden", "submit"):
            keep = draw(st.booleans()) or name == "csrfmiddlewaretoken"
            data[name] = spec["value"] if keep else draw(ODD_TEXT)
            tampered = tampered or not keep
        elif kind in ("checkbox", "radio"):
            if draw(st.booleans()):
                data.setdefault(name, []).append(spec["value"] or "on")
        elif kind == "select":
            choices = spec["options"] + ["999999", "no-existe", ""]
            data[name] = draw(st.sampled_from(choices))
        elif kind == "file":
            content = draw(st.binary(max_size=64))
            data[name] = SimpleUploadedFile("documento.pdf", content, "application/pdf")
        elif kind in TEXT_TYPES or kind not in ("image", "reset", "button"):
            value = draw(ODD_TEXT).replace("\x00", "")
            data[name] = value
            if kind != "password" and value.strip() and value.isprintable() and len(value) < 2000:
                typed[name] = value
    return data, ({} if tampered else typed)


def _post_and_forget(client: Client, action: str, data: dict[str, Any]) -> Any:
    """One POST in a savepoint rolled back afterwards: every case meets the same world."""
    atomic = transaction.atomic()
    atomic.__enter__()
    atomic._from_testcase = True  # type: ignore[attr-defined]  # lets durable blocks nest
    try:
        return client.post(action, data)
    finally:
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


def _fuzz(client: Client, role: str, form: Form, problems: list[str]) -> int:
    """Hypothesis' cases for one form; the number sent."""
    sent = 0

    @settings(
        max_examples=EXAMPLES_PER_FORM,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.data())
    def one_case(drawn: Any) -> None:
        nonlocal sent
        data, typed = _draw_data(drawn.draw, form)
        response = _post_and_forget(client, form.action, data)
        sent += 1
        where = f"{role} {form.action} (desde {form.page})"
        if response.status_code >= 500:
            problems.append(f"{where}: {response.status_code} con {sorted(data)}")
            return
        if response.status_code not in (200, 400, 422) or response.streaming:
            return  # accepted (a redirect), refused (403) or gone (404)
        text = response.content.decode("utf-8", "replace")
        if "errorlist" not in text and 'role="alert"' not in text:
            problems.append(f"{where}: rechazado sin decir qué corregir")
        lost = sorted(name for name, value in typed.items() if escape(value) not in text)
        if lost:
            problems.append(f"{where}: se perdió lo escrito en {', '.join(lost)}")

    one_case()
    return sent


@pytest.mark.parametrize("role", sorted(STARTS))
def test_public_forms_answer_odd_input_without_losing_it(role, world, django_db_blocker):  # type: ignore[no-untyped-def]  # noqa: F811
    client = _client(world["users"][role])
    problems: list[str] = []
    with django_db_blocker.unblock():
        forms = list(_forms_of(client, STARTS[role]))
        sent = sum(_fuzz(client, role, form, problems) for form in forms)
    assert sorted(set(problems)) == [], "\n".join(sorted(set(problems)))
    assert len(forms) >= 2
    # Hypothesis stops early on a form with few fields, when it has tried every case.
    assert sent >= 2 * len(forms)
