"""What deleting a record from a back-office screen means, said before it happens.

Both record mechanisms (an edition's records, datacon/backoffice/records.py, and
the platform's, datacon/backoffice/catalogue.py) ask first: the confirmation
page lists what goes with the record (its CASCADE relations) and, when other
records still hold it (PROTECT or RESTRICT), says which and deletes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from django.contrib.admin.utils import NestedObjects
from django.db import router
from django.db.models import Model
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _


def deletion_preview(record: Model) -> tuple[list[tuple[str, int]], list[str]]:
    """What deleting the record takes with it ((plural name, count) per kind of record),
    and why it cannot be deleted (the records that hold it), [] when it can."""
    collector = NestedObjects(using=router.db_for_write(type(record)))
    collector.collect([record])
    # django-stubs types the keys as labels; they are the models.
    collected = cast(dict[type[Model], set[Model]], collector.model_objs)
    also = [
        (str(model._meta.verbose_name_plural), len(objects))
        for model, objects in collected.items()
        if objects and model is not type(record) and not model._meta.auto_created
    ]
    holders: set[Model] = collector.protected
    return sorted(also), [protected_message(holders)] if holders else []


def protected_message(holders: Iterable[Model]) -> str:
    """Which records hold this one, by kind: «Comentarios: «#1 · Sugiero…», …»."""
    by_kind: dict[str, list[str]] = {}
    for holder in holders:
        kind = str(type(holder)._meta.verbose_name_plural)
        by_kind.setdefault(kind, []).append(Truncator(str(holder)).chars(60))
    parts = []
    for kind, names in sorted(by_kind.items()):
        shown = ", ".join(f"«{name}»" for name in sorted(names)[:5])
        if len(names) > 5:
            shown += " " + _("y %(n)s más") % {"n": len(names) - 5}
        parts.append(f"{capfirst(kind)}: {shown}")
    return _(
        "No se puede borrar: otros registros lo usan (%(records)s). "
        "Mientras existan, este registro se conserva."
    ) % {"records": "; ".join(parts)}
