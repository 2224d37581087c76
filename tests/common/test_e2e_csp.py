"""The main public and back-office pages under the Content-Security-Policy, in Chromium: any
violation the browser reports (a console error or a `securitypolicyviolation` event) fails the
test, with the page and what was blocked (issue 13.10)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model

from datacon.common.versions import CONFERENCE, public_version_bump
from datacon.consultation.models import Comment, Consultation
from datacon.demo.loader import DEMO_ORGANISER_EMAIL
from datacon.editions.models import Venue
from datacon.people.models import Organisation, Person
from datacon.policy.models import Process
from datacon.program.models import Material, Session
from tests.browser import sign_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Collected in the page itself: a violation is reported there even when nothing is logged.
LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}` +
    ` at ${event.sourceFile || ""}:${event.lineNumber}`);
});
"""


def _public_paths() -> list[str]:
    process = Process.objects.order_by("pk").first()
    consultation = Consultation.objects.filter(status="published").order_by("pk").first()
    comment = Comment.objects.filter(consultation=consultation).order_by("pk").first()
    person = Person.objects.order_by("pk").first()
    organisation = Organisation.objects.order_by("pk").first()
    assert process and consultation and comment and person and organisation
    return [
        "/",
        "/en/",
        "/ediciones/",
        "/ediciones/2021/",
        "/ediciones/2021/programa/",
        "/ediciones/2021/sesiones/S0103/",  # JSON-LD
        "/ediciones/2021/memoria/",  # SVG charts
        "/memorias/",
        f"/personas/{person.slug}/",
        f"/organizaciones/{organisation.slug}/",
        "/buscar/?q=datos",
        f"/politica/{process.slug}/",  # timeline bar
        f"/politica/{process.slug}/compromisos/",  # progress bars
        f"/politica/{process.slug}/transparencia/",
        "/consultas/",
        f"/consultas/{consultation.slug}/",  # consultation.js
        f"/consultas/{consultation.slug}/comentarios/{comment.pk}/",
        "/demanda/",  # share bars and sparklines
        "/demanda/instituciones/",
        "/demanda/temas/",
        "/datos/",  # opendata.js
        "/ediciones/2027-demo/convocatoria/",
        "/ediciones/2027-demo/registro/",
        "/privacidad/",
        "/cuentas/login/",
        "/cuentas/signup/",
    ]


def _backoffice_paths() -> list[str]:
    venue = Venue.objects.filter(edition__slug="2027-demo", is_virtual=False).first()
    assert venue is not None
    return [
        "/cuenta/",
        "/cuenta/mis-datos/",
        "/gestion/",
        "/gestion/ediciones/2027-demo/propuestas/",
        "/gestion/ediciones/2027-demo/paridad/",  # parity bars
        "/gestion/ediciones/2027-demo/programa/",  # schedule builder
        "/gestion/bandeja/",
        "/gestion/registro/2027-demo/",
        f"/gestion/registro/2027-demo/acceso/sede/{venue.pk}/",  # check-in (camera)
        "/gestion/consultas/",
        "/gestion/demanda/",
        "/gestion/demanda/importaciones/",
        "/gestion/politica/",
        "/gestion/memorias/2021/vista-previa/",
    ]


# The Django admin: superusers' repairs only.
ADMIN_PATHS = ("/admin/", "/admin/program/session/", "/admin/program/session/add/")


def _visit(page: Any, url: str, problems: list[str]) -> None:
    console: list[str] = []
    handler = lambda message: console.append(message.text)  # noqa: E731
    page.on("console", handler)
    response = page.goto(url)
    page.wait_for_load_state("load")
    page.remove_listener("console", handler)
    assert response is not None
    if response.status >= 400:
        problems.append(f"{url}: HTTP {response.status}")
    assert "Content-Security-Policy" in {name.title() for name in response.headers}, url
    events = page.evaluate("window.__csp")
    blocked = events + [text for text in console if "Content Security Policy" in text]
    problems.extend(f"{url}: {item}" for item in blocked)


def test_main_pages_report_no_csp_violation(load_demo, live_server, browser):
    load_demo(with_demo_users=True)
    context = browser.new_context(locale="es-MX", viewport={"width": 1280, "height": 900})
    context.add_init_script(LISTEN)
    page = context.new_page()
    page.set_default_timeout(30_000)
    problems: list[str] = []
    try:
        for path in _public_paths():
            _visit(page, f"{live_server.url}{path}", problems)
        organiser = get_user_model().objects.get(email=DEMO_ORGANISER_EMAIL)
        sign_in(context, live_server, organiser)
        for path in _backoffice_paths():
            _visit(page, f"{live_server.url}{path}", problems)
        sign_in(context, live_server, UserFactory(is_staff=True, is_superuser=True))
        for path in ADMIN_PATHS:
            _visit(page, f"{live_server.url}{path}", problems)
        # A video's player, embedded when the visitor asks for it (frame-src).
        session = Session.objects.get(edition__slug="2021", code="S0103")
        Material.objects.create(
            session=session, kind="video", url="https://www.youtube.com/watch?v=abcdefghijk"
        )
        public_version_bump(CONFERENCE)
        _visit(page, f"{live_server.url}/ediciones/2021/sesiones/S0103/", problems)
        page.get_by_role("button", name="Reproducir el video aquí").click()
        page.wait_for_selector("iframe[src^='https://www.youtube-nocookie.com/embed/']")
        page.wait_for_timeout(500)  # the browser checks frame-src as the frame starts loading
        problems.extend(f"video: {item}" for item in page.evaluate("window.__csp"))
    finally:
        context.close()
    assert problems == []
