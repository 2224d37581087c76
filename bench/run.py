#!/usr/bin/env python3
"""Load test of DATACON's public pages and exports, end to end, in one command.

    python3 bench/run.py                      # PostgreSQL + Redis, then SQLite
    python3 bench/run.py --db postgres        # one database only
    python3 bench/run.py --duration 5 --only program --only session
    python3 bench/run.py --profile            # also profile each cold render (pyinstrument)

For each database it: installs wrk (Debian package) if missing, creates the
database (PostgreSQL `datacon_h7_bench` by default, or a SQLite file), migrates,
loads the real demo editions and generates the large fictional edition
(1,000 sessions, 3,000 people, 800 organisations...), collects static files,
starts gunicorn with 2 workers with production settings (DEBUG off,
DATACON_ENV=production, Redis for the PostgreSQL run), and a second identical
gunicorn serving the bare "ceiling" view. Then, for every target in
bench/targets.py whose URL exists on this build:

* cold: the server's render time with every cache emptied first (median of
  --cold-samples requests carrying `X-Bench-Cold: 1`; see bench/middleware.py),
  and the number of SQL queries;
* warm: `wrk -t2 -c16 -d10s --latency`: requests per second, p50 and p99;
* ceiling: the same wrk run against a bare Django view returning a body of the
  same size on the same settings, and the page's share of it;
* memory: the largest resident size of a gunicorn worker during the load.

It prints one table per database and writes it to bench/out/results-<db>.md.
Only the Python standard library is used here; Django runs in .venv.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import http.client
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

from _bootstrap import BIN, PYTHON, ensure_venv, say  # noqa: E402

from bench.targets import TARGETS, Target  # noqa: E402

OUT = ROOT / "bench" / "out"
HOST = "127.0.0.1"
BENCH_SECRET = "bench-only-secret-key-" + "b" * 40  # never used outside the bench
NOT_YET = "no disponible todavía"


# --- small helpers ----------------------------------------------------------------------


def run(
    *args: str | Path, env: dict[str, str] | None = None, capture: bool = False, quiet: bool = False
) -> str:
    completed = subprocess.run(
        [str(a) for a in args],
        cwd=ROOT,
        env=env,
        check=False,
        text=True,
        capture_output=capture or quiet,
    )
    if completed.returncode != 0:
        if capture or quiet:
            sys.stderr.write(completed.stdout or "")
            sys.stderr.write(completed.stderr or "")
        sys.exit(f"Falló: {' '.join(str(a) for a in args)} (código {completed.returncode})")
    return completed.stdout if capture else ""


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        say("Instalando wrk (paquete de Debian)")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        run("apt-get", "update", "-qq", env=env, quiet=True)
        run("apt-get", "install", "-y", "-qq", "wrk", env=env, quiet=True)
        found = shutil.which("wrk")
        if found:
            return found
    sys.exit(
        "Falta wrk, el generador de carga. Instálelo con «sudo apt-get install wrk» "
        "(o ejecute este script como root) y vuelva a intentarlo."
    )


def ensure_services(*, postgres: bool, redis: bool) -> None:
    """Start the local PostgreSQL cluster and Redis if they are stopped (as .ci/run does)."""
    if postgres and not _answers(["pg_isready", "-q", "-h", HOST]):
        clusters = (
            sorted(Path("/etc/postgresql").glob("*")) if Path("/etc/postgresql").exists() else []
        )
        if not clusters or not shutil.which("pg_ctlcluster"):
            sys.exit(
                "PostgreSQL no responde en 127.0.0.1:5432 y no hay un clúster local que arrancar "
                "(o use --db sqlite)."
            )
        say("Arrancando PostgreSQL")
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", clusters[-1].name, "main", "start"],
            check=False,
        )
        _wait_for(["pg_isready", "-q", "-h", HOST])
    if redis and not _answers(["redis-cli", "-h", HOST, "ping"]):
        if not shutil.which("redis-server"):
            sys.exit("Redis no responde en 127.0.0.1:6379 y redis-server no está instalado.")
        say("Arrancando Redis")
        subprocess.run(
            ["redis-server", "--daemonize", "yes", "--bind", HOST, "--port", "6379", "--save", ""],
            check=False,
            capture_output=True,
        )
        _wait_for(["redis-cli", "-h", HOST, "ping"])


def _answers(command: list[str]) -> bool:
    if not shutil.which(command[0]):
        return False
    return subprocess.run(command, check=False, capture_output=True).returncode == 0


def _wait_for(command: list[str]) -> None:
    for _ in range(30):
        if _answers(command):
            return
        time.sleep(1)
    sys.exit(f"El servicio no respondió a tiempo: {' '.join(command)}")


def get(
    port: int, path: str, headers: dict[str, str] | None = None, timeout: float = 60
) -> tuple[int, dict[str, str], bytes, float]:
    """One HTTP GET; returns status, headers, body and the wall time in ms."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    started = time.perf_counter()
    try:
        connection.request("GET", path, headers={"Host": HOST, **(headers or {})})
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    elapsed = (time.perf_counter() - started) * 1000
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body, elapsed


