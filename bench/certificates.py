#!/usr/bin/env python3
"""Benchmark of bulk issuing: 20,000 attendance constancias of the large edition.

    .venv/bin/python bench/certificates.py                      # 20,000 people on SQLite
    .venv/bin/python bench/certificates.py --people 2000        # a quicker run
    .venv/bin/python bench/certificates.py --database-url postgres://postgres@127.0.0.1:5432/datacon_bench_certificates

Target (issue 15, the 2-core machine): `manage.py certificates_issue` prepares
and issues 20,000 constancias and queues one e-mail each in under 5 minutes.

Preparation (not timed against the target): `manage.py generate_large_dataset`
builds the fictional edition «2030-carga» with its registrations (scaled a
little above --people, without the consultation step, which the constancias do
not read); the large data set checks in only 70 % of the confirmed in-person
people and 45 % of the online ones, so a short step here records a check-in
(or an online connection) for the first --people confirmed registrations and
clears it for the rest, with plain updates as the generator itself writes them.
The rule is set to attendance only, so exactly --people constancias are due.

Each phase runs in its own process, so its wall time, CPU time and peak resident
memory (getrusage of the child) are measured as an operator would run it. The
database must be a dedicated one (its name must contain "bench"): a SQLite file
is recreated, on PostgreSQL the edition is replaced. The table is printed and
written to bench/out/certificates.txt.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.demand import OUT, PYTHON, ROOT, Phase, ensure_database, run_phase

DEFAULT_DATABASE = f"sqlite:///{OUT / 'certificates-bench.sqlite3'}"
FULL = 20_000
# Share of the large data set's registrations that end up confirmed is ~92 %:
# scale it so that at least --people are confirmed.
SCALE_MARGIN = 1.12
EDITION = "2030-carga"

RESET = """
from datacon.certificates.models import Certificate
from datacon.common.models import OutboundEmail
Certificate.objects.filter(edition__slug={edition!r}).delete()
OutboundEmail.objects.filter(purpose="certificate").delete()
"""

CHECK_IN = """
import datetime as dt
from datacon.certificates.models import CertificateRule
from datacon.editions.models import Edition
from datacon.registration.models import Registration, RegistrationStatus

edition = Edition.objects.get(slug={edition!r})
confirmed = Registration.objects.filter(edition=edition, status=RegistrationStatus.CONFIRMED)
keys = list(confirmed.order_by("pk").values_list("pk", flat=True))
if len(keys) < {people}:
    raise SystemExit(f"Solo {{len(keys)}} inscripciones confirmadas (se pidieron {people}).")
chosen, rest = keys[: {people}], keys[{people} :]
at = dt.datetime.combine(edition.start_date, dt.time(9), tzinfo=edition.tz)
for start in range(0, len(chosen), 5000):
    part = confirmed.filter(pk__in=chosen[start : start + 5000])
    part.filter(venue__isnull=False, checked_in_at__isnull=True).update(checked_in_at=at)
    part.filter(venue__isnull=True, joined_online_at__isnull=True).update(joined_online_at=at)
for start in range(0, len(rest), 5000):
    confirmed.filter(pk__in=rest[start : start + 5000]).update(
        checked_in_at=None, joined_online_at=None
    )
