"""API clients of the caller's organisation, read-only (tokens are issued in the web UI)."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Query, Router, Schema

from caseweave.api import selectors
from caseweave.api.auth import require_scope
from caseweave.api.errors import NotPermitted
from caseweave.api.pagination import Page, PageParams, page_of
from caseweave.api.scopes import Scope

router = Router(tags=["platform"])


class ApiClientListItemOut(Schema):
    id: int
    name: str
    organisation_id: int
    acting_membership_id: int
    scopes: list[str]
    is_active: bool
    created_at: datetime


@router.get(
    "/api-clients",
    response=Page[ApiClientListItemOut],
    summary="List the API clients of the caller's organisation",
    description="Needs the permission `api.manage_tokens` (data steward, administrator) "
    "and, with an API token, the scope `platform:read`. Paginated with `limit`/`offset`.",
)
def api_client_list(request: HttpRequest, params: Query[PageParams]) -> dict[str, object]:
    require_scope(request, Scope.PLATFORM_READ)
    if not request.user.has_perm("api.manage_tokens"):
        raise NotPermitted("listing API clients needs the permission api.manage_tokens")
    clients = selectors.client_list(actor=request.actor)  # type: ignore[attr-defined]  # set by auth
    return page_of(clients.order_by("pk"), params, request)
