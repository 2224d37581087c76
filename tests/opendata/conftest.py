from pathlib import Path

import pytest
import rdflib

VALIDATORS = Path(__file__).resolve().parents[3] / "shared" / "validators"
if not VALIDATORS.exists():  # worktrees live in /work/wt/<name>, main in /work/main
    VALIDATORS = Path("/work/shared/validators")


@pytest.fixture(scope="session")
def validators() -> Path:
    assert VALIDATORS.exists(), f"Faltan los validadores en {VALIDATORS}"
    return VALIDATORS


@pytest.fixture(scope="session")
def dcat_shapes(validators) -> rdflib.Graph:  # type: ignore[no-untyped-def]
    """Both DCAT-AP 3.0.1 shape files in one graph.

    The release's files reference each other's property shapes, and five
    references point to shapes that neither file defines; an undefined shape
    constrains nothing, so those dangling references are dropped (pyshacl would
    otherwise refuse to run).
    """
    shapes = rdflib.Graph()
    for name in ("dcat-ap-SHACL.ttl", "ranges.ttl"):
        shapes.parse(validators / "dcat-ap-3.0.1" / name, format="turtle")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    dangling = [
        (s, o) for s, o in shapes.subject_objects(sh.property) if (o, None, None) not in shapes
    ]
    for subject, obj in dangling:
        shapes.remove((subject, sh.property, obj))
    return shapes
