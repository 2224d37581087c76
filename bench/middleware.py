"""Bench-only middleware: Server-Timing and on-demand cold caches (see bench/settings.py)."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.core.cache import cache
from django.db import connections
from django.http import HttpRequest, HttpResponse

from datacon.common.http import page_memory_clear


class BenchMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.headers.get("X-Bench-Cold") == "1":
            # Empty every cache this process reads: the shared one (the
            # site's keys in Redis, or this worker's local memory)
            # and the in-process page memory.
            cache.clear()
            page_memory_clear()
        queries = 0

        def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
            nonlocal queries
            queries += 1
            return execute(sql, params, many, context)

        started, cpu_started = time.perf_counter(), time.thread_time()
        with connections["default"].execute_wrapper(count):
            response = self.get_response(request)
        elapsed = (time.perf_counter() - started) * 1000
        # CPU time of this thread alone: unlike the wall time, it does not grow
        # when other processes keep the machine's cores busy (it leaves out the
        # database server's own work, which runs in another process).
        cpu = (time.thread_time() - cpu_started) * 1000
        response["Server-Timing"] = (
            f'app;dur={elapsed:.2f}, cpu;dur={cpu:.2f}, db;desc="queries {queries}"'
        )
        response["X-Bench-Queries"] = str(queries)
        return response
