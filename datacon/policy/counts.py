"""Counting related rows without multiplying the outer query's rows."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce


def count_of(model: Any, field_name: str, *, extra: Q | None = None) -> Coalesce:
    """COUNT(*) of `model` rows whose `field_name` points at the outer row, as a subquery.

    Unlike Count() over a join, several of these on one query never multiply
    each other, and the outer query needs no GROUP BY.
    """
    rows = model.objects.filter(**{field_name: OuterRef("pk")})
    if extra is not None:
        rows = rows.filter(extra)
    counted = rows.order_by().values(field_name).annotate(total=Count("pk")).values("total")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))
