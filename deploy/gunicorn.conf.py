"""gunicorn settings for DATACON: `gunicorn -c deploy/gunicorn.conf.py datacon.wsgi`.

Every value can be changed through the environment, so one file serves a
small single server, several app servers behind a proxy, and the benchmark.
See docs/deployment.md for how to size them.
"""

import os

_cores = os.cpu_count() or 1

# Where to listen. Behind nginx/Caddy on the same machine keep 127.0.0.1.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Processes: one per core is enough for this app, because most requests are
# answered from the shared cache and the rest spend their time in PostgreSQL.
# (WEB_CONCURRENCY is the name several platforms set.)
workers = int(os.environ.get("GUNICORN_WORKERS", os.environ.get("WEB_CONCURRENCY", _cores)))

# gthread keeps connections alive (fewer TCP handshakes for browsers and for
# the proxy). One thread per process by default: nearly every request is
# either served from the cache or CPU-bound rendering, and under load extra
# threads mostly queue on the GIL and stretch the slowest latencies (the
# bench's p99). Raise it to 2-4 if long exports or slow clients make
# requests wait behind each other (see docs/deployment.md).
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = int(os.environ.get("GUNICORN_THREADS", "1"))

# A request that takes longer than this is killed and logged; the slowest
# legitimate work (the memoria PDF, a large export) stays well below it.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))

# Recycle a worker after this many requests (with jitter so they do not all
# restart at once): a slow memory leak in any library can never grow unbounded.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "2000"))

# Load Django once in the master, then fork: workers share the code pages
# (less memory) and a broken deploy fails at start, not on the first request.
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() == "true"

# The heartbeat file on tmpfs: a slow disk can never make a healthy worker look dead.
# (gunicorn creates its own private file there; nothing else is written.)
_SHM = "/dev/shm"  # noqa: S108
worker_tmp_dir = _SHM if os.path.isdir(_SHM) else None  # noqa: PTH112

# Trust X-Forwarded-* only from the local reverse proxy (comma-separated list).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs to stdout/stderr for systemd or the container runtime. The access log is
# off by default: the reverse proxy keeps one already.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = os.environ.get("GUNICORN_PROC_NAME", "datacon")


def when_ready(server):  # type: ignore[no-untyped-def]
    # With preload_app the master imported Django; if anything at start-up
    # opened a database connection, close it before forking so no two
    # processes ever share one socket. Each worker opens its own on first use.
    import gc

    from django.db import connections

    connections.close_all()
    # Move everything loaded so far out of the garbage collector's reach: the
    # collector then never touches (and copies) the pages the workers share,
    # and its pauses during requests are shorter.
    gc.freeze()
