"""What bench/run.py measures, and the target each figure must meet.

Data, not code: one entry per page or export. A target is measured when one of
its URL names reverses (or its hook returns a path) on the benchmarked build;
otherwise the table says «no disponible todavía». When a capability lands, add
or correct its entry here (URL name, arguments) and run the bench again.

This module is plain Python (no Django import) so bench/run.py can read it
before the virtual environment exists; bench/resolve.py turns entries into
paths inside Django.
"""

from __future__ import annotations

from dataclasses import dataclass, field

EDITION = "2030-carga"  # datacon.demo.large_dataset.EDITION_SLUG


@dataclass(frozen=True)
class Goal:
    """Targets from the issue. None means "no target for this figure"."""

    cold_ms: float | None = 150.0  # server render time with empty caches
    share: float | None = None  # warm requests/s as a fraction of the bare ceiling
    p99_ms: float | None = None  # warm 99th percentile latency

    def describe(self) -> str:
        parts = []
        if self.share is not None:
            parts.append(f"≥ {self.share:.0%} del techo")
        if self.p99_ms is not None:
            parts.append(f"p99 < {self.p99_ms:g} ms")
        if self.cold_ms is not None:
            parts.append(f"frío < {self.cold_ms:g} ms")
        return ", ".join(parts)


@dataclass(frozen=True)
class Target:
    key: str
    label: str
    # URL names tried in order with `kwargs`; the first that reverses is used.
    url_names: tuple[str, ...] = ()
    kwargs: dict[str, str] = field(default_factory=dict)
    query: str = ""
    # Or "module:function" returning a path (or None), for URLs that need data
    # the bench cannot know in advance (e.g. the id of the consultation).
    hook: str = ""
    app: str = "conference"
    goal: Goal = field(default_factory=Goal)


PAGE = Goal()

TARGETS: list[Target] = [
    Target(
        key="program",
        label="Programa (1,000 sesiones)",
        url_names=("public:program",),
        kwargs={"edition": EDITION},
        goal=Goal(cold_ms=150.0, share=0.50, p99_ms=25.0),
    ),
    Target(
        key="session",
        label="Página de una sesión",
        hook="bench.resolve:session_path",  # a session of day 2 that exists at any scale
    ),
    Target(
        key="edition",
        label="Página de la edición",
        url_names=("public:edition",),
        kwargs={"edition": EDITION},
    ),
    Target(
        key="now",
        label="Ahora y después",
        url_names=("public:program_now",),
        kwargs={"edition": EDITION},
    ),
    Target(key="home", label="Inicio", url_names=("public:home",)),
    Target(key="people", label="Personas (lista)", url_names=("public:person_list",)),
    Target(
        key="person",
        label="Página de una persona",
        url_names=("public:person",),
        kwargs={"slug": "carga-persona-0042"},
    ),
    Target(
        key="organisation",
        label="Página de una organización",
        url_names=("public:organisation",),
        kwargs={"slug": "carga-org-0002"},
    ),
    Target(
        key="search",
        label="Búsqueda en todo lo público («datos abiertos»)",
        url_names=("public:search",),
        query="q=datos+abiertos",
        goal=Goal(cold_ms=150.0),
    ),
    Target(
        key="search_kind",
        label="Búsqueda: segunda página de sesiones («agua»)",
        url_names=("public:search",),
        query="q=agua&tipo=session&pagina=2",
        goal=Goal(cold_ms=150.0),
    ),
    Target(
        key="memoria",
        label="Memoria",
        url_names=("public:memoria",),
        kwargs={"edition": EDITION},
        app="memoria",
    ),
    Target(
        key="schedule_json",
        label="schedule.json (1,000 sesiones)",
        url_names=("public:schedule_json", "public:opendata_schedule_json", "api:schedule-json"),
        kwargs={"edition": EDITION},
        app="opendata",
        goal=Goal(cold_ms=1000.0, share=0.25),
    ),
    Target(
        key="schedule_xml",
        label="schedule.xml (1,000 sesiones)",
        url_names=("public:schedule_xml", "public:opendata_schedule_xml", "api:schedule-xml"),
        kwargs={"edition": EDITION},
        app="opendata",
        goal=Goal(cold_ms=1000.0, share=0.25),
    ),
    Target(
        key="api_sessions",
        label="API: lista de sesiones",
        url_names=("api:session-list",),
        query=f"edition={EDITION}",
        app="api",
    ),
    Target(
        key="consultation",
        label="Consulta (50,000 comentarios)",
        hook="datacon.demo.large_dataset.consultation:bench_path",
        app="consultation",
        goal=Goal(cold_ms=100.0),
    ),
]
