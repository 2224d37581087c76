import uuid

import pytest
from django.core.cache.backends.filebased import FileBasedCache
from django.test import Client

from datacon.program.services import session_save
from tests import factories

pytestmark = pytest.mark.django_db


def test_public_page_has_etag_and_answers_304_when_unchanged(client, edition):
    session = factories.SessionFactory(edition=edition)
    url = f"/ediciones/{edition.slug}/sesiones/{session.code}/"
    first = client.get(url)
    assert first.status_code == 200
    assert first["Cache-Control"] == "public, max-age=0, must-revalidate"
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_session_change_through_service_is_visible_on_next_request_everywhere(edition):
    client = Client()
    session = factories.SessionFactory(edition=edition, title="Título original")
    pages = [
        f"/ediciones/{edition.slug}/programa/",
        f"/ediciones/{edition.slug}/sesiones/{session.code}/",
        "/buscar/?q=titulo",
    ]
    session_save(session=session, actor=factories.SYSTEM)  # fills the search document
    etags = {}
    for url in pages:
        response = client.get(url)
        assert "Título original" in response.content.decode(), url
        etags[url] = response["ETag"]
    session.title = "Título corregido"
    session_save(session=session, actor=factories.SYSTEM)
    for url in pages:
        response = client.get(url, HTTP_IF_NONE_MATCH=etags[url])
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "Título corregido" in html, url
        assert "Título original" not in html, url


def test_cached_page_is_served_from_cache_without_rendering(client, edition, count_queries):
    factories.SessionFactory(edition=edition)
    url = f"/ediciones/{edition.slug}/programa/"
    client.get(url)
    # Second request: only the version lookup (and no template rendering queries).
    assert count_queries(lambda: client.get(url)) == 1


def test_english_and_spanish_pages_are_cached_separately(client, edition):
    client.get(f"/ediciones/{edition.slug}/programa/")
    english = client.get(f"/en/ediciones/{edition.slug}/programa/").content.decode()
    assert '<html lang="en"' in english


def test_public_page_answers_304_to_if_modified_since_until_data_changes(client, edition):
    session = factories.SessionFactory(edition=edition, title="Antes")
    session_save(session=session, actor=factories.SYSTEM)
    url = f"/ediciones/{edition.slug}/programa/"
    first = client.get(url)
    last_modified = first["Last-Modified"]
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    session.title = "Después"
    session_save(session=session, actor=factories.SYSTEM)
    import time

    time.sleep(1.1)  # Last-Modified has one-second resolution
    session_save(session=session, actor=factories.SYSTEM)
    again = client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified)
    assert again.status_code == 200
    assert "Después" in again.content.decode()


def test_head_request_gets_the_same_etag_as_get(client, edition):
    url = f"/ediciones/{edition.slug}/"
    assert client.head(url)["ETag"] == client.get(url)["ETag"]


def test_signed_in_user_gets_private_headers_and_no_shared_cache(
    organiser_client, edition, count_queries
):
    factories.SessionFactory(edition=edition)
    url = f"/ediciones/{edition.slug}/programa/"
    organiser_client.get(url)
    response = organiser_client.get(url)
    assert response["Cache-Control"] == "private, max-age=0, must-revalidate"
    assert count_queries(lambda: organiser_client.get(url)) > 1  # rendered for them


def test_anonymous_etag_differs_from_signed_in_etag(client, organiser_client, edition):
    url = f"/ediciones/{edition.slug}/"
    assert client.get(url)["ETag"] != organiser_client.get(url)["ETag"]


def test_page_memory_evicts_least_recently_used_within_its_byte_limit():
    from datacon.common.http import PageMemory

    memory = PageMemory(limit_bytes=100)
    memory.put("a", (b"x" * 20, {}, None))
    memory.put("b", (b"y" * 20, {}, None))
    memory.put("c", (b"z" * 20, {}, None))
    assert memory.get("a") == (b"x" * 20, {}, None)  # now the most recent
    memory.put("d", (b"w" * 20, {}, None))
    memory.put("e", (b"v" * 20, {}, None))
    memory.put("f", (b"u" * 20, {}, None))  # 120 bytes: the least recently used ("b") goes
    assert memory.get("b") is None
    assert memory.get("a") is not None
    assert memory.size == 100
    memory.put("huge", (b"h" * 30, {}, None))  # over a quarter of the limit: never kept
    assert memory.get("huge") is None


class FileCacheWithPageMemory(FileBasedCache):
    """A shared (not in-process) cache without Redis, declaring the page memory like
    datacon.common.redis_cache.RedisCache does."""

    keeps_page_memory = True

    def clear(self) -> None:
        from datacon.common.http import page_memory_clear

        page_memory_clear()
        super().clear()


