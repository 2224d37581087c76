#!/usr/bin/env python3
"""Install, migrate, load the real DATACON data and serve the site on 127.0.0.1.

python3 scripts/demo.py            # http://127.0.0.1:8000
python3 scripts/demo.py --port 8080
python3 scripts/demo.py --host 0.0.0.0 --public-url http://192.0.2.10:8000

Every absolute link the site writes (e-mails, calendars, data packages, DCAT,
the API index, the memoria PDF) uses DATACON_PUBLIC_URL; the demo sets it to
the address it serves, or to --public-url when given.
"""

from __future__ import annotations

import argparse
import os
from urllib.parse import urlsplit

from _bootstrap import ROOT, ensure_venv, manage, say


def public_url_for(host: str, port: int) -> str:
    """The address a browser on this machine uses for the server (0.0.0.0 means all)."""
    if host in ("0.0.0.0", "", "::"):  # noqa: S104 - a name for "every address", not a bind
        host = "127.0.0.1"
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}"


def demo_environment(host: str, port: int, public_url: str = "") -> dict[str, str]:
    """The environment of every manage.py command the demo runs."""
    public_url = (public_url or public_url_for(host, port)).rstrip("/")
    env = {**os.environ, "DATACON_ENV": "demo", "DATACON_PUBLIC_URL": public_url}
    if host not in ("127.0.0.1", "localhost", "::1", "[::1]"):
        hosts = {"127.0.0.1", "localhost", urlsplit(public_url).hostname or "", host}
        env["ALLOWED_HOSTS"] = ",".join(sorted(h for h in hosts if h))
    return env


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--host", default="127.0.0.1", help="Address to listen on.")
    parser.add_argument(
        "--public-url",
        default="",
        help="Address people use to reach the site (default: http://HOST:PORT).",
    )
    parser.add_argument("--no-serve", action="store_true", help="Prepare everything, do not serve.")
    args = parser.parse_args()

    ensure_venv("")
    (ROOT / "var").mkdir(exist_ok=True)
    env = demo_environment(args.host, args.port, args.public_url)
    public_url = env["DATACON_PUBLIC_URL"]
    say("Migrando la base de datos SQLite (var/datacon.sqlite3)")
    manage("migrate", "--noinput", "-v", "0", env=env)
    say("Cargando los datos reales de la DATACON")
    manage("load_demo", env=env)
    say("Reuniendo archivos estáticos")
    manage("collectstatic", "--noinput", "-v", "0", env=env)
    if args.no_serve:
        return
    address = f"[{args.host}]:{args.port}" if ":" in args.host else f"{args.host}:{args.port}"
    say(f"Sitio en {public_url}/   (gestión de la organización: {public_url}/gestion/)")
    say(
        "Cuenta de organizadora: organizadora@datacon.demo / datacon-demo-2021   (Ctrl+C para salir)"
    )
    manage("runserver", address, "--noreload", env=env)


if __name__ == "__main__":
    main()
