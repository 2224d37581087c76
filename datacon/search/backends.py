# ruff: noqa: S608  (SQL is built from module constants only; user text goes in parameters)
"""The full-text search of each database behind one interface.

* SQLite (the embedded default): an FTS5 table over `SearchDocument.normalised`
  (stemmed, accent-free words from datacon/search/words.py; the tokenizer
  `unicode61 remove_diacritics 2` folds anything left), kept in step by triggers.
* PostgreSQL (production): a stored `tsvector` column computed by the database,
  the Spanish text through the 'spanish' configuration and the English version
  organisers wrote through 'english', both unaccented, with a GIN index; a query
  matches through either (`plainto_tsquery('spanish', q) || plainto_tsquery('english', q)`).

Each backend answers three questions, one SQL statement each, whatever the data
size: how many hits per kind, the best few of every kind, and one page of one kind.
Rows come back as `Hit`s ordered by relevance (then title).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper

from datacon.search.words import words_of

TABLE = "search_searchdocument"
FTS = "search_fts"
UNACCENT = "search_unaccent"
EXCERPT_SOURCE = 4000  # characters of the body read to cut an excerpt around the match

_COLUMNS = (
    f"d.id, d.kind, d.title, d.context, d.url, SUBSTR(d.body, 1, {EXCERPT_SOURCE}), "
    f"d.title_en, SUBSTR(d.body_en, 1, {EXCERPT_SOURCE})"
)


@dataclass(frozen=True)
class Hit:
    id: int
    kind: str
    title: str
    context: str
    url: str
    body: str
    title_en: str
    body_en: str


class Backend:
    """Shared SQL around a `hits` CTE (id, score) that each database defines."""

    def install(self, connection: BaseDatabaseWrapper) -> None:
        raise NotImplementedError

    def uninstall(self, connection: BaseDatabaseWrapper) -> None:
        raise NotImplementedError

    def _hits(self, query: str) -> tuple[str, list[Any]] | None:
        """The CTE body selecting (id, score) of matching documents; None: nothing can match."""
        raise NotImplementedError

    def counts(self, connection: BaseDatabaseWrapper, query: str) -> dict[str, int]:
        hits = self._hits(query)
        if hits is None:
            return {}
        sql = (
            f"WITH hits AS ({hits[0]}) SELECT d.kind, COUNT(*) FROM hits "
            f"JOIN {TABLE} d ON d.id = hits.id GROUP BY d.kind"
        )
        return {kind: count for kind, count in _rows(connection, sql, hits[1])}

    def best_of_each(self, connection: BaseDatabaseWrapper, query: str, per_kind: int) -> list[Hit]:
        hits = self._hits(query)
        if hits is None:
            return []
        sql = (
            f"WITH hits AS ({hits[0]}) SELECT * FROM ("
            f"SELECT {_COLUMNS}, ROW_NUMBER() OVER ("
            f"PARTITION BY d.kind ORDER BY hits.score DESC, d.title, d.id) AS n "
            f"FROM hits JOIN {TABLE} d ON d.id = hits.id) ranked "
            f"WHERE n <= %s ORDER BY n"
        )
        return [Hit(*row[:8]) for row in _rows(connection, sql, [*hits[1], per_kind])]

    def page(
        self, connection: BaseDatabaseWrapper, query: str, kind: str, offset: int, limit: int
    ) -> list[Hit]:
        hits = self._hits(query)
        if hits is None:
            return []
        sql = (
            f"WITH hits AS ({hits[0]}) SELECT {_COLUMNS} FROM hits "
            f"JOIN {TABLE} d ON d.id = hits.id WHERE d.kind = %s "
            f"ORDER BY hits.score DESC, d.title, d.id LIMIT %s OFFSET %s"
        )
        return [Hit(*row) for row in _rows(connection, sql, [*hits[1], kind, limit, offset])]


class SqliteBackend(Backend):
    def install(self, connection: BaseDatabaseWrapper) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE VIRTUAL TABLE {FTS} USING fts5(normalised, content='{TABLE}', "
                "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
            )
            cursor.execute(
                f"CREATE TRIGGER {FTS}_insert AFTER INSERT ON {TABLE} BEGIN "
                f"INSERT INTO {FTS}(rowid, normalised) VALUES (new.id, new.normalised); END"
            )
            cursor.execute(
                f"CREATE TRIGGER {FTS}_delete AFTER DELETE ON {TABLE} BEGIN "
                f"INSERT INTO {FTS}({FTS}, rowid, normalised) "
                "VALUES ('delete', old.id, old.normalised); END"
            )
            cursor.execute(
                f"CREATE TRIGGER {FTS}_update AFTER UPDATE ON {TABLE} BEGIN "
                f"INSERT INTO {FTS}({FTS}, rowid, normalised) "
                "VALUES ('delete', old.id, old.normalised); "
                f"INSERT INTO {FTS}(rowid, normalised) VALUES (new.id, new.normalised); END"
            )

    def uninstall(self, connection: BaseDatabaseWrapper) -> None:
        with connection.cursor() as cursor:
            for trigger in ("insert", "delete", "update"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {FTS}_{trigger}")
            cursor.execute(f"DROP TABLE IF EXISTS {FTS}")

    def _hits(self, query: str) -> tuple[str, list[Any]] | None:
        words = words_of(query)[:12]
        if not words:
            return None
        # Every word must appear (FTS5's implicit AND); words are [0-9a-z]+, quoted anyway.
        match = " ".join(f'"{word}"' for word in words)
        # FTS5's rank is bm25, lower is better: negated so that higher is better everywhere.
        return f"SELECT rowid AS id, -rank AS score FROM {FTS} WHERE {FTS} MATCH %s", [match]


class PostgresBackend(Backend):
    VECTOR = (
        f"to_tsvector('spanish'::regconfig, {UNACCENT}(title || ' ' || body)) || "
        f"to_tsvector('english'::regconfig, {UNACCENT}(title_en || ' ' || body_en))"
    )

    def install(self, connection: BaseDatabaseWrapper) -> None:
        with connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
            cursor.execute(
                "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n "
                "ON n.oid = e.extnamespace WHERE e.extname = 'unaccent'"
            )
            schema = cursor.fetchone()[0]
            # unaccent() is only STABLE (its dictionary could change); an index needs an
            # IMMUTABLE function, so a wrapper names the dictionary explicitly.
            cursor.execute(
                f"CREATE OR REPLACE FUNCTION {UNACCENT}(text) RETURNS text "
                "LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS "
                f"$$ SELECT {schema}.unaccent('{schema}.unaccent'::regdictionary, $1) $$"
            )
            cursor.execute(
                f"ALTER TABLE {TABLE} ADD COLUMN vector tsvector "
                f"GENERATED ALWAYS AS ({self.VECTOR}) STORED"
            )
            cursor.execute(f"CREATE INDEX search_document_vector ON {TABLE} USING GIN (vector)")

    def uninstall(self, connection: BaseDatabaseWrapper) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS search_document_vector")
            cursor.execute(f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS vector")
            cursor.execute(f"DROP FUNCTION IF EXISTS {UNACCENT}(text)")

    def _hits(self, query: str) -> tuple[str, list[Any]] | None:
        if not words_of(query):
            return None  # only stop words or symbols: the same answer as SQLite
        return (
            f"SELECT id, ts_rank(vector, q) AS score FROM {TABLE}, "
            f"(SELECT plainto_tsquery('spanish'::regconfig, {UNACCENT}(%s)) || "
            f"plainto_tsquery('english'::regconfig, {UNACCENT}(%s)) AS q) query "
            "WHERE vector @@ q",
            [query, query],
        )


def backend_for(connection: BaseDatabaseWrapper) -> Backend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SqliteBackend()
    raise NotImplementedError(f"No full-text search for {connection.vendor}.")


def _rows(connection: BaseDatabaseWrapper, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())