def server_ms(headers: dict[str, str], metric: str = "app") -> float | None:
    match = re.search(rf"\b{metric};dur=([\d.]+)", headers.get("server-timing", ""))
    return float(match.group(1)) if match else None


# --- servers ----------------------------------------------------------------------------


@dataclass
class Server:
    port: int
    process: subprocess.Popen
    log: Path

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        if children.exists():
            return [int(pid) for pid in children.read_text().split()]
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, IndexError, ValueError):
                if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == self.process.pid:
                    pids.append(int(stat.parent.name))
        return pids

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def rss_mb(pid: int) -> float:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def start_server(port: int, env: dict[str, str], name: str, workers: int) -> Server:
    log = OUT / f"gunicorn-{name}.log"
    handle = log.open("w")
    process = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "-c",
            str(ROOT / "deploy" / "gunicorn.conf.py"),
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(workers),
            "datacon.wsgi:application",
        ],
        cwd=ROOT,
        env=env,
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    server = Server(port=port, process=process, log=log)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn ({name}) terminó al arrancar; vea {log}")
        with contextlib.suppress(OSError):
            if get(port, "/healthz", timeout=5)[0] == 200:
                return server
        time.sleep(0.3)
    server.stop()
    sys.exit(f"gunicorn ({name}) no respondió en el puerto {port}; vea {log}")


# --- wrk -----------------------------------------------------------------------------------


@dataclass
class WrkResult:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int  # non-2xx/3xx answers: the server said something went wrong
    timeouts: int = 0  # no answer within wrk's 2 s: a stalled worker, not an error page


def _ms(value: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value)
    if not match:
        return float("nan")
    number, unit = float(match.group(1)), match.group(2)
    return number * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def parse_wrk(output: str) -> WrkResult:
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    timeouts = re.search(r"Socket errors:.*?timeout (\d+)", output)
    return WrkResult(
        rps=rps,
        p50_ms=_ms(p50.group(1)) if p50 else float("nan"),
        p99_ms=_ms(p99.group(1)) if p99 else float("nan"),
        errors=int(non_2xx.group(1)) if non_2xx else 0,
        timeouts=int(timeouts.group(1)) if timeouts else 0,
    )


