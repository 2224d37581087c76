"""Demo and load data live in the demo app, out of the runtime (issue 12.5).

Demo loaders, the synthetic and large data generators and their data files are
in datacon/demo/ (`datacon/demo/<app>.py`, `datacon/demo/large_dataset/`,
`datacon/demo/data/`). Domain apps never import them, so production, which
does not install the demo app, runs none of their code; and no domain app
keeps a generator of its own.
"""

from __future__ import annotations

import ast
from pathlib import Path

DATACON = Path(__file__).resolve().parents[2] / "datacon"
DEMO_PACKAGE = "datacon.demo"
# Where generators used to live, inside domain apps.
GENERATOR_NAMES = {"demo", "large_dataset", "synthetic", "synthetic_requests"}


def demo_imports(source: str, module: str) -> list[tuple[int, str]]:
    """The imports of the demo app or of a generator in `source` (module `module`)."""
    package = module.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against this module's package
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            names = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and (getattr(node.func, "attr", None) or getattr(node.func, "id", None))
            == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names = [node.args[0].value]
        for name in names:
            parts = name.split(".")
            if (
                name == DEMO_PACKAGE
                or name.startswith(DEMO_PACKAGE + ".")
                or (parts[0] == "datacon" and GENERATOR_NAMES & set(parts[2:]))
            ):
                found.append((getattr(node, "lineno", 0), name))
                break
    return found


def _domain_modules() -> list[Path]:
    return [
        path
        for path in sorted(DATACON.rglob("*.py"))
        if path.relative_to(DATACON).parts[0] not in {"demo"}
    ]


def _module_name(path: Path) -> str:
    relative = path.relative_to(DATACON.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts = [*parts[:-1], "__init__"]
    return ".".join(parts)


def test_no_domain_module_imports_the_demo_app_or_a_generator() -> None:
    offenders = [
        f"{path.relative_to(DATACON)}:{line} imports {name}"
        for path in _domain_modules()
        for line, name in demo_imports(path.read_text(encoding="utf-8"), _module_name(path))
    ]
    assert offenders == []


def test_no_generator_lives_in_a_domain_app() -> None:
    found = sorted(
        str(path.relative_to(DATACON))
        for path in DATACON.glob("*/**/*")
        if path.relative_to(DATACON).parts[0] != "demo"
        and "__pycache__" not in path.parts
        and (path.stem in GENERATOR_NAMES and (path.suffix in {".py", ".yaml"} or path.is_dir()))
    )
    assert found == []


def test_the_guard_sees_every_way_of_importing_demo_code() -> None:
    module = "datacon.policy.services"
    planted = [
        "import datacon.demo.policy",
        "from datacon.demo import facts",
        "from datacon.demo.large_dataset import Scale",
        "from datacon.demand.synthetic import LAYOUTS",
        "from datacon.registration import large_dataset",
        "from . import demo",
        "import importlib\nimportlib.import_module('datacon.demo.loader')",
    ]
    assert [bool(demo_imports(source, module)) for source in planted] == [True] * len(planted)
    allowed = [
        "from datacon.editions.models import Edition",
        "from datacon.common.demonstration import x",
        "from . import selectors",
    ]
    assert [demo_imports(source, module) for source in allowed] == [[]] * len(allowed)
