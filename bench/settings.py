"""The production settings plus two bench-only additions, never used elsewhere.

* `bench.middleware.BenchMiddleware` (first in the chain) adds a
  Server-Timing header with the server's own time and query count, and, for a
  request carrying `X-Bench-Cold: 1`, empties the caches first, so bench/run.py
  can measure a cold render on a warm process.
* `bench.urls` mounts the "ceiling": a bare view returning N bytes through the
  same middleware, so every page is also measured against the fastest response
  Django can give on the same server settings.
"""

from datacon.settings import *  # noqa: F403
from datacon.settings import MIDDLEWARE

ROOT_URLCONF = "bench.urls"
MIDDLEWARE = ["bench.middleware.BenchMiddleware", *MIDDLEWARE]
# bench/run.py talks plain HTTP to gunicorn on 127.0.0.1, as a TLS proxy would.
SECURE_SSL_REDIRECT = False