def wrk(
    wrk_path: str,
    port: int,
    path: str,
    args: argparse.Namespace,
    seconds: int,
    watch: Server | None = None,
) -> tuple[WrkResult, float]:
    """Run wrk; while it runs, sample the RSS of `watch`'s workers. Returns (result, max MB)."""
    peak = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            if watch is not None:
                for pid in watch.worker_pids():
                    peak = max(peak, rss_mb(pid))
            done.wait(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        output = run(
            wrk_path,
            f"-t{args.threads}",
            f"-c{args.connections}",
            f"-d{seconds}s",
            "--latency",
            f"http://{HOST}:{port}{path}",
            capture=True,
        )
    finally:
        done.set()
        sampler.join()
    return parse_wrk(output), peak


# --- one database ------------------------------------------------------------------------------


@dataclass
class Row:
    target: Target
    path: str | None
    size: int = 0
    queries: int | None = None
    cold_median_ms: float | None = None
    cold_max_ms: float | None = None
    cold_client_ms: float | None = None
    cold_cpu_ms: float | None = None
    warm: WrkResult | None = None
    ceiling: WrkResult | None = None
    peak_rss_mb: float = 0.0
    error: str = ""

    @property
    def share(self) -> float | None:
        if self.warm and self.ceiling and self.ceiling.rps:
            return self.warm.rps / self.ceiling.rps
        return None

    def judge(self) -> str:
        if self.path is None:
            return NOT_YET
        if self.error:
            return f"error: {self.error}"
        goal = self.target.goal
        misses = []
        cold = self.cold_median_ms
        if goal.cold_ms is not None and cold is not None and cold >= goal.cold_ms:
            misses.append(f"frío +{cold - goal.cold_ms:.0f} ms")
        if goal.share is not None and self.share is not None and self.share < goal.share:
            misses.append(f"techo −{(goal.share - self.share) * 100:.0f} pts")
        if goal.p99_ms is not None and self.warm is not None and self.warm.p99_ms >= goal.p99_ms:
            misses.append(f"p99 +{self.warm.p99_ms - goal.p99_ms:.1f} ms")
        if self.warm is not None and self.warm.errors:
            misses.append(f"{self.warm.errors} respuestas con error")
        if self.warm is not None and self.warm.timeouts:
            misses.append(f"{self.warm.timeouts} sin respuesta en 2 s")
        return "cumple" if not misses else "NO cumple (" + ", ".join(misses) + ")"


def database_env(db: str, args: argparse.Namespace) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "REDIS_URL", "DATABASE_URL", "DATACON_ENV"}
    }
    if db == "postgres":
        env["DATABASE_URL"] = args.pg_url
        env["REDIS_URL"] = args.redis_url
    else:
        env["DATABASE_URL"] = f"sqlite:///{OUT / 'bench.sqlite3'}"
    env["STATIC_ROOT"] = str(OUT / "static")
    env["MEDIA_ROOT"] = str(OUT / "media")
    env["PYTHONPATH"] = str(ROOT)
    return env


def prepare_data(db: str, env: dict[str, str], args: argparse.Namespace) -> str:
    """A fresh database with the demo editions and the large edition; returns the data fingerprint."""
    demo_env = {**env, "DATACON_ENV": "demo"}
    if db == "postgres":
        name = args.pg_url.rsplit("/", 1)[1]
        admin_url = args.pg_url.rsplit("/", 1)[0] + "/postgres"
        say(f"PostgreSQL: base de datos nueva «{name}»")
        run(
            PYTHON,
            "-c",
            "import sys, psycopg\n"
            "with psycopg.connect(sys.argv[1], autocommit=True) as c:\n"
            "    c.execute(f'DROP DATABASE IF EXISTS \"{sys.argv[2]}\" WITH (FORCE)')\n"
            "    c.execute(f'CREATE DATABASE \"{sys.argv[2]}\"')\n",
            admin_url,
            name,
            env=demo_env,
        )
    else:
        for suffix in ("", "-wal", "-shm"):
            (OUT / f"bench.sqlite3{suffix}").unlink(missing_ok=True)
        say("SQLite: archivo nuevo bench/out/bench.sqlite3")
    say("Migrando")
    run(PYTHON, "manage.py", "migrate", "--noinput", "-v0", env=demo_env)
    say("Cargando las ediciones reales de demostración")
    run(PYTHON, "manage.py", "load_demo", "--no-demo-users", env=demo_env, quiet=True)
    say(f"Generando la edición grande (semilla {args.seed}, escala {args.scale:g})")
    output = run(
        PYTHON,
        "manage.py",
        "generate_large_dataset",
        "--seed",
        str(args.seed),
        "--scale",
        str(args.scale),
        "--fingerprint",
        env=demo_env,
        capture=True,
    )
    print(output.rstrip())
    say("Índice de búsqueda (como tras un despliegue)")
    run(PYTHON, "manage.py", "search_rebuild", env=demo_env, quiet=True)
    match = re.search(r"Huella: (\w+)", output)
    return match.group(1) if match else "?"


