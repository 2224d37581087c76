"""The demo loaded once per test worker, then copied into the database in milliseconds.

Loading the demo (the real 2021–2024 editions and the fictional 2027 one) takes
seconds, and about seventy modules and browser tests need it: on SQLite that was
a sixth of the suite's time. On SQLite, the first load of a worker runs the real
loader on the worker's in-memory database and keeps a copy of the result
(SQLite's online backup, the whole database file, schema and full-text index
included); every later "load" copies that back in place of the database.

What a test sees is what the real loader wrote and committed: the copy is taken
after the loader's transaction committed and its on-commit work ran. The files
the loader writes (a policy meeting's attachment) are kept beside the copy and
put into the test's MEDIA_ROOT.

On PostgreSQL (the second pass of .ci/run) the copy is every table's rows in
COPY's binary format and each sequence's value; putting it back empties the tables
(one TRUNCATE) and copies the rows in, in one transaction (foreign keys are checked
at its end). It is taken and put back inside the module's transaction, so the
module's rollback undoes it as it undid the loader; a copy taken there keeps what
the loader wrote before any on-commit work, one taken outside keeps what it
committed, and the two are kept apart.

On SQLite a copy replaces the whole database, so it is only taken or put back
outside any transaction; the fixtures call it before a test's own transaction opens
(module fixtures) or in tests without one (live-server tests).
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.test.utils import override_settings

from datacon.demo.loader import demo_load


@dataclass
class _Copy:
    database: sqlite3.Connection  # an in-memory database holding the copy
    media: Path  # the files the loader wrote, to be copied into MEDIA_ROOT
    report: Any  # the loader's LoadReport


def _raw() -> sqlite3.Connection:
    connection.ensure_connection()
    raw = connection.connection
    assert isinstance(raw, sqlite3.Connection)
    assert not raw.in_transaction and not connection.in_atomic_block, (
        "Una copia de la base de datos solo se toma o se repone fuera de una transacción."
    )
    return raw


def database_copy() -> sqlite3.Connection:
    """A copy of the test database as it is now (SQLite only)."""
    copy = sqlite3.connect(":memory:", check_same_thread=False)
    _raw().backup(copy)
    return copy


def database_restore(copy: sqlite3.Connection) -> None:
    """Put a copy back in place of the whole test database (SQLite only)."""
    copy.backup(_raw())
    # Django keeps content types in memory by id; the copy's ids are the ones it read
    # from this same database, but a flush in between may have renumbered them.
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


@dataclass
class _PostgresCopy:
    rows: list[tuple[str, bytes]]  # table -> its rows in COPY's binary format
    sequences: list[tuple[str, int, bool]]  # name, last value, whether it was called
    media: Path
    report: Any


def _quoted(name: str) -> str:
    return connection.ops.quote_name(name)


def postgres_copy() -> tuple[list[tuple[str, bytes]], list[tuple[str, int, bool]]]:
    """Every table's rows and every sequence's value in the test database (PostgreSQL)."""
    rows: list[tuple[str, bytes]] = []
    sequences: list[tuple[str, int, bool]] = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
        )
        for (table,) in cursor.fetchall():
            # Generated columns (the search vector) are left out of COPY both ways.
            with cursor.cursor.copy(f"COPY {_quoted(table)} TO STDOUT (FORMAT BINARY)") as copy:
                rows.append((table, b"".join(bytes(chunk) for chunk in copy)))
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind = 'S' AND n.nspname = current_schema() ORDER BY 1"
        )
        for (name,) in cursor.fetchall():
            cursor.execute(f"SELECT last_value, is_called FROM {_quoted(name)}")  # noqa: S608 - a name from pg_class
            value, called = cursor.fetchone()
            sequences.append((name, value, called))
    return rows, sequences


def postgres_restore(copy: _PostgresCopy) -> None:
    """Put a copy's rows back in place of every table's (PostgreSQL), in one transaction:
    Django's foreign keys are deferred, so the order of the tables does not matter."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE " + ", ".join(_quoted(table) for table, _rows in copy.rows))
        for table, data in copy.rows:
            with cursor.cursor.copy(f"COPY {_quoted(table)} FROM STDIN (FORMAT BINARY)") as put:
                put.write(data)
        for name, value, called in copy.sequences:
            # Never backwards: a module's rollback does not undo setval, and the rows
            # outside this module must not meet an id again.
            if called:
                cursor.execute(
                    f"SELECT setval(%s, GREATEST(%s, (SELECT last_value FROM {_quoted(name)})))",  # noqa: S608 - a name from pg_class
                    [_quoted(name), value],
                )
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