CertificateRule.objects.update_or_create(
    edition=edition,
    defaults=dict(attendance_enabled=True, min_sessions=0,
                  participation_enabled=False, reviewers_enabled=False),
)
print(f"Confirmadas: {{len(keys)}}; con entrada o conexión: {people}")
"""

COUNT = """
from datacon.certificates.models import Certificate, CertificateStatus
from datacon.common.models import OutboundEmail, OutboundEmailStatus
issued = Certificate.objects.filter(edition__slug={edition!r}, status=CertificateStatus.ISSUED)
print(f"Constancias emitidas en la base: {{issued.count()}}")
print(f"Con aviso registrado: {{issued.filter(notified_at__isnull=False).count()}}")
emails = OutboundEmail.objects.filter(purpose="certificate", status=OutboundEmailStatus.QUEUED)
print(f"Correos en cola: {{emails.count()}}")
"""


def shell(name: str, script: str, env: dict[str, str]) -> Phase:
    return run_phase(name, ["shell", "-c", script], env, target_seconds=None, target_mb=None)


def prepare_database(url: str) -> None:
    if url.startswith("sqlite"):
        path = Path(url.removeprefix("sqlite:///"))
        if "bench" not in path.name:
            sys.exit(f"Use una base de datos dedicada cuyo nombre contenga «bench» (no {path}).")
        path.parent.mkdir(parents=True, exist_ok=True)
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
    else:
        ensure_database(url)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--people", type=int, default=FULL)
    parser.add_argument("--seed", type=int, default=2030)
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
    prepare_database(options.database_url)
    subprocess.run([PYTHON, str(ROOT / "manage.py"), "migrate", "-v0"], env=env, check=True)

    people = options.people
    scale = SCALE_MARGIN * people / FULL
    phases = [shell("vaciar constancias y correos anteriores", RESET.format(edition=EDITION), env)]
    phases.append(
        run_phase(
            "generar la edición grande",
            [
                "generate_large_dataset",
                "--replace",
                "--seed",
                str(options.seed),
                "--scale",
                f"{scale:.4f}",
                "--skip",
                "consultation",
            ],
            env,
            target_seconds=None,
            target_mb=None,
        )
    )
    phases.append(
        shell(
            "registrar entradas (preparación)",
            CHECK_IN.format(edition=EDITION, people=people),
            env,
        )
    )
    target = 300.0 * max(people / FULL, 0.2)
    phases.append(
        run_phase(
            f"certificates_issue ({people:,} constancias)",
            ["certificates_issue", EDITION],
            env,
            target_seconds=target,
            target_mb=None,
        )
    )
    phases.append(shell("contar", COUNT.format(edition=EDITION), env))
    report = render(options, scale, phases)
    print(report)
    (OUT / "certificates.txt").write_text(report, encoding="utf-8")
    if not all(phase.ok for phase in phases):
        sys.exit(1)


def render(options: argparse.Namespace, scale: float, phases: list[Phase]) -> str:
    load = os.getloadavg()
    issue = phases[-2]
    lines = [
        f"DATACON · constancias en bloque · {dt.datetime.now():%Y-%m-%d %H:%M}",
        f"{options.people:,} personas con entrada registrada en la edición «{EDITION}»"
        f" (datos grandes, semilla {options.seed}, escala {scale:.3f})",
        f"{platform.node()} · {os.cpu_count()} núcleos · carga {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
        f" · Python {platform.python_version()} · {options.database_url.split('@')[-1]}",
        "",
        f"{'fase':<42} {'reloj (s)':>10} {'CPU (s)':>9} {'memoria (MB)':>13} {'meta':>10} {'':>4}",
    ]
    for phase in phases:
        target = f"<{phase.target_seconds / 60:.0f} min" if phase.target_seconds else ""
        verdict = ("PASS" if phase.ok else "FAIL") if phase.target_seconds else ""
        lines.append(
            f"{phase.name:<42} {phase.wall:>10.1f} {phase.cpu:>9.1f} {phase.peak_mb:>13.0f} "
            f"{target:>10} {verdict:>4}"
        )
    wanted = ("Confirmadas", "Constancias", "Con aviso", "Correos")
    details = [
        line.strip()
        for phase in phases[-3:]
        for line in phase.output.splitlines()
        if line.startswith(wanted)
    ]
    verdict = "PASS" if issue.ok else "FAIL"
    lines += [
        "",
        *details,
        "",
        f"Meta: emitir {options.people:,} constancias en menos de {issue.target_seconds / 60:.0f} min"
        f" → {issue.wall:.1f} s · {verdict}",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
