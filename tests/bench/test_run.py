"""The bench script's own logic: reading wrk, judging targets, resolving URLs."""

import pytest

from bench.resolve import resolve_all
from bench.run import Row, WrkResult, parse_wrk
from bench.targets import TARGETS, Goal, Target

WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8107/ediciones/2030-carga/programa/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    10.42ms    3.01ms  40.12ms   80.00%
    Req/Sec   770.21     60.12   900.00     70.00%
  Latency Distribution
     50%    9.87ms
     75%   11.20ms
     90%   13.40ms
     99%  850.00us
  15342 requests in 10.00s, 9.72GB read
  Socket errors: connect 0, read 0, write 0, timeout 2
  Non-2xx or 3xx responses: 3
Requests/sec:   1534.20
Transfer/sec:    994.12MB
"""


def test_parse_wrk_reads_rate_percentiles_in_any_unit_and_errors():
    result = parse_wrk(WRK_OUTPUT)
    assert result == WrkResult(rps=1534.20, p50_ms=9.87, p99_ms=0.85, errors=3, timeouts=2)


def _row(**kwargs) -> Row:  # type: ignore[no-untyped-def]
    target = Target(key="x", label="X", goal=Goal(cold_ms=150.0, share=0.5, p99_ms=25.0))
    return Row(target=target, path="/x/", **kwargs)


def test_row_meets_every_goal():
    row = _row(
        cold_median_ms=40.0,
        warm=WrkResult(rps=900, p50_ms=5, p99_ms=20, errors=0),
        ceiling=WrkResult(rps=1500, p50_ms=3, p99_ms=10, errors=0),
    )
    assert row.share == 0.6
    assert row.judge() == "cumple"


def test_row_missing_goals_says_by_how_much():
    row = _row(
        cold_median_ms=180.0,
        warm=WrkResult(rps=600, p50_ms=5, p99_ms=30.5, errors=0),
        ceiling=WrkResult(rps=1500, p50_ms=3, p99_ms=10, errors=0),
    )
    assert row.judge() == "NO cumple (frío +30 ms, techo −10 pts, p99 +5.5 ms)"


def test_row_without_path_is_not_available_yet():
    target = Target(key="memoria", label="Memoria", url_names=("public:memoria",))
    assert Row(target=target, path=None).judge() == "no disponible todavía"


def test_goal_describe_lists_only_set_goals():
    assert Goal(cold_ms=1000.0, share=0.25).describe() == "≥ 25% del techo, frío < 1000 ms"


@pytest.mark.django_db
def test_resolve_gives_paths_for_the_conference_pages_and_none_for_missing_apps():
    paths = resolve_all()
    assert set(paths) == {target.key for target in TARGETS}
    assert paths["program"] == "/ediciones/2030-carga/programa/"
    assert paths["search"] == "/buscar/?q=datos+abiertos"
    assert paths["consultation"] is None or paths["consultation"].startswith("/")


def test_combine_averages_rates_and_takes_median_percentiles():
    from bench.run import combine

    runs = [
        WrkResult(rps=1000, p50_ms=5, p99_ms=20, errors=0),
        WrkResult(rps=800, p50_ms=6, p99_ms=300, errors=1),  # a round disturbed by another process
        WrkResult(rps=900, p50_ms=7, p99_ms=22, errors=0),
    ]
    assert combine(runs) == WrkResult(rps=900, p50_ms=6, p99_ms=22, errors=1)


def test_server_ms_reads_wall_and_cpu_times_from_server_timing():
    from bench.run import server_ms

    headers = {"server-timing": 'app;dur=42.50, cpu;dur=30.25, db;desc="queries 7"'}
    assert server_ms(headers) == 42.5
    assert server_ms(headers, "cpu") == 30.25
    assert server_ms({}) is None
