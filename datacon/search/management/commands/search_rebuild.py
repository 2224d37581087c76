"""Rebuild the whole search index from the public selectors of every capability."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from datacon.search.index import index_rebuild_all


class Command(BaseCommand):
    help = "Reconstruye el índice de búsqueda con todo lo público."

    def handle(self, *args: Any, **options: Any) -> None:
        total = index_rebuild_all()
        self.stdout.write(f"Índice de búsqueda reconstruido: {total} documentos.")
