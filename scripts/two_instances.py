#!/usr/bin/env python3
"""Two app servers, one PostgreSQL, one Redis: proof that the app is stateless.

    DATABASE_URL=postgres://... REDIS_URL=redis://... .venv/bin/python scripts/two_instances.py

Starts two gunicorn instances (ports 8107 and 8117 by default; --ports A,B or
TWO_INSTANCES_PORTS) with the same settings, database, Redis and uploads
folder, as a load balancer would see them, and checks that:

1. a superuser signs in on A through the admin login form (with its CSRF token)
   and the session cookie A set is accepted by B (the admin is for superusers'
   repairs; it is the one form here that writes a session and uploads a file);
2. a session title changed through A's admin is on B's public page at once,
   with a new ETag (B answers 200, not 304, to the old one);
3. a form fetched from A (its CSRF token) posts successfully to B, and A shows
   that change at once;
4. a file uploaded through A (a material of the session) is served by B.

It creates a clearly fictional edition and a superuser account for the check,
removes them at the end, stops both servers, and exits non-zero with a message
in Spanish at the first failure. .ci/run calls it after the PostgreSQL pass.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
EDITION_YEAR = 2098
ORGANISER = "dos-instancias@datacon.test"
PDF = b"%PDF-1.4\n% DATACON: prueba de dos servidores (archivo ficticio)\n%%EOF\n"


class CheckFailed(Exception):
    pass


def say(message: str) -> None:
    print(f"\033[1m==> {message}\033[0m", flush=True)


def ok(message: str) -> None:
    print(f"    ✓ {message}", flush=True)


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


# --- HTTP with explicit cookies (a load balancer sends the same cookies to both) ----------


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    cookies: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


@dataclass
class Browser:
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self,
        port: int,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        connection = http.client.HTTPConnection(HOST, port, timeout=60)
        sent = {"Host": f"{HOST}:{port}", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            connection.request(method, path, body=body, headers=sent)
            raw = connection.getresponse()
            content = raw.read()
            set_cookies = raw.headers.get_all("Set-Cookie") or []
            received = {}
            for cookie in set_cookies:
                name, _, rest = cookie.partition("=")
                received[name.strip()] = rest.split(";", 1)[0]
            self.cookies.update({k: v for k, v in received.items() if v and v != '""'})
            return Response(
                status=raw.status,
                headers={k.lower(): v for k, v in raw.getheaders()},
                cookies=received,
                body=content,
            )
        finally:
            connection.close()

    def get(self, port: int, path: str, headers: dict[str, str] | None = None) -> Response:
        return self.request(port, "GET", path, headers=headers)

    def post_form(self, port: int, path: str, fields: dict[str, str]) -> Response:
        return self.request(
            port,
            "POST",
            path,
            body=urlencode(fields).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )

    def post_multipart(
        self, port: int, path: str, fields: dict[str, str], files: dict[str, tuple[str, bytes]]
    ) -> Response:
        boundary = f"datacon-{uuid.uuid4().hex}"
        parts: list[bytes] = []
        for name, value in fields.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
                + value.encode()
                + b"\r\n"
            )
        for name, (filename, content) in files.items():
            parts.append(
                f"--{boundary}\r\nContent-Disposition: form-data; "
                f'name="{name}"; filename="{filename}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n".encode()
                + content
                + b"\r\n"
            )
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request(
            port,
            "POST",
            path,
            body=b"".join(parts),
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )


def form_fields(html: str, form_id: str) -> dict[str, str]:
    import lxml.html

    form = lxml.html.fromstring(html).get_element_by_id(form_id)
    return dict(form.form_values())


# --- setup and cleanup through Django (in this process, before the servers start) -----------


def database_ensure(url: str) -> None:
    """Create the database named in DATABASE_URL if it does not exist yet (CI starts empty)."""
    import psycopg
    from psycopg import sql

    base, _, name = url.rpartition("/")
    name = name.split("?", 1)[0]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def django_setup(env: dict[str, str]) -> None:
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "datacon.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def records_remove() -> None:
    from django.contrib.auth import get_user_model
    from django.db import connections

    from datacon.common.versions import CONFERENCE, public_version_bump
    from datacon.editions.models import Edition
    from datacon.program.models import Session

    edition = Edition.objects.filter(year=EDITION_YEAR).first()
    if edition is not None:
        Session.objects.filter(edition=edition).delete()
        organiser = edition.organiser
        edition.delete()
        if organiser is not None and not organiser.organised_editions.exists():
            organiser.delete()
        public_version_bump(CONFERENCE)
    get_user_model().objects.filter(username=ORGANISER).delete()
    connections.close_all()


def records_create(password: str) -> tuple[int, str, str]:
    """A fictional published edition with one session, and an organiser account."""
    import datetime as dt

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connections

    from datacon.backoffice.roles import ORGANISERS, roles_ensure
    from datacon.common.actor import Actor
    from datacon.editions.services import edition_create
    from datacon.people.services import organisation_create
    from datacon.program.publication import schedule_publish
    from datacon.program.services import session_create

    call_command("migrate", "--noinput", verbosity=0)
    records_remove()
    roles_ensure()
    user = get_user_model().objects.create_user(
        username=ORGANISER, email=ORGANISER, password=password, is_staff=True, is_superuser=True
    )
    user.groups.add(Group.objects.get(name=ORGANISERS))
    system = Actor.system("prueba de dos servidores (scripts/two_instances.py)")
    organiser = organisation_create(
        name="Comité ficticio de la prueba de dos servidores", kind="civil_society", actor=system
    )
    edition = edition_create(
        number=EDITION_YEAR,
        year=EDITION_YEAR,
        title=f"DATACON {EDITION_YEAR} · prueba de dos servidores (ficticia)",
        mode="virtual",
        start_date=dt.date(EDITION_YEAR, 5, 11),
        end_date=dt.date(EDITION_YEAR, 5, 11),
        status="published",
        organiser=organiser,
        actor=system,
    )
    session = session_create(
        edition=edition,
        title="Título inicial de la prueba",
        session_type=edition.session_types.get(slug="panel"),
        starts_at=dt.datetime(EDITION_YEAR, 5, 11, 10, tzinfo=edition.tz),
        ends_at=dt.datetime(EDITION_YEAR, 5, 11, 11, tzinfo=edition.tz),
        actor=system,
    )
    # The public program is the last published version: publish it, as an organiser would.
    schedule_publish(edition=edition, actor=system)
    session.refresh_from_db()
    connections.close_all()
    return session.pk, edition.slug, session.code


# --- servers -------------------------------------------------------------------------------


def start(port: int, env: dict[str, str], log_dir: Path) -> subprocess.Popen:
    log = (log_dir / f"gunicorn-{port}.log").open("w")
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "-c",
            str(ROOT / "deploy" / "gunicorn.conf.py"),
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            "1",
            "--threads",
            "2",
            "datacon.wsgi:application",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise CheckFailed(
                f"gunicorn en el puerto {port} terminó al arrancar:\n"
                + (log_dir / f"gunicorn-{port}.log").read_text()[-3000:]
            )
        try:
            if Browser().get(port, "/healthz").status == 200:
                return process
        except OSError:
            pass
        time.sleep(0.3)
    raise CheckFailed(f"gunicorn no respondió en el puerto {port}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# --- the checks -------------------------------------------------------------------------------


def checks(a: int, b: int, password: str, session_id: int, edition: str, code: str) -> None:
    public = f"/ediciones/{edition}/sesiones/{code}/"
    change = f"/admin/program/session/{session_id}/change/"
    anonymous = Browser()
    first = anonymous.get(b, public)
    expect(first.status == 200, f"B no muestra la sesión pública ({first.status})")
    expect("Título inicial de la prueba" in first.text, "B no muestra el título inicial")
    old_etag = first.headers.get("etag", "")
    expect(bool(old_etag), "La página pública no tiene ETag")

    say(f"1. Inicio de sesión en A (:{a}) con el formulario del admin; la cookie sirve en B (:{b})")
    organiser = Browser()
    login_page = organiser.get(a, "/admin/login/?next=/admin/")
    expect(login_page.status == 200, f"A no muestra el formulario de entrada ({login_page.status})")
    fields = form_fields(login_page.text, "login-form")
    fields.update(username=ORGANISER, password=password)
    signed_in = organiser.post_form(a, "/admin/login/?next=/admin/", fields)
    expect(
        signed_in.status == 302 and "sessionid" in organiser.cookies,
        f"A no aceptó el inicio de sesión ({signed_in.status})",
    )
    on_b = organiser.get(b, "/admin/")
    expect(
        on_b.status == 200 and "Reparaciones de registros" in on_b.text,
        f"B no reconoce la sesión iniciada en A ({on_b.status})",
    )
    ok("la sesión iniciada en A es válida en B")

    say("2. Un cambio hecho en A se ve en B en la siguiente petición")
    form = organiser.get(a, change)
    expect(form.status == 200, f"A no muestra el formulario de la sesión ({form.status})")
    fields = form_fields(form.text, "session_form")
    fields["title"] = "Título cambiado en A"
    saved = organiser.post_form(a, change, fields)
    expect(saved.status == 302, f"A no guardó el cambio ({saved.status}): {_errors(saved.text)}")
    revalidated = anonymous.get(b, public, {"If-None-Match": old_etag})
    expect(revalidated.status == 200, "B respondió 304 con el ETag viejo: datos obsoletos")
    expect("Título cambiado en A" in revalidated.text, "B sigue mostrando el título viejo")
    expect(revalidated.headers.get("etag") != old_etag, "B no cambió el ETag")
    program = anonymous.get(b, f"/ediciones/{edition}/programa/")
    expect("Título cambiado en A" in program.text, "El programa en B sigue con el título viejo")
    ok("B muestra el cambio al instante, con ETag nuevo (página de la sesión y programa)")

    say("3. Un formulario obtenido en A (con su token CSRF) se envía a B")
    form = organiser.get(a, change)
    fields = form_fields(form.text, "session_form")
    fields["title"] = "Título enviado a B"
    saved = organiser.post_form(b, change, fields)
    expect(
        saved.status == 302,
        f"B rechazó el formulario de A ({saved.status}): {_errors(saved.text)}",
    )
    on_a = anonymous.get(a, public)
    expect("Título enviado a B" in on_a.text, "A no muestra el cambio enviado a B")
    ok("B aceptó el formulario de A y A ya muestra el cambio")

    say("4. Un archivo subido en A se descarga desde B")
    form = organiser.get(a, change)
    fields = form_fields(form.text, "session_form")
    index = fields["materials-TOTAL_FORMS"]
    for name, value in list(fields.items()):
        if name.startswith("materials-__prefix__-"):
            fields[name.replace("__prefix__", index)] = value
    fields = {k: v for k, v in fields.items() if "__prefix__" not in k}
    fields.update(
        {
            "materials-TOTAL_FORMS": str(int(index) + 1),
            f"materials-{index}-kind": "document",
            f"materials-{index}-title": "Documento de la prueba",
            f"materials-{index}-licence": "CC-BY-4.0",
            f"materials-{index}-language": "es",
            f"materials-{index}-order": "1",
        }
    )
    saved = organiser.post_multipart(
        a, change, fields, {f"materials-{index}-file": ("dos-instancias.pdf", PDF)}
    )
    expect(saved.status == 302, f"A no guardó el archivo ({saved.status}): {_errors(saved.text)}")
    page = anonymous.get(b, public)
    links = re.findall(r'href="(/media/[^"]+\.pdf)"', page.text)
    expect(bool(links), "La página en B no enlaza el archivo subido en A")
    download = anonymous.get(b, links[0])
    expect(download.status == 200, f"B no sirve el archivo subido en A ({download.status})")
    expect(download.body == PDF, "B sirvió un archivo distinto del subido en A")
    ok(f"B sirve {links[0]} tal como se subió en A")


def _errors(html: str) -> str:
    found = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', html, re.DOTALL)
    return re.sub(r"<[^>]+>", " ", " ".join(found))[:500] or "(sin mensaje)"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--ports",
        default=os.environ.get("TWO_INSTANCES_PORTS", "8107,8117"),
        help="puertos de las dos instancias, separados por coma",
    )
    args = parser.parse_args()
    a, b = (int(port) for port in args.ports.split(","))
    database, redis = os.environ.get("DATABASE_URL", ""), os.environ.get("REDIS_URL", "")
    if not database.startswith("postgres") or not redis.startswith("redis"):
        print(
            "Se necesitan DATABASE_URL (PostgreSQL) y REDIS_URL: las dos instancias deben "
            "compartir la misma base de datos y el mismo Redis.",
            file=sys.stderr,
        )
        return 2

    with tempfile.TemporaryDirectory(prefix="datacon-dos-instancias-") as temporary:
        shared = Path(temporary)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "datacon.settings",
            "DATACON_ENV": "demo",  # plain HTTP here; production would require HTTPS cookies
            "DEBUG": "false",
            # Every instance of one deployment shares these three, and nothing else.
            "SECRET_KEY": secrets.token_urlsafe(50),
            "MEDIA_ROOT": str(shared / "media"),
            "ALLOWED_HOSTS": f"{HOST},localhost",
            "DATACON_RELEASE": "two-instances",
            "LOG_LEVEL": "ERROR",
        }
        password = secrets.token_urlsafe(16)
        say(f"Preparando datos de prueba en {database.rsplit('@', 1)[-1]} con Redis {redis}")
        database_ensure(database)
        django_setup(env)
        session_id, edition, code = records_create(password)
        servers: list[subprocess.Popen] = []
        try:
            servers = [start(a, env, shared), start(b, env, shared)]
            say(f"Dos instancias de gunicorn: A en :{a}, B en :{b}")
            checks(a, b, password, session_id, edition, code)
        except CheckFailed as failure:
            print(f"\n✗ Falló la prueba de dos instancias: {failure}", file=sys.stderr)
            for port in (a, b):
                log = shared / f"gunicorn-{port}.log"
                if log.exists() and log.read_text().strip():
                    print(f"--- gunicorn :{port} ---\n{log.read_text()[-2000:]}", file=sys.stderr)
            return 1
        finally:
            for server in servers:
                stop(server)
            records_remove()
    say("Las dos instancias comparten sesiones, formularios, datos y archivos: todo correcto.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
