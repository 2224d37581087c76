"""Guards of the write path (datacon.common.write): nothing writes around it.

Our code may change records only through `unit_of_work` (`work.save`,
`work.delete`, `work.update`, `work.record`). This test reads every module of
datacon/ and fails on a direct `.save()`, `.delete()`, queryset `.update()`,
hand-written audit entry or version bump outside the write path. The runtime
half is the autouse fixture `public_writes_go_through_the_unit_of_work` in
tests/conftest.py.

LEGACY lists what was still written the old way when the guard was introduced,
per module; it may only shrink (the test also fails when a module has fewer
than listed, so the list is lowered as services move).
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

DATACON = Path(__file__).resolve().parents[2] / "datacon"

# The write path itself, and code that is not the platform's runtime.
EXEMPT_PARTS = ("migrations",)
EXEMPT_FILES = {
    "common/write.py",  # the write path
    "common/audit.py",  # the audit entry it writes
    "common/versions.py",  # the version counters it bumps
    "common/redis_cache.py",  # a cache backend: its delete() removes cache keys, not records
    "search/index.py",  # the search index: derived rows rebuilt from public selectors, not records
}
# The demo app: demo loaders and the synthetic and large data generators, which write in
# bulk on purpose (not installed in production; tests/common/test_demo_layout.py keeps
# them there and domain apps from importing them).
EXEMPT_DIRS = ("demo/",)

WRITE_METHODS = {"save", "delete", "bulk_create", "bulk_update"}
WRITE_FUNCTIONS = {"audit_record", "public_version_bump", "record_save", "record_delete"}
QUERYSET_RECEIVERS = {"filter", "exclude", "all", "objects", "select_for_update", "get_queryset"}

LEGACY: dict[str, int] = {
    "people/forms.py": 1,  # allauth's sign-up form creates the account (super().save)
}


def _receiver_is_queryset(node: ast.expr) -> bool:
    while isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Attribute):
        return node.attr in QUERYSET_RECEIVERS or _receiver_is_queryset(node.value)
    return False


def writes_in(source: str) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute):
            if isinstance(func.value, ast.Name) and func.value.id == "work":
                continue  # the unit of work (`with unit_of_work(actor) as work:`)
            if func.attr in WRITE_METHODS:
                # form.save() / formset.save(commit=False) build objects; they are saved
                # through the write path afterwards.
                if any(k.arg == "commit" for k in node.keywords):
                    continue
                found.append((node.lineno, f".{func.attr}()"))
            elif func.attr == "update" and _receiver_is_queryset(func.value):
                found.append((node.lineno, "queryset.update()"))
            elif func.attr in WRITE_FUNCTIONS:
                found.append((node.lineno, f"{func.attr}()"))
        elif isinstance(func, ast.Name) and func.id in WRITE_FUNCTIONS:
            found.append((node.lineno, f"{func.id}()"))
    return found


def _modules() -> list[Path]:
    modules = []
    for path in sorted(DATACON.rglob("*.py")):
        relative = path.relative_to(DATACON).as_posix()
        if (
            any(part in path.parts for part in EXEMPT_PARTS)
            or relative in EXEMPT_FILES
            or relative.startswith(EXEMPT_DIRS)
        ):
            continue
        modules.append(path)
    return modules


def _counts() -> Counter[str]:
    counts: Counter[str] = Counter()
    for path in _modules():
        found = writes_in(path.read_text(encoding="utf-8"))
        if found:
            counts[path.relative_to(DATACON).as_posix()] = len(found)
    return counts


def test_no_module_writes_around_the_unit_of_work():
    counts = _counts()
    over = {
        module: (count, LEGACY.get(module, 0))
        for module, count in counts.items()
        if count > LEGACY.get(module, 0)
    }
    assert over == {}, (
        "Escrituras fuera de datacon.common.write (módulo: (encontradas, permitidas)). "
        "Use `with unit_of_work(actor) as work: work.save(...)`."
    )


def test_legacy_list_only_shrinks():
    counts = _counts()
    stale = {
        module: (allowed, counts.get(module, 0))
        for module, allowed in LEGACY.items()
        if counts.get(module, 0) < allowed
    }
    assert stale == {}, "Baje LEGACY en este archivo: ese módulo ya escribe menos a mano."


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("obj.save()", [(1, ".save()")]),
        ("obj.delete()", [(1, ".delete()")]),
        ("Model.objects.filter(a=1).update(b=2)", [(1, "queryset.update()")]),
        ("audit_record(actor=a, action='x')", [(1, "audit_record()")]),
        ("versions.public_version_bump('x')", [(1, "public_version_bump()")]),
        ("form.save(commit=False)", []),
        ("values.update({'a': 1})", []),
        ("work.save(obj)", []),
        ("work.delete(obj)", []),
        ("self.work.save(obj)", [(1, ".save()")]),
    ],
)
def test_the_guard_sees_a_planted_write(source, expected):
    assert writes_in(source) == expected
