"""The search index: one row per public thing a reader can find, rebuilt from the
capabilities' public selectors (datacon/search/index.py). Derived data: never
edited, never exported, rebuilt at any time by `manage.py search_rebuild`."""

from __future__ import annotations

from django.db import models


class SearchDocument(models.Model):
    kind = models.CharField(max_length=40)
    key = models.CharField(max_length=120)
    title = models.CharField(max_length=500)
    context = models.CharField(max_length=300, blank=True)  # "Sesión · DATACON 2024"
    body = models.TextField(blank=True)
    # The English version, when organisers wrote one ("" otherwise).
    title_en = models.CharField(max_length=500, blank=True, default="")
    body_en = models.TextField(blank=True, default="")
    url = models.CharField(max_length=500)
    # The stemmed, accent-free words of both languages the SQLite FTS5 table indexes
    # (datacon/search/words.py).
    normalised = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="search_document_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"


class SearchIndexState(models.Model):
    """Which public-data versions the documents of one kind were built from."""

    kind = models.CharField(max_length=40, unique=True)
    signature = models.CharField(max_length=500)
    built_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.kind}: {self.signature}"