def measure_database(db: str, args: argparse.Namespace, wrk_path: str) -> Path:
    env = database_env(db, args)
    load_before = os.getloadavg()
    fingerprint = prepare_data(db, env, args)
    server_env = {
        **env,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATACON_ENV": "production",
        "SECRET_KEY": BENCH_SECRET,
        "DEBUG": "false",
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "DATACON_RELEASE": "bench",
        "LOG_LEVEL": "ERROR",
        "GUNICORN_LOG_LEVEL": "warning",
    }
    say("collectstatic (comprimidos y con nombre con huella)")
    run(PYTHON, "manage.py", "collectstatic", "--noinput", "-v0", env=server_env)
    resolved = json.loads(run(PYTHON, "-m", "bench.resolve", env=server_env, capture=True))

    say(f"gunicorn: aplicación en :{args.port}, techo en :{args.ceiling_port}")
    app = start_server(args.port, server_env, f"{db}-app", args.workers)
    ceiling = None
    rows: list[Row] = []
    peak_rss = 0.0
    try:
        ceiling = start_server(args.ceiling_port, server_env, f"{db}-ceiling", args.workers)
        selected = [t for t in TARGETS if not args.only or t.key in args.only]
        for target in selected:
            row = Row(target=target, path=resolved.get(target.key))
            rows.append(row)
            if row.path is None:
                say(f"{target.label}: {NOT_YET}")
                continue
            say(f"{target.label}: {row.path}")
            measure_target(row, app, ceiling, args, wrk_path)
            peak_rss = max(peak_rss, row.peak_rss_mb)
    finally:
        app.stop()
        if ceiling is not None:
            ceiling.stop()
    load_after = os.getloadavg()
    table = render_table(db, rows, peak_rss)
    header = render_header(db, args, fingerprint, load_before, load_after, server_env)
    OUT.mkdir(parents=True, exist_ok=True)
    result = OUT / f"results-{db}.md"
    result.write_text(header + "\n\n" + table + "\n")
    print()
    print(header + "\n")
    print(table)
    if args.profile:
        say("Perfiles de cada página en frío (pyinstrument)")
        run(
            PYTHON,
            "-m",
            "bench.profile",
            db,
            *[f"{row.target.key}={row.path}" for row in rows if row.path],
            env={**server_env, "DATACON_ENV": "demo", "SECRET_KEY": BENCH_SECRET},
        )
    return result


