"""A web application on another origin reads the open data with fetch() in Chromium
(issue 14.1): exports, the API, the catalogue and calendars answer with CORS, the first
time and from the cache; pages that are not open data stay unreadable from elsewhere."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

APP = """<!doctype html><html lang="es"><meta charset="utf-8"><title>Otra aplicación</title>
<h1>Una aplicación en otro origen</h1></html>""".encode()

READ = """async (url) => {
  try {
    const response = await fetch(url);
    return {status: response.status, body: await response.text(),
            etag: response.headers.get("ETag")};
  } catch (error) {
    return {error: String(error)};
  }
}"""


class _App(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(APP)

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def other_origin() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _App)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_a_page_on_another_origin_reads_exports_with_fetch(live_server, page, other_origin):  # type: ignore[no-untyped-def]
    edition = factories.EditionFactory(status="published")
    session = factories.SessionFactory(edition=edition, title="Datos de agua")
    base = live_server.url  # http://localhost:PORT: another host and port than the app
    assert base.split("//")[1].split(":")[0] != "127.0.0.1"
    page.goto(other_origin)
    assert page.locator("h1").inner_text() == "Una aplicación en otro origen"
    readable = {
        f"/ediciones/{edition.slug}/datos/conferencia/sesiones.csv": "Datos de agua",
        "/datos/conferencia/sesiones.json": "Datos de agua",
        "/api/v1/sessions/": "Datos de agua",
        "/api/v1/": "endpoints",
        "/datos/catalogo.jsonld": "dcat:Catalog",
        f"/ediciones/{edition.slug}/schedule.json": "Datos de agua",
        f"/ediciones/{edition.slug}/sesiones/{session.code}/calendario.ics": "BEGIN:VCALENDAR",
    }
    for path, expected in readable.items():
        for attempt in ("first", "cached"):
            result = page.evaluate(READ, base + path)
            assert result.get("status") == 200, (path, attempt, result)
            assert expected in result["body"], (path, attempt)
    # Not open data: the browser refuses to hand the answer to the other origin.
    for path in (f"/ediciones/{edition.slug}/programa/", "/cuenta/"):
        result = page.evaluate(READ, base + path)
        assert "error" in result, (path, result)
