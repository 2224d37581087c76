"""What every conference dataset shares: state names, absolute URLs, local times and
the public-editions filter."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q

from datacon.common.choices import MexicanState
from datacon.common.urls import absolute_url
from datacon.editions.models import (
    PUBLIC_EDITION_STATUSES,
    Edition,
)

STATES = dict(MexicanState.choices)


def public_url(name: str, **kwargs: Any) -> str:
    return absolute_url(f"public:{name}", **kwargs)


def local_iso(value: dt.datetime | None, zone: str) -> str | None:
    if value is None:
        return None
    import zoneinfo

    return value.astimezone(zoneinfo.ZoneInfo(zone)).isoformat()


def edition_filter(edition: Edition | None, prefix: str = "edition") -> Q:
    if edition is not None:
        return Q(**{prefix: edition})
    return Q(**{f"{prefix}__status__in": PUBLIC_EDITION_STATUSES})
