"""Shared pieces of the read-only public API: pagination, cached viewsets, filters.

Every capability's API module can build on `PublicReadOnlyViewSet`:

    class ExpenseViewSet(PublicReadOnlyViewSet[Expense]):
        cache_scopes = (versions.POLICY,)
        queryset = ...            # through the capability's public selectors
        serializer_class = ...
        filterset_class = ...

Responses carry ETag, Last-Modified and Cache-Control from the public-data
versions (`datacon.common.http.public_page`): a client sending If-None-Match
gets 304 without a query beyond the version check, and anonymous responses
are served from the shared cache until the data changes.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model
from django.http import HttpRequest
from django.views.decorators.csrf import csrf_exempt
from rest_framework import mixins, viewsets
from rest_framework.pagination import PageNumberPagination

from datacon.common.access import Access, Audience
from datacon.common.http import public_page
from datacon.common.versions import CONFERENCE

_M = TypeVar("_M", bound=Model)


class PublicPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


def cached_api_view(view: Any, scopes: tuple[str, ...]) -> Any:
    """Wrap a DRF view function in public_page; DRF responses are rendered first,
    because the page cache stores bytes."""

    def rendered(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not getattr(response, "is_rendered", True):
            response.render()
        return response

    rendered.__dict__.update(view.__dict__)  # cls, initkwargs, actions: drf-spectacular reads them
    rendered.__name__ = getattr(view, "__name__", "api_view")
    wrapped = public_page(scopes, cors=True)(rendered)
    return csrf_exempt(wrapped)


class PublicReadOnlyViewSet(viewsets.ReadOnlyModelViewSet[_M]):
    """Read-only, paginated, filterable and cached under `cache_scopes`."""

    cache_scopes: tuple[str, ...] = (CONFERENCE,)
    pagination_class = PublicPagination
    # Open data: anyone may read every endpoint (the route × role matrix checks it).
    access = Access(Audience.PUBLIC)

    @classmethod
    def as_view(cls, actions: Any = None, **initkwargs: Any) -> Any:
        view = super().as_view(actions, **initkwargs)
        return cached_api_view(view, cls.cache_scopes)


class PublicListViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[_M]):
    """Like PublicReadOnlyViewSet, for records that are only ever read as a list
    (no detail route is generated, so the OpenAPI document promises none)."""

    cache_scopes: tuple[str, ...] = (CONFERENCE,)
    pagination_class = PublicPagination
    access = Access(Audience.PUBLIC)

    @classmethod
    def as_view(cls, actions: Any = None, **initkwargs: Any) -> Any:
        view = super().as_view(actions, **initkwargs)
        return cached_api_view(view, cls.cache_scopes)


class PublicViewSet(viewsets.ViewSet):
    """A cached read-only ViewSet for things that are not model lists (figures, datasets)."""

    cache_scopes: tuple[str, ...] = (CONFERENCE,)
    access = Access(Audience.PUBLIC)

    @classmethod
    def as_view(cls, actions: Any = None, **initkwargs: Any) -> Any:
        view = super().as_view(actions, **initkwargs)
        return cached_api_view(view, cls.cache_scopes)