@pytest.fixture
def file_cache(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.CACHES = {
        "default": {
            "BACKEND": "tests.common.test_http_cache.FileCacheWithPageMemory",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    settings.DATACON_PAGE_MEMORY_BYTES = 1024 * 1024


def test_page_memory_serves_repeated_pages_without_the_shared_cache(
    file_cache, client, edition, count_queries
):
    from django.core.cache import cache

    from datacon.common.http import page_memory

    factories.SessionFactory(edition=edition)
    url = f"/ediciones/{edition.slug}/programa/"
    client.get(url)
    memory = page_memory()
    assert memory is not None
    assert len(memory.entries) == 1
    import shutil

    shutil.rmtree(cache._dir)  # the shared copy is gone: the worker still has the page
    assert count_queries(lambda: client.get(url)) == 1  # the version read only
    cache.clear()  # empties this process's memory too
    assert len(memory.entries) == 0
    assert count_queries(lambda: client.get(url)) > 1  # rendered again
    assert len(memory.entries) == 1


def test_redis_cache_clear_empties_the_page_memory(settings, monkeypatch):
    from django.core.cache import caches
    from django.core.cache.backends import redis as django_redis

    from datacon.common.http import page_memory

    settings.CACHES = {
        "default": {
            "BACKEND": "datacon.common.redis_cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # never reached: Django's clear() is replaced
        }
    }
    monkeypatch.setattr(django_redis.RedisCache, "clear", lambda self: True)
    memory = page_memory()
    assert memory is not None
    memory.put("k", (b"page", {}, None))
    caches["default"].clear()
    assert memory.get("k") is None


def test_page_memory_is_off_with_the_local_memory_cache(settings):
    from datacon.common.http import page_memory

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "m"}
    }
    assert page_memory() is None


def test_public_page_renders_when_the_cache_server_is_down(settings, client, edition, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "datacon.common.redis_cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # discard port: nothing listens
            "KEY_PREFIX": f"sin-redis-{uuid.uuid4().hex}",  # its own record of Redis's health
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    session = factories.SessionFactory(edition=edition, title="Sin caché")
    response = client.get(f"/ediciones/{edition.slug}/sesiones/{session.code}/")
    assert response.status_code == 200
    assert "Sin caché" in response.content.decode()
    # The backend says it once, and answers from the process's memory meanwhile.
    assert "Redis no responde" in caplog.text
    assert "la caché usa la memoria del proceso" in caplog.text


def test_reused_redis_client_is_the_same_object_between_calls():
    from datacon.common.redis_cache import RedisCache

    backend = RedisCache("redis://127.0.0.1:9/0", {})
    client = backend._cache.get_client()
    assert backend._cache.get_client() is client
    assert backend._cache.get_client(write=True) is client  # one server: one pool


def test_page_is_served_gzip_compressed_to_clients_that_accept_it(client, edition):
    import gzip

    factories.SessionFactory(edition=edition, title="Comprimida")
    url = f"/ediciones/{edition.slug}/programa/"
    plain = client.get(url)
    assert "Content-Encoding" not in plain
    for attempt in ("miss", "hit"):
        packed = client.get(url, HTTP_ACCEPT_ENCODING="br, gzip;q=0.8")
        assert packed["Content-Encoding"] == "gzip", attempt
        assert gzip.decompress(packed.content) == plain.content, attempt
        assert packed["ETag"] == f"W/{plain['ETag']}", attempt
        assert "Accept-Encoding" in packed["Vary"] and "Cookie" in packed["Vary"], attempt
        if attempt == "miss":
            from django.core.cache import cache

            cache.clear()
            client.get(url, HTTP_ACCEPT_ENCODING="gzip")  # the cache holds both forms now
    assert "Accept-Encoding" in plain["Vary"]
    revalidated = client.get(url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=packed["ETag"])
    assert revalidated.status_code == 304


def test_page_is_not_compressed_when_gzip_is_refused(client, edition):
    url = f"/ediciones/{edition.slug}/"
    assert "Content-Encoding" not in client.get(url, HTTP_ACCEPT_ENCODING="gzip;q=0, deflate")
    assert "Content-Encoding" not in client.get(url, HTTP_ACCEPT_ENCODING="identity")


def test_small_or_binary_bodies_are_not_compressed():
    from datacon.common.http import _compressed

    assert _compressed(b"x" * 100, {"Content-Type": "text/html"}) is None
    assert _compressed(b"x" * 5000, {"Content-Type": "image/png"}) is None
    assert _compressed(b"x" * 5000, {"Content-Type": "text/html; charset=utf-8"}) is not None
    # The same page compresses to the same bytes every time (no timestamp inside).
    assert _compressed(b"y" * 5000, {"Content-Type": "text/html"}) == _compressed(
        b"y" * 5000, {"Content-Type": "text/html"}
    )
