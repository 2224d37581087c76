"""Helpers of scripts/fault_run.py: reporting, HTTP as a browser, and the services it
starts, stops and always puts back (nginx, gunicorn, Redis, PostgreSQL)."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


class CheckFailed(Exception):
    pass


def say(message: str) -> None:
    print(f"\033[1m==> {message}\033[0m", flush=True)


def ok(message: str) -> None:
    print(f"    ✓ {message}", flush=True)


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


# --- HTTP as a browser does it (cookies, CSRF), from a chosen source address ----------------


@dataclass
class Response:
    status: int  # 0: the connection failed or was cut
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


@dataclass
class Visitor:
    port: int
    source: str = HOST
    cookies: dict[str, str] = field(default_factory=dict)
    statuses: Counter[int] = field(default_factory=Counter)

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        connection = http.client.HTTPConnection(
            HOST, self.port, timeout=60, source_address=(self.source, 0)
        )
        sent = {"Host": f"{HOST}:{self.port}", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            connection.request(method, path, body=body, headers=sent)
            raw = connection.getresponse()
            content = raw.read()
        except (OSError, http.client.HTTPException):
            self.statuses[0] += 1
            return Response(0, {}, b"")
        finally:
            connection.close()
        for cookie in raw.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            value = rest.split(";", 1)[0]
            if value and value != '""' and "Max-Age=0" not in cookie:
                self.cookies[name.strip()] = value
            else:
                self.cookies.pop(name.strip(), None)
        self.statuses[raw.status] += 1
        return Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, content)

    def get(self, path: str, **headers: str) -> Response:
        return self.request("GET", path, headers=headers)

    def post(self, path: str, fields: dict[str, str], **headers: str) -> Response:
        return self.request(
            "POST",
            path,
            body=urlencode(fields).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded", **headers},
        )


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else ""


def messages_in(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", m) for m in re.findall(r'class="message [^"]*">(.*?)</p>', html)]


# --- services: nginx, gunicorn, Redis, PostgreSQL --------------------------------------------


def nginx_ensure() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if found:
        return found
    if os.geteuid() != 0:
        raise CheckFailed(
            "Falta nginx: instálelo (apt-get install nginx-light) o ejecute como root."
        )
    say("Instalando nginx desde los paquetes de Debian")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "install", "-y", "-q", "nginx-light"], check=True, env=env)
    return shutil.which("nginx") or "/usr/sbin/nginx"


NGINX_CONF = """
{user}worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 512; }}
http {{
    access_log {tmp}/nginx-access.log;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    upstream datacon {{
        server 127.0.0.1:{upstream};
        keepalive 16;
    }}
    # As in docs/deployment.md (without TLS: loopback only).
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 30m;
        location / {{
            proxy_pass http://datacon;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_read_timeout 90s;
        }}
    }}
}}
"""


class Services:
    """Everything the run starts or stops, put back by `restore()` whatever happened."""

    def __init__(self, tmp: Path, pg_cluster: tuple[str, str]) -> None:
        self.tmp = tmp
        self.pg_cluster = pg_cluster
        self.processes: dict[str, subprocess.Popen] = {}
        self.redis_port = free_port()

    def _log(self, name: str):  # type: ignore[no-untyped-def]
        return (self.tmp / f"{name}.log").open("a")

    def redis_start(self) -> None:
        self.processes["redis"] = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.redis_port),
                "--bind",
                HOST,
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=self._log("redis"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_until(lambda: redis_ping(self.redis_port), 15, "Redis no arrancó")

    def redis_stop(self) -> None:
        process = self.processes.pop("redis", None)
        if process is not None and process.poll() is None:
            process.terminate()
            process.wait(timeout=15)

    def gunicorn_start(self, port: int, workers: int, env: dict[str, str]) -> None:
        self.processes["gunicorn"] = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "-c",
                str(ROOT / "deploy" / "gunicorn.conf.py"),
                "--bind",
                f"{HOST}:{port}",
                "--workers",
                str(workers),
                "--threads",
                "2",
                "datacon.wsgi:application",
            ],
            cwd=ROOT,
            env=env,
            stdout=self._log("gunicorn"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def nginx_start(self, binary: str, port: int, upstream: int) -> None:
        conf = self.tmp / "nginx.conf"
        user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read the temp folder
        conf.write_text(NGINX_CONF.format(user=user, tmp=self.tmp, port=port, upstream=upstream))
        self.processes["nginx"] = subprocess.Popen(
            [binary, "-p", str(self.tmp), "-c", str(conf), "-e", str(self.tmp / "nginx-error.log")],
            stdout=self._log("nginx"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def workers(self) -> list[int]:
        master = self.processes["gunicorn"].pid
        children = Path(f"/proc/{master}/task/{master}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def postgres(self, action: str) -> None:
        version, name = self.pg_cluster
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, name, action],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )

    def postgres_running(self) -> bool:
        version, name = self.pg_cluster
        status = subprocess.run(
            ["pg_ctlcluster", version, name, "status"], capture_output=True, check=False
        )
        return status.returncode == 0

    def restore(self) -> None:
        if not self.postgres_running():
            print("    (arrancando PostgreSQL de nuevo)", flush=True)
            self.postgres("start")
        for name in ("nginx", "gunicorn", "redis"):
            process = self.processes.pop(name, None)
            if process is None or process.poll() is not None:
                continue
            process.send_signal(signal.SIGQUIT if name == "nginx" else signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def redis_ping(port: int) -> bool:
    try:
        with socket.create_connection((HOST, port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def redis_key_count(port: int) -> int:
    with socket.create_connection((HOST, port), timeout=2) as sock:
        sock.sendall(b"DBSIZE\r\n")
        return int(sock.recv(64).strip().lstrip(b":"))


def wait_until(condition: Callable[[], bool], seconds: float, failure: str) -> float:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if condition():
            return time.monotonic() - started
        time.sleep(0.1)
    raise CheckFailed(failure)
