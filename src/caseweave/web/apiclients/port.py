"""The api module's client-management functions, reached through the app registry.

``web`` may not import ``caseweave.api`` (sibling interfaces, checked by import-linter);
``ApiConfig.ready`` publishes ``caseweave.api.port`` and this Protocol types it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol, cast

from django.apps import apps

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from caseweave.access.types import Actor
    from caseweave.api.actions import IssuedToken
    from caseweave.api.errors import InvalidInput, NotPermitted
    from caseweave.api.models import ApiClient, ApiToken


class ApiClientsPort(Protocol):
    InvalidInput: type[InvalidInput]
    NotPermitted: type[NotPermitted]
    SCOPE_LABELS: Mapping[Any, Any]

    def client_list(self, *, actor: Actor) -> QuerySet[ApiClient]: ...

    def client_get(self, *, actor: Actor, client_id: int) -> ApiClient: ...

    def token_list(self, *, client: ApiClient) -> QuerySet[ApiToken]: ...

    def client_create(
        self,
        *,
        actor: Actor,
        organisation_id: int,
        name: str,
        acting_membership_id: int,
        scopes: list[str],
    ) -> ApiClient: ...

    def client_deactivate(self, *, actor: Actor, client_id: int) -> ApiClient: ...

    def token_issue(
        self, *, actor: Actor, client_id: int, label: str = "", expires_at: datetime | None = None
    ) -> IssuedToken: ...

    def token_revoke(self, *, actor: Actor, token_id: int) -> ApiToken: ...


def api_clients() -> ApiClientsPort:
    return cast("ApiClientsPort", apps.get_app_config("api").port)  # type: ignore[attr-defined]  # set in ApiConfig.ready
