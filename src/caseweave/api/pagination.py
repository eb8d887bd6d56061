"""Limit/offset pagination for every list endpoint: ``count``, ``next``, ``previous``, ``items``.

Use ``@paginate(Pagination)`` (from ``ninja.pagination``) on a list endpoint returning a
queryset, with ``response=list[ItemOut]``. Endpoints listing people must audit the ids
they return: call ``page_of`` yourself, audit ``page["items"]`` and return the page
with ``response=Page[ItemOut]``. Bad parameters answer 422 problem+json naming
``limit`` or ``offset``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

MAX_LIMIT = 200
ItemT = TypeVar("ItemT")


class PageParams(Schema):
    limit: int | None = Field(
        None,
        ge=1,
        le=MAX_LIMIT,
        description=f"Items per page (1-{MAX_LIMIT}; default CASEWEAVE_API_PAGE_SIZE).",
    )
    offset: int = Field(0, ge=0, description="How many items to skip.")


class Page(Schema, Generic[ItemT]):
    count: int = Field(description="Number of items in the whole list.")
    next: str | None = Field(description="URL of the next page, or null on the last.")
    previous: str | None = Field(description="URL of the previous page, or null on the first.")
    items: list[ItemT]


def _page_url(request: HttpRequest, limit: int, offset: int) -> str:
    query = request.GET.copy()
    query["limit"] = str(limit)
    query["offset"] = str(offset)
    # ninja's TestClient leaves the query string in request.path; Django never does.
    path = request.path.split("?", 1)[0]
    return request.build_absolute_uri(f"{path}?{query.urlencode()}")


def page_of(
    items: QuerySet[Any] | Sequence[Any], params: PageParams, request: HttpRequest
) -> dict[str, Any]:
    """One page of ``items`` with the total count and links to its neighbours."""
    limit = params.limit or int(settings.CASEWEAVE_API_PAGE_SIZE)
    offset = params.offset
    count = items.count() if isinstance(items, QuerySet) else len(items)
    chunk = list(items[offset : offset + limit])
    return {
        "count": count,
        "next": _page_url(request, limit, offset + limit) if offset + limit < count else None,
        "previous": (
            _page_url(request, limit, max(offset - limit, 0)) if offset > 0 and count else None
        ),
        "items": chunk,
    }


class Pagination(PaginationBase):
    """The ninja pagination class for ``@paginate(Pagination)``."""

    Input = PageParams  # type: ignore[assignment]  # ninja reads the schema class off this name

    class Output(Schema):
        count: int
        next: str | None
        previous: str | None
        items: list[Any]

    def paginate_queryset(
        self, queryset: QuerySet[Any], pagination: PageParams, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        return page_of(queryset, pagination, request)