class DemoSnapshots:
    """One worker's copies of the demo, with and without the demo's accounts."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.copies: dict[bool, _Copy] = {}
        self.postgres: dict[tuple[bool, bool], _PostgresCopy] = {}

    @staticmethod
    def supported() -> bool:
        """Whether the whole database can be copied and put back (SQLite in memory)."""
        return connection.vendor == "sqlite" and connection.is_in_memory_db()

    def load(self, *, with_demo_users: bool, media: bool = True) -> Any:
        """The demo in the database; the report of the real loader's run.

        `media=False` leaves MEDIA_ROOT alone (module fixtures: their tests each get
        their own)."""
        if connection.vendor == "postgresql":
            return self._load_postgres(with_demo_users=with_demo_users, media=media)
        if not self.supported():
            return demo_load(with_demo_users=with_demo_users)
        copy = self.copies.get(with_demo_users)
        if copy is None:
            copy = self._take(with_demo_users)
        else:
            database_restore(copy.database)
        if media:
            shutil.copytree(copy.media, Path(settings.MEDIA_ROOT), dirs_exist_ok=True)
        return copy.report

    def _load_postgres(self, *, with_demo_users: bool, media: bool) -> Any:
        key = (with_demo_users, connection.in_atomic_block)
        copy = self.postgres.get(key)
        if copy is None:
            folder = self.folder / f"media-pg-{int(with_demo_users)}-{int(key[1])}"
            report = self._run_loader(with_demo_users, folder)
            rows, sequences = postgres_copy()
            copy = _PostgresCopy(rows=rows, sequences=sequences, media=folder, report=report)
            self.postgres[key] = copy
        else:
            postgres_restore(copy)
        if media:
            shutil.copytree(copy.media, Path(settings.MEDIA_ROOT), dirs_exist_ok=True)
        return copy.report

    @staticmethod
    def _run_loader(with_demo_users: bool, media: Path) -> Any:
        """The real loader on the database as it is, its files written under `media`."""
        with override_settings(MEDIA_ROOT=media):
            report = demo_load(with_demo_users=with_demo_users)
        media.mkdir(parents=True, exist_ok=True)
        return report

    def _take(self, with_demo_users: bool) -> _Copy:
        """Run the real loader on the database as it is, and keep the result."""
        media = self.folder / f"media-{'users' if with_demo_users else 'public'}"
        report = self._run_loader(with_demo_users, media)
        copy = _Copy(database=database_copy(), media=media, report=report)
        self.copies[with_demo_users] = copy
        return copy


@contextmanager
def demo_for_module(
    django_db_blocker, snapshots: DemoSnapshots, *, with_demo_users: bool
) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    """The demo (real 2021–2024 editions and the fictional 2027 one), there for a whole module.

    Loading it takes seconds; loading it for each of hundreds of page tests made
    the suite minutes slower. Every test still starts from the same data (each
    test's own transaction rolls back) and no other module ever sees it: on SQLite
    the database is copied before and put back after; on PostgreSQL the demo is put
    in (loaded, or its rows copied) inside a transaction that stays open for the
    module and is rolled back at its end (each test's transaction is a savepoint
    inside it, as Django's TestCase.setUpTestData does).
    Every test of a module that uses it sees the demo, so a module mixes it only
    with tests that do not depend on an empty database.
    """
    with django_db_blocker.unblock():
        if snapshots.supported():
            before = database_copy()
            try:
                yield snapshots.load(with_demo_users=with_demo_users, media=False)
            finally:
                database_restore(before)
                before.close()
            return
        atomic = transaction.atomic()
        atomic.__enter__()
        atomic._from_testcase = True  # type: ignore[attr-defined]  # lets durable blocks nest
        try:
            yield snapshots.load(with_demo_users=with_demo_users, media=False)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            from django.contrib.contenttypes.models import ContentType

            ContentType.objects.clear_cache()  # the rolled-back rows' ids
