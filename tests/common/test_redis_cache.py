"""The Redis cache backend (runs only where REDIS_URL is set: the PostgreSQL pass of .ci/run)."""

import os
import uuid

import pytest

from datacon.common.redis_cache import RedisCache

pytestmark = pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="Necesita Redis.")


def _cache(prefix: str) -> RedisCache:
    return RedisCache(os.environ["REDIS_URL"], {"KEY_PREFIX": prefix})


def test_clear_deletes_only_keys_of_its_own_prefix():
    mine = _cache(f"mine-{uuid.uuid4().hex}")
    other = _cache(f"other-{uuid.uuid4().hex}")
    for index in range(1500):  # more than one SCAN/UNLINK batch
        mine.set(f"k{index}", index)
    other.set("session", "still here")
    mine.clear()
    assert mine.get("k0") is None
    assert mine.get("k1499") is None
    assert other.get("session") == "still here"
    other.clear()
    assert other.get("session") is None
