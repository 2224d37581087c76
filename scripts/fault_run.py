#!/usr/bin/env python3
"""Fault run: workshop sign-ups through a real nginx while things break underneath.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x .venv/bin/python scripts/fault_run.py

Behind nginx (from Debian; installed with apt-get when missing and run as root;
its configuration is written into a temporary folder and it listens on a free
loopback port), gunicorn runs `deploy/gunicorn.conf.py` with several workers,
on its own PostgreSQL database (`datacon_fault` on the server of DATABASE_URL)
and its own Redis (a `redis-server` on a free port, so stopping it disturbs
nobody else). Then, each time with a fresh group of signed-in attendees
signing up at once for one workshop with fewer seats than people:

1. a gunicorn worker is killed with `kill -9` (twice) while they sign up;
2. PostgreSQL restarts (`pg_ctlcluster --skip-systemctl-redirect <version>
   <cluster> restart`) while they sign up;
3. Redis is stopped: they view their pages and sign up, someone logs in through
   the form, staff check people in, someone creates an account; then Redis
   starts again and the site must use it again by itself.

Clients behave as people do: a 502/503 or a dropped connection is retried (a
second click is harmless: signing up is idempotent). After each phase the
database is checked and the script prints, and asserts: seats oversold 0,
confirmed writes lost 0 (everyone told "you have a seat"/"you are on the
waiting list" is in the database with that status), half-written records 0
(every sign-up has its audit entry and its e-mail in the outbox; queue numbers
unique), 5xx for signed-in users with Redis down 0, 500s during the database
restart 0 (503 allowed), and recovery without manual action (every client got
its answer, /healthz and signed-in pages answer afterwards).

It also checks issue 13.3 through the proxy: 11 failed logins from 11 client
addresses (127.0.0.2, 127.0.0.3…; nginx sets X-Forwarded-For and
TRUSTED_PROXY_COUNT=1) do not lock out a 12th client, and one address that
fails 11 times is still limited.

Every service it stops is started again, whatever happens. `--pg-cluster`
(or FAULT_RUN_PG_CLUSTER) names the cluster to restart, `<version>/<name>`;
by default the only version in /etc/postgresql and `main`, as .ci/run uses.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from _fault_records import (
    EMAIL_DOMAIN,
    PASSWORD,
    Setup,
    database_ensure,
    django_setup,
    records_create,
    records_remove,
)
from _fault_support import (
    HOST,
    CheckFailed,
    Services,
    Visitor,
    csrf_token,
    expect,
    free_port,
    messages_in,
    nginx_ensure,
    ok,
    redis_key_count,
    redis_ping,
    say,
    wait_until,
)

RETRYABLE = {0, 502, 503, 504}


# --- one phase: everyone signs up at once while `fault` runs -----------------------------------


@dataclass
class Outcome:
    user_id: int
    answer: str = ""  # confirmed / waiting / already / the error shown, "" if none by the deadline
    statuses: Counter[int] = field(default_factory=Counter)


def sign_up(visitor: Visitor, setup: Setup, code: str, outcome: Outcome, deadline: float) -> None:
    page_url = f"/ediciones/{setup.edition}/registro/talleres/"
    action_url = f"/ediciones/{setup.edition}/registro/talleres/{code}/"
    while time.monotonic() < deadline:
        page = visitor.get(page_url)
        if page.status != 200:
            time.sleep(0.3)
            continue
        answer = visitor.post(
            action_url,
            {"csrfmiddlewaretoken": csrf_token(page.text), "action": "join"},
            Referer=f"http://{HOST}:{visitor.port}{page_url}",
        )
        if answer.status in RETRYABLE:
            time.sleep(min(float(answer.headers.get("retry-after", "0.3")), 0.5))
            continue
        if answer.status != 302:
            outcome.answer = f"HTTP {answer.status}"
            return
        while time.monotonic() < deadline:  # the message waits in its cookie until shown
            landing = visitor.get(answer.headers["location"])
            if landing.status == 200:
                break
            time.sleep(0.3)
        shown = " ".join(messages_in(landing.text))
        if "Tiene lugar en" in shown:
            outcome.answer = "confirmed"
        elif "lista de espera" in shown:
            outcome.answer = "waiting"
        elif "Ya estaba inscrito" in shown:
            outcome.answer = "already"
        else:
            outcome.answer = shown or "sin mensaje"
        return


@dataclass
class PhaseResult:
    name: str
    clients: int
    seats: int
    confirmed: int
    waiting: int
    oversold: int
    lost: int
    half_written: int
    unanswered: int
    statuses: Counter[int]
    seconds: float
    notes: list[str] = field(default_factory=list)

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)


def run_phase(
    name: str,
    phase: str,
    setup: Setup,
    port: int,
    fault: Callable[[Callable[[], int]], list[str]],
    *,
    budget: float = 60,
) -> PhaseResult:
    session_id, code, seats = setup.workshops[phase]
    outcomes = [Outcome(user_id) for user_id, _cookie in setup.attendees[phase]]
    visitors = [
        Visitor(port, cookies={"sessionid": cookie}) for _id, cookie in setup.attendees[phase]
    ]
    deadline = time.monotonic() + budget
    started = time.monotonic()
    threads = [
        threading.Thread(
            target=sign_up, args=(visitor, setup, code, outcome, deadline), daemon=True
        )
        for visitor, outcome in zip(visitors, outcomes, strict=True)
    ]
    for thread in threads:
        thread.start()
    notes = fault(lambda: sum(sum(v.statuses.values()) for v in visitors))
    for thread in threads:
        thread.join(timeout=max(deadline - time.monotonic(), 0) + 5)
    seconds = time.monotonic() - started
    statuses: Counter[int] = Counter()
    for visitor in visitors:
        statuses.update(visitor.statuses)
    confirmed, waiting, oversold, lost, half = verify(session_id, seats, outcomes)
    unanswered = sum(
        1 for outcome in outcomes if outcome.answer not in ("confirmed", "waiting", "already")
    )
    odd = Counter(o.answer for o in outcomes if o.answer not in ("confirmed", "waiting", "already"))
    notes += [f"respuesta inesperada «{answer}» ×{n}" for answer, n in odd.items()]
    return PhaseResult(
        name,
        len(outcomes),
        seats,
        confirmed,
        waiting,
        oversold,
        lost,
        half,
        unanswered,
        statuses,
        seconds,
        notes,
    )


def verify(session_id: int, seats: int, outcomes: list[Outcome]) -> tuple[int, int, int, int, int]:
    """(confirmed, waiting, oversold, lost, half-written) from the database itself."""
    from django.db import connections
    from django.db.models import Count

    from datacon.common.models import AuditEntry, OutboundEmail
    from datacon.registration.models import SessionSignup

    connections.close_all()  # PostgreSQL may have restarted under this process too
    signups = list(
        SessionSignup.objects.filter(session_id=session_id).select_related("registration")
    )
    active = {s.registration.user_id: s for s in signups if s.status in ("confirmed", "waiting")}
    confirmed = sum(1 for s in active.values() if s.status == "confirmed")
    waiting = sum(1 for s in active.values() if s.status == "waiting")
    lost = 0
    for outcome in outcomes:
        held = active.get(outcome.user_id)
        if (outcome.answer in ("confirmed", "waiting", "already") and held is None) or (
            outcome.answer in ("confirmed", "waiting")
            and held is not None
            and held.status != outcome.answer
        ):
            lost += 1
    ids = [str(s.pk) for s in signups]
    audited = set(
        AuditEntry.objects.filter(
            action="signup.create", object_type="registration.sessionsignup", object_id__in=ids
        ).values_list("object_id", flat=True)
    )
    mailed = set(
        OutboundEmail.objects.filter(
            related_type="registration.sessionsignup", related_id__in=ids
        ).values_list("related_id", flat=True)
    )
    half = sum(1 for pk in ids if pk not in audited or pk not in mailed)
    half += (
        SessionSignup.objects.filter(session_id=session_id)
        .values("queue_number")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count()
    )
    connections.close_all()
    return confirmed, waiting, max(confirmed - seats, 0), lost, half


# --- the faults ------------------------------------------------------------------------------------


def after_responses(count: Callable[[], int], at_least: int, seconds: float = 20) -> None:
    """Wait until the clients have had some answers: the fault then hits requests in flight."""
    deadline = time.monotonic() + seconds
    while count() < at_least and time.monotonic() < deadline:
        time.sleep(0.01)


def kill_workers(services: Services) -> Callable[[Callable[[], int]], list[str]]:
    def fault(count: Callable[[], int]) -> list[str]:
        notes = []
        for round_, threshold in enumerate((4, 30), start=1):
            after_responses(count, threshold)
            workers = services.workers()
            expect(bool(workers), "No se encontraron workers de gunicorn")
            os.kill(workers[0], signal.SIGKILL)
            notes.append(f"kill -9 al worker {workers[0]} (vez {round_})")
            time.sleep(0.3)
        return notes

    return fault


def restart_postgres(services: Services) -> Callable[[Callable[[], int]], list[str]]:
    def fault(count: Callable[[], int]) -> list[str]:
        after_responses(count, 6)
        started = time.monotonic()
        services.postgres("restart")
        return [f"PostgreSQL reiniciado en {time.monotonic() - started:.1f} s"]

    return fault


# --- the checks ---------------------------------------------------------------------------------------


def signed_in_ok(port: int, cookie: str) -> bool:
    return Visitor(port, cookies={"sessionid": cookie}).get("/cuenta/").status == 200


def redis_phase(services: Services, setup: Setup, port: int) -> PhaseResult:
    """Redis stopped for the whole phase: pages, sign-ups, log-in, check-in, account sign-up."""
    services.redis_stop()
    expect(not redis_ping(services.redis_port), "Redis sigue respondiendo")
    extra: Counter[int] = Counter()
    notes = ["Redis detenido"]

    def fault(count: Callable[[], int]) -> list[str]:
        # Meanwhile: signed-in pages, a log-in through the form, check-in, a new account.
        for _user_id, cookie in setup.attendees["redis"]:
            viewer = Visitor(port, cookies={"sessionid": cookie})
            for path in ("/cuenta/", f"/ediciones/{setup.edition}/registro/"):
                viewer.get(path)
            extra.update(viewer.statuses)
        person = Visitor(port)
        form = person.get("/cuentas/login/")
        signed = person.post(
            "/cuentas/login/",
            {
                "csrfmiddlewaretoken": csrf_token(form.text),
                "login": setup.login_email,
                "password": PASSWORD,
            },
        )
        expect(
            signed.status == 302,
            f"Con Redis detenido, el inicio de sesión respondió {signed.status}",
        )
        expect(
            person.get("/cuenta/").status == 200,
            "Con Redis detenido, la cuenta no abrió tras entrar",
        )
        extra.update(person.statuses)
        staff = Visitor(port, cookies={"sessionid": setup.staff_cookie})
        checkin = f"/gestion/registro/{setup.edition}/acceso/sede/{setup.venue}/"
        screen = staff.get(checkin)
        expect(
            screen.status == 200,
            f"Con Redis detenido, el registro de entrada respondió {screen.status}",
        )
        for ticket in setup.tickets:
            done = staff.post(
                checkin,
                {"csrfmiddlewaretoken": csrf_token(screen.text), "code": ticket},
                Accept="application/json",
            )
            expect(
                done.status == 200 and '"checked_in"' in done.text,
                f"Con Redis detenido, el registro de entrada de {ticket} respondió {done.status}",
            )
        extra.update(staff.statuses)
        newcomer = Visitor(port)
        form = newcomer.get("/cuentas/signup/")
        created = newcomer.post(
            "/cuentas/signup/",
            {
                "csrfmiddlewaretoken": csrf_token(form.text),
                "email": f"nueva@{EMAIL_DOMAIN}",
                "password1": PASSWORD,
                "password2": PASSWORD,
                "privacy_consent": "on",
            },
        )
        expect(
            created.status == 302,
            f"Con Redis detenido, crear una cuenta respondió {created.status}",
        )
        return [
            f"{len(setup.attendees['redis']) * 2} páginas con sesión, 1 inicio de sesión, "
            f"{len(setup.tickets)} registros de entrada y 1 cuenta nueva con Redis detenido"
        ]

    result = run_phase("Redis detenido", "redis", setup, port, fault)
    result.statuses.update(extra)
    result.notes = notes + result.notes
    # Redis comes back: the site must use it again by itself (the breaker retries every 5 s).
    services.redis_start()
    before = redis_key_count(services.redis_port)
    cookies = [cookie for _id, cookie in setup.attendees["redis"]]

    def redis_used_again() -> bool:
        for cookie in cookies[:5]:
            if not signed_in_ok(port, cookie):
                raise CheckFailed("Una página con sesión falló tras volver Redis")
        return redis_key_count(services.redis_port) > before

    waited = wait_until(redis_used_again, 20, "El sitio no volvió a usar Redis tras reiniciarlo")
    result.notes.append(
        f"Redis arrancado de nuevo: el sitio lo usa otra vez a los {waited:.1f} s, sin intervención"
    )
    return result


LIMITED = "Demasiados intentos fallidos"  # allauth's message on the log-in form (es)


def proxy_address_checks(port: int, email: str) -> list[str]:
    """Issue 13.3 through nginx: per-visitor log-in limits, not per proxy."""

    def failed_login(visitor: Visitor, number: int) -> str:
        form = visitor.get("/cuentas/login/")
        expect(form.status == 200, f"La página de entrada respondió {form.status}")
        answer = visitor.post(
            "/cuentas/login/",
            {
                "csrfmiddlewaretoken": csrf_token(form.text),
                "login": f"nadie{number}@{EMAIL_DOMAIN}",
                "password": "mala",
            },
        )
        expect(answer.status in (200, 429), f"Un inicio fallido respondió {answer.status}")
        return "limitado" if answer.status == 429 or LIMITED in answer.text else "rechazado"

    many = [failed_login(Visitor(port, source=f"127.0.0.{n}"), n) for n in range(2, 13)]
    expect(many == ["rechazado"] * 11, f"Once inicios fallidos de once direcciones: {many}")
    legitimate = Visitor(port, source="127.0.0.13")
    form = legitimate.get("/cuentas/login/")
    signed = legitimate.post(
        "/cuentas/login/",
        {"csrfmiddlewaretoken": csrf_token(form.text), "login": email, "password": PASSWORD},
    )
    expect(signed.status == 302, f"El cliente 12 no pudo entrar ({signed.status}): bloqueo general")
    stubborn = Visitor(port, source="127.0.0.14")
    tries = [failed_login(stubborn, 100 + n) for n in range(11)]
    expect(
        tries == ["rechazado"] * 10 + ["limitado"],
        f"Una sola dirección con 11 intentos fallidos no quedó limitada: {tries}",
    )
    return [
        "11 inicios fallidos desde 11 direcciones (127.0.0.2–12): ninguno limitado",
        "el cliente 12 (127.0.0.13) entra con su clave: 302",
        "una sola dirección (127.0.0.14) con 11 intentos fallidos: el 11.º queda limitado",
    ]


def report(results: list[PhaseResult]) -> None:
    print()
    print(
        f"{'fase':<28}{'clientes':>9}{'lugares':>8}{'confirm.':>9}{'espera':>7}{'sobreventa':>11}"
        f"{'perdidas':>9}{'a medias':>9}{'sin resp.':>10}  respuestas HTTP"
    )
    for r in results:
        answers = ", ".join(f"{status or 'corte'}×{n}" for status, n in sorted(r.statuses.items()))
        print(
            f"{r.name:<28}{r.clients:>9}{r.seats:>8}{r.confirmed:>9}{r.waiting:>7}{r.oversold:>11}"
            f"{r.lost:>9}{r.half_written:>9}{r.unanswered:>10}  {answers}  ({r.seconds:.1f} s)"
        )
        for note in r.notes:
            print(f"{'':<28}· {note}")
    print()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pg-cluster", default=os.environ.get("FAULT_RUN_PG_CLUSTER", ""))
    parser.add_argument("--database", default="datacon_fault")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--clients", type=int, default=16, help="personas por fase")
    parser.add_argument("--seats", type=int, default=6, help="lugares del taller de cada fase")
    args = parser.parse_args()
    database = os.environ.get("DATABASE_URL", "")
    if not database.startswith("postgres"):
        print(
            "Se necesita DATABASE_URL de PostgreSQL (se usa su servidor, con la base propia "
            f"{args.database}).",
            file=sys.stderr,
        )
        return 2
    if args.pg_cluster:
        version, _, cluster = args.pg_cluster.partition("/")
    else:
        version, cluster = sorted(p.name for p in Path("/etc/postgresql").iterdir())[-1], "main"
    database = database.rsplit("/", 1)[0] + f"/{args.database}"
    started = time.monotonic()
    results: list[PhaseResult] = []
    django_ready = False
    with tempfile.TemporaryDirectory(prefix="datacon-fallas-") as temporary:
        tmp = Path(temporary)
        services = Services(tmp, (version, cluster))
        app_port, proxy_port = free_port(), free_port()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "datacon.settings",
            "DATACON_ENV": "demo",  # plain HTTP on loopback; production would require HTTPS cookies
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": f"{HOST},localhost",
            "DATABASE_URL": database,
            "REDIS_URL": f"redis://{HOST}:{services.redis_port}/0",
            "TRUSTED_PROXY_COUNT": "1",
            "MEDIA_ROOT": str(tmp / "media"),
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "DATACON_RELEASE": "fault-run",
            "LOG_LEVEL": "ERROR",
        }
        try:
            nginx = nginx_ensure()
            say(
                f"Base propia {args.database} en {database.rsplit('@', 1)[-1].rsplit('/', 1)[0]}; "
                f"Redis propio en :{services.redis_port}; clúster de PostgreSQL {version}/{cluster}"
            )
            services.redis_start()
            database_ensure(database)
            django_setup(env)
            django_ready = True
            setup = records_create(args.clients, args.seats)
            services.gunicorn_start(app_port, args.workers, env)
            services.nginx_start(nginx, proxy_port, app_port)
            probe = Visitor(proxy_port)
            wait_until(
                lambda: probe.get("/healthz").status == 200, 90, "nginx + gunicorn no respondieron"
            )
            say(
                f"nginx en :{proxy_port} → gunicorn en :{app_port} con {args.workers} workers; "
                f"{args.clients} personas por fase, talleres de {args.seats} lugares"
            )

            say("1. Inscripciones simultáneas mientras se mata un worker con kill -9")
            results.append(
                run_phase("kill -9 de un worker", "kill", setup, proxy_port, kill_workers(services))
            )
            wait_until(
                lambda: len(services.workers()) == args.workers, 30, "gunicorn no repuso el worker"
            )

            say("2. Inscripciones simultáneas mientras PostgreSQL se reinicia")
            results.append(
                run_phase(
                    "reinicio de PostgreSQL",
                    "postgres",
                    setup,
                    proxy_port,
                    restart_postgres(services),
                )
            )
            wait_until(
                lambda: probe.get("/healthz").status == 200,
                30,
                "/healthz no volvió tras el reinicio",
            )

            say("3. Con Redis detenido (y arrancado de nuevo después)")
            results.append(redis_phase(services, setup, proxy_port))

            say("4. Límites por visitante detrás de nginx (issue 13.3)")
            proxy_notes = proxy_address_checks(proxy_port, setup.login_email)
            for note in proxy_notes:
                ok(note)
            report(results)
            for r in results:
                expect(r.oversold == 0, f"{r.name}: {r.oversold} lugares vendidos de más")
                expect(r.lost == 0, f"{r.name}: {r.lost} escrituras confirmadas perdidas")
                expect(r.half_written == 0, f"{r.name}: {r.half_written} registros a medias")
                expect(
                    r.unanswered == 0,
                    f"{r.name}: {r.unanswered} personas sin respuesta (no se recuperó solo)",
                )
            redis = results[2]
            expect(
                redis.server_errors == 0,
                f"Con Redis detenido hubo {redis.server_errors} respuestas 5xx",
            )
            expect(
                results[1].statuses[500] == 0,
                f"Durante el reinicio de PostgreSQL hubo {results[1].statuses[500]} errores 500",
            )
            for r in results[:2]:
                expect(r.statuses[500] == 0, f"{r.name}: {r.statuses[500]} errores 500")
            expect(
                all(signed_in_ok(proxy_port, c) for _i, c in setup.attendees["kill"][:3]),
                "Tras la prueba, las páginas con sesión no responden",
            )
        except CheckFailed as failure:
            if results:
                report(results)
            print(f"\n✗ Falló la prueba de fallas: {failure}", file=sys.stderr)
            for name in ("gunicorn", "nginx-error", "redis"):
                log = tmp / f"{name}.log"
                if log.exists() and log.read_text().strip():
                    print(f"--- {name} ---\n{log.read_text()[-3000:]}", file=sys.stderr)
            return 1
        finally:
            services.restore()
            try:
                if django_ready:
                    records_remove()
            except Exception as error:  # the database may be what failed: say so, keep going
                print(f"    (no se pudieron borrar los datos de prueba: {error})", file=sys.stderr)
    say(
        f"Prueba de fallas superada en {time.monotonic() - started:.0f} s: "
        "0 lugares de más, 0 escrituras perdidas, 0 registros a medias, 0 errores 500."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
