#!/usr/bin/env python3
"""Benchmark of the demand capability: import and analyse a million synthetic requests.

    .venv/bin/python bench/demand.py                       # 1,000,000 rows on PostgreSQL
    .venv/bin/python bench/demand.py --rows 200000         # a quicker run
    .venv/bin/python bench/demand.py --database-url postgres://postgres@127.0.0.1:5432/datacon_bench_demand

Targets (the 2-core machine): first import under 60 s, topics and near-duplicates
under 5 minutes, never above 1.5 GB of memory. Each phase runs in its own
process (`manage.py import_pnt_requests`, `manage.py analyse_pnt_requests`), so
its wall time, CPU time and peak resident memory (getrusage of the child) are
measured exactly as an operator would run it. The synthetic export is
generated once with a fixed seed and cached in bench/out/.

The database must be a dedicated one (its name must contain "bench"): the
demand tables are emptied before the first import. The table is printed and
written to bench/out/demand.txt.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PYTHON = sys.executable
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/datacon_bench_demand"
MB = 1024 * 1024


@dataclass
class Phase:
    name: str
    wall: float
    cpu: float
    peak_mb: float
    target_seconds: float | None = None
    target_mb: float | None = 1536.0
    output: str = ""

    @property
    def ok(self) -> bool:
        within_time = self.target_seconds is None or self.wall <= self.target_seconds
        within_memory = self.target_mb is None or self.peak_mb <= self.target_mb
        return within_time and within_memory


def run_phase(name: str, args: list[str], env: dict[str, str], **targets: float | None) -> Phase:
    """Run one manage.py command in a child process and measure it."""
    started = time.monotonic()
    child = subprocess.Popen(
        [PYTHON, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output = child.stdout.read() if child.stdout else ""
    _pid, status, usage = os.wait4(child.pid, 0)
    wall = time.monotonic() - started
    if os.waitstatus_to_exitcode(status) != 0:
        print(output)
        sys.exit(f"La fase «{name}» falló.")
    return Phase(
        name=name,
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        peak_mb=usage.ru_maxrss / 1024,  # kilobytes on Linux
        output=output,
        **targets,  # type: ignore[arg-type]
    )


def ensure_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[-1]
    if "bench" not in name:
        sys.exit(f"Use una base de datos dedicada cuyo nombre contenga «bench» (no {name}).")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def reset_demand_tables(env: dict[str, str]) -> None:
    script = (
        "from django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    c.execute('TRUNCATE demand_informationrequest, demand_monthlydemand, "
        "demand_datasetcandidate, demand_repeatedquestion, demand_requesttopic, "
        "demand_analysisrun, demand_importrun, demand_institutionalias, "
        "demand_informationneed_holders, demand_institution CASCADE')\n"
        "    c.execute('VACUUM ANALYZE demand_informationrequest')\n"
    )
    subprocess.run([PYTHON, str(ROOT / "manage.py"), "shell", "-c", script], env=env, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE)
    )
    options = parser.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DATABASE_URL": options.database_url,
        "DJANGO_SETTINGS_MODULE": "datacon.settings",
    }
    env.pop("REDIS_URL", None)
    ensure_database(options.database_url)
    subprocess.run([PYTHON, str(ROOT / "manage.py"), "migrate", "-v0"], env=env, check=True)

    export = OUT / f"pnt-{options.rows}-seed{options.seed}.csv"
    phases: list[Phase] = []
    if not export.exists():
        phases.append(
            run_phase(
                "generar el archivo sintético",
                [
                    "generate_pnt_sample",
                    str(options.rows),
                    str(export),
                    "--semilla",
                    str(options.seed),
                ],
                env,
                target_seconds=None,
                target_mb=None,
            )
        )
    reset_demand_tables(env)
    import_target = 60.0 * options.rows / 1_000_000
    phases.append(
        run_phase(
            "importar (primera vez)",
            ["import_pnt_requests", str(export)],
            env,
            target_seconds=import_target,
        )
    )
    phases.append(
        run_phase(
            "importar de nuevo (idempotente)",
            ["import_pnt_requests", str(export)],
            env,
            target_seconds=None,
        )
    )
    phases.append(
        run_phase(
            "analizar (temas, repetidas, candidatos)",
            ["analyse_pnt_requests"],
            env,
            target_seconds=300.0 * max(options.rows / 1_000_000, 0.2),
        )
    )
    report = render(options, export, phases)
    print(report)
    (OUT / "demand.txt").write_text(report, encoding="utf-8")
    if not all(phase.ok for phase in phases):
        sys.exit(1)


def render(options: argparse.Namespace, export: Path, phases: list[Phase]) -> str:
    load = os.getloadavg()
    lines = [
        f"DATACON · demanda · {dt.datetime.now():%Y-%m-%d %H:%M}",
        f"{options.rows:,} solicitudes sintéticas ({export.stat().st_size / MB:,.0f} MB, semilla {options.seed})",
        f"{platform.node()} · {os.cpu_count()} núcleos · carga {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
        f" · Python {platform.python_version()} · {options.database_url.split('@')[-1]}",
        "",
        f"{'fase':<42} {'reloj (s)':>10} {'CPU (s)':>9} {'memoria (MB)':>13} {'meta':>16} {'':>3}",
    ]
    for phase in phases:
        target = []
        if phase.target_seconds is not None:
            target.append(f"<{phase.target_seconds:.0f} s")
        if phase.target_mb is not None:
            target.append(f"<{phase.target_mb / 1024:.1f} GB")
        lines.append(
            f"{phase.name:<42} {phase.wall:>10.1f} {phase.cpu:>9.1f} {phase.peak_mb:>13.0f} "
            f"{' '.join(target):>16} {'ok' if phase.ok else 'NO':>3}"
        )
    wanted = (
        "Filas",
        "Cargadas",
        "Sin cambios",
        "Omitidas",
        "Tiempo",
        "Temas",
        "Grupos",
        "Conjuntos",
    )
    details = [
        f"{phase.name}: {line.strip()}"
        for phase in phases[-3:]
        for line in phase.output.splitlines()
        if line.startswith(wanted)
    ]
    lines += ["", *details, ""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
