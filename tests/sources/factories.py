"""Sources and sourced facts for tests, written through the services."""

from __future__ import annotations

from typing import Any

from datacon.sources.models import Source, SourcedFact
from datacon.sources.services import source_save, sourced_fact_save
from tests.factories import SYSTEM


def source(**values: Any) -> Source:
    number = Source.objects.count() + 1
    defaults: dict[str, Any] = {
        "key": f"fuente-{number}",
        "kind": "press",
        "title": f"Nota de prensa {number}",
        "publisher": "Diario de prueba",
        "url": f"https://prensa.example/nota-{number}",
        "published": "2022-05",
    }
    return source_save(source=Source(**(defaults | values)), actor=SYSTEM)


def fact(**values: Any) -> SourcedFact:
    number = SourcedFact.objects.count() + 1
    defaults: dict[str, Any] = {
        "key": f"dato-{number}",
        "category": "general",
        "text": f"Dato público número {number}.",
        "quote": f"cita {number}",
    }
    if "source" not in values:
        defaults["source"] = source()
    return sourced_fact_save(fact=SourcedFact(**(defaults | values)), actor=SYSTEM)