def measure_target(
    row: Row, app: Server, ceiling: Server, args: argparse.Namespace, wrk_path: str
) -> None:
    assert row.path is not None
    status, _headers, body, _elapsed = get(app.port, row.path)
    if status != 200:
        row.error = f"HTTP {status}"
        return
    row.size = len(body)
    # Warm the processes (imports, compiled templates, connections) before timing.
    for _ in range(2 * args.workers):
        get(app.port, row.path)
    server_times, client_times, cpu_times, queries = [], [], [], []
    for _ in range(args.cold_samples):
        status, headers, _body, elapsed = get(app.port, row.path, {"X-Bench-Cold": "1"})
        if status != 200:
            row.error = f"HTTP {status} en frío"
            return
        measured, cpu = server_ms(headers), server_ms(headers, "cpu")
        if measured is not None:
            server_times.append(measured)
        if cpu is not None:
            cpu_times.append(cpu)
        client_times.append(elapsed)
        queries.append(int(headers.get("x-bench-queries", "0")))
    row.cold_median_ms = statistics.median(server_times) if server_times else None
    row.cold_max_ms = max(server_times) if server_times else None
    row.cold_client_ms = statistics.median(client_times)
    row.cold_cpu_ms = statistics.median(cpu_times) if cpu_times else None
    row.queries = max(queries) if queries else None
    for _ in range(2 * args.workers):  # fill the cache of every worker
        get(app.port, row.path)
    # Page and ceiling alternate in short rounds, so a burst of load from another
    # process on the machine weighs on both figures alike.
    seconds = max(1, round(args.duration / args.rounds))
    warm_runs, ceiling_runs = [], []
    for _ in range(args.rounds):
        result, peak = wrk(wrk_path, app.port, row.path, args, seconds, watch=app)
        warm_runs.append(result)
        row.peak_rss_mb = max(row.peak_rss_mb, peak)
        ceiling_path = f"/__bench__/ceiling/{row.size}/"
        ceiling_runs.append(wrk(wrk_path, ceiling.port, ceiling_path, args, seconds)[0])
    row.warm, row.ceiling = combine(warm_runs), combine(ceiling_runs)


def combine(runs: list[WrkResult]) -> WrkResult:
    """Mean rate; median of each round's percentiles (robust to one disturbed round)."""
    return WrkResult(
        rps=statistics.fmean(run.rps for run in runs),
        p50_ms=statistics.median(run.p50_ms for run in runs),
        p99_ms=statistics.median(run.p99_ms for run in runs),
        errors=sum(run.errors for run in runs),
        timeouts=sum(run.timeouts for run in runs),
    )


# --- output ------------------------------------------------------------------------------------


