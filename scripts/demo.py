#!/usr/bin/env python3
"""Install, migrate, load the real DATACON data and serve the site on 127.0.0.1.

python3 scripts/demo.py            # http://127.0.0.1:8000
python3 scripts/demo.py --port 8080
"""

from __future__ import annotations

import argparse
import os

from _bootstrap import ROOT, ensure_venv, manage, say


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--no-serve", action="store_true", help="Prepare everything, do not serve.")
    args = parser.parse_args()

    ensure_venv("")
    (ROOT / "var").mkdir(exist_ok=True)
    env = {**os.environ, "DATACON_ENV": "demo"}
    say("Migrando la base de datos SQLite (var/datacon.sqlite3)")
    manage("migrate", "--noinput", "-v", "0", env=env)
    say("Cargando los datos reales de la DATACON")
    manage("load_demo", env=env)
    say("Reuniendo archivos estáticos")
    manage("collectstatic", "--noinput", "-v", "0", env=env)
    if args.no_serve:
        return
    address = f"127.0.0.1:{args.port}"
    say(f"Sitio en http://{address}/   (administración: http://{address}/admin/)")
    say(
        "Cuenta de organizadora: organizadora@datacon.demo / datacon-demo-2021   (Ctrl+C para salir)"
    )
    manage("runserver", address, "--noreload", env=env)


if __name__ == "__main__":
    main()
