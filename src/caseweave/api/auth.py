"""Who is calling the API: a signed-in staff member (session + CSRF) or an API client token.

Both end with ``request.actor`` set, so the access policy applies to integrations exactly
as to the staff member whose membership the client acts through. Endpoints call
``require_scope(request, Scope.PEOPLE_READ)``; session callers hold every scope (their
role's permissions and the access policy still apply), token callers only the client's.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer

from caseweave.access.actors import actor_for_membership
from caseweave.access.types import Actor
from caseweave.api import ratelimit, selectors
from caseweave.api.errors import MissingScope, NotPermitted
from caseweave.api.models import ApiClient
from caseweave.api.scopes import Scope


class StaffSession(APIKeyCookie):
    """Django's session, CSRF-checked for unsafe methods. The staff member needs a membership.

    Anonymous requests skip the CSRF check so that they answer 401, not 403.
    """

    param_name = "sessionid"

    def __init__(self) -> None:
        from django.conf import settings

        self.param_name = settings.SESSION_COOKIE_NAME
        super().__init__(csrf=True)

    def _get_key(self, request: HttpRequest) -> str | None:
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        if key and getattr(request, "actor", None) is not None:
            ratelimit.enforce(request, f"user:{request.user.pk}")
            return request.user
        return None


class ApiClientToken(HttpBearer):
    """``Authorization: Bearer cw_<prefix>_<secret>`` issued to an API client."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiClient | None:
        api_token = selectors.token_authenticate(token)
        if api_token is None:
            return None
        client = api_token.client
        ratelimit.enforce(request, f"client:{client.pk}")
        membership = client.acting_membership
        user = membership.user
        # Read by RolePermissionBackend, as for a signed-in user acting in this membership.
        user.acting_membership = membership  # type: ignore[attr-defined]
        request.user = user
        request.api_client = client  # type: ignore[attr-defined]
        request.actor = actor_for_membership(  # type: ignore[attr-defined]
            membership,
            ip_address=request.META.get("REMOTE_ADDR"),
            # The audit trail tells integration calls from the person's own.
            user_agent=f"caseweave-api-client/{client.pk} token/{api_token.prefix} "
            + request.headers.get("User-Agent", ""),
        )
        return client


session_auth = StaffSession()
token_auth = ApiClientToken()
# The token first: a bearer request must not fail the session's CSRF check.
AUTH = [token_auth, session_auth]


def client_of(request: HttpRequest) -> ApiClient | None:
    """The API client making this request, or None for a signed-in staff member."""
    client = getattr(request, "api_client", None)
    return client if isinstance(client, ApiClient) else None


def require_scope(request: HttpRequest, scope: Scope | str) -> None:
    """Raise MissingScope (403 problem+json naming it) unless the caller holds ``scope``."""
    client = client_of(request)
    if client is not None and str(scope) not in client.scopes:
        raise MissingScope(str(scope))


def acting_actor(request: HttpRequest, permission: str, scope: Scope | str | None = None) -> Actor:
    """The caller's Actor, once its token holds ``scope`` and its role ``permission``.

    Raises MissingScope or NotPermitted (403 problem+json naming what is missing).
    """
    if scope is not None:
        require_scope(request, scope)
    actor: Actor | None = getattr(request, "actor", None)
    if actor is None or not request.user.has_perm(permission):
        raise NotPermitted(f"this needs the permission {permission}")
    return actor