def _f(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def render_table(db: str, rows: list[Row], peak_rss: float) -> str:
    lines = [
        "| Página | Bytes | Consultas | Frío: servidor mediana / máx (ms) | Frío: CPU del worker (ms) | Cálido req/s | p50 (ms) | p99 (ms) | Techo req/s | Techo p99 (ms) | % del techo | Objetivo | Resultado |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for row in rows:
        if row.path is None or row.error:
            lines.append(
                f"| {row.target.label} | | | | | | | | | | | {row.target.goal.describe()} | {row.judge()} |"
            )
            continue
        warm, ceiling = row.warm, row.ceiling
        lines.append(
            "| "
            + " | ".join(
                [
                    row.target.label,
                    f"{row.size:,}",
                    str(row.queries) if row.queries is not None else "—",
                    f"{_f(row.cold_median_ms)} / {_f(row.cold_max_ms)}",
                    _f(row.cold_cpu_ms),
                    _f(warm.rps if warm else None, 0),
                    _f(warm.p50_ms if warm else None, 2),
                    _f(warm.p99_ms if warm else None, 2),
                    _f(ceiling.rps if ceiling else None, 0),
                    _f(ceiling.p99_ms if ceiling else None, 2),
                    "—" if row.share is None else f"{row.share:.0%}",
                    row.target.goal.describe(),
                    row.judge(),
                ]
            )
            + " |"
        )
    verdict = "cumple" if peak_rss < 300 else f"NO cumple (+{peak_rss - 300:.0f} MB)"
    lines.append("")
    lines.append(
        f"Memoria máxima de un worker de gunicorn bajo carga ({db}): **{peak_rss:.0f} MB** "
        f"(objetivo < 300 MB: {verdict})."
    )
    return "\n".join(lines)


def _versions(env: dict[str, str]) -> str:
    code = (
        "import django, sys\n"
        "from django.db import connection\n"
        "django.setup()\n"
        "parts = [f'Python {sys.version.split()[0]}', f'Django {django.get_version()}']\n"
        "if connection.vendor == 'postgresql':\n"
        "    version = connection.pg_version\n"
        "    parts.append(f'PostgreSQL {version // 10000}.{version % 10000}')\n"
        "else:\n"
        "    import sqlite3\n"
        "    parts.append(f'SQLite {sqlite3.sqlite_version}')\n"
        "from django.conf import settings\n"
        "if settings.REDIS_URL:\n"
        "    import redis\n"
        "    parts.append('Redis ' + redis.Redis.from_url(settings.REDIS_URL).info()['redis_version'])\n"
        "print(', '.join(parts))\n"
    )
    with contextlib.suppress(SystemExit):
        return run(PYTHON, "-c", code, env=env, capture=True).strip()
    return "?"


def _cpu() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "?"


def _memory_gb() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.0f} GB"
    return "?"


def render_header(
    db: str,
    args: argparse.Namespace,
    fingerprint: str,
    load_before: tuple[float, float, float],
    load_after: tuple[float, float, float],
    env: dict[str, str],
) -> str:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    title = "PostgreSQL + Redis" if db == "postgres" else "SQLite + caché en memoria local"
    return "\n".join(
        [
            f"## Resultados: {title}",
            "",
            f"- Fecha: {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; commit {commit or '?'}",
            f"- Máquina: {_cpu()}, {os.cpu_count()} núcleos, {_memory_gb()} de memoria; "
            f"carga media antes {load_before[0]:.2f} y después {load_after[0]:.2f}",
            f"- Software: {_versions(env)}",
            f"- gunicorn: {args.workers} workers (deploy/gunicorn.conf.py), "
            f"DEBUG apagado, DATACON_ENV=production",
            f"- Carga: wrk -t{args.threads} -c{args.connections} --latency, {args.duration} s por "
            f"página en {args.rounds} rondas alternadas con su techo (req/s: media; p50 y p99: "
            "mediana de las rondas); "
            f"frío = mediana de {args.cold_samples} peticiones con las cachés vaciadas "
            "(tiempo de reloj medido en el servidor y CPU del hilo que la generó, "
            "cabecera Server-Timing)",
            f"- Datos: semilla {args.seed}, escala {args.scale:g}; huella {fingerprint[:16]}",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", action="append", choices=["postgres", "sqlite"])
    parser.add_argument("--duration", type=int, default=10, help="segundos de cada corrida de wrk")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="hilos de wrk")
    parser.add_argument("--workers", type=int, default=2, help="workers de gunicorn")
    parser.add_argument("--cold-samples", type=int, default=5)
    parser.add_argument(
        "--rounds", type=int, default=3, help="rondas alternadas página/techo en --duration"
    )
    parser.add_argument("--seed", type=int, default=2030)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument(
        "--pg-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/datacon_h7_bench"
        ),
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")
    )
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8107")))
    parser.add_argument(
        "--ceiling-port", type=int, default=int(os.environ.get("BENCH_CEILING_PORT", "8127"))
    )
    parser.add_argument("--only", action="append", help="clave de un objetivo (bench/targets.py)")
    parser.add_argument("--profile", action="store_true", help="perfil de cada página en frío")
    args = parser.parse_args()
    databases = args.db or ["postgres", "sqlite"]

    ensure_venv("bench")
    wrk_path = ensure_wrk()
    OUT.mkdir(parents=True, exist_ok=True)
    ensure_services(postgres="postgres" in databases, redis="postgres" in databases)
    written = [measure_database(db, args, wrk_path) for db in databases]
    print()
    for path in written:
        say(f"Tabla escrita en {path.relative_to(ROOT)}")


@contextlib.contextmanager
def _interrupts_stop_servers() -> Iterator[None]:
    # Ctrl-C reaches gunicorn through its own session only via Server.stop(), which
    # the finally blocks above run; this only turns the traceback into a message.
    try:
        yield
    except KeyboardInterrupt:
        sys.exit("Interrumpido.")


if __name__ == "__main__":
    with _interrupts_stop_servers():
        main()
