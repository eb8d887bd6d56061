"""Reads of the api module: API clients of the actor's organisation, token look-up."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone

from caseweave.access.errors import NotFound
from caseweave.access.types import Actor
from caseweave.api import tokens
from caseweave.api.models import ApiClient, ApiToken

# Writing last_used_at on every request would turn each API read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def client_list(*, actor: Actor) -> QuerySet[ApiClient]:
    """The API clients of the actor's organisation (all of them for a system actor)."""
    clients = ApiClient.objects.select_related("organisation", "acting_membership__user")
    if actor.is_system:
        return clients
    if actor.organisation_id is None:
        return clients.none()
    return clients.filter(organisation_id=actor.organisation_id)


def client_get(*, actor: Actor, client_id: int) -> ApiClient:
    """One client of the actor's organisation; another organisation's looks missing."""
    client = client_list(actor=actor).filter(pk=client_id).first()
    if client is None:
        raise NotFound("no such API client")
    return client


def token_list(*, client: ApiClient) -> QuerySet[ApiToken]:
    return client.tokens.select_related("created_by__user", "revoked_by__user")


def token_authenticate(raw_token: str) -> ApiToken | None:
    """The usable token matching ``raw_token`` (active client and membership), else None."""
    prefix = tokens.parse_prefix(raw_token)
    if prefix is None:
        return None
    token = (
        ApiToken.objects.select_related(
            "client__acting_membership__user", "client__acting_membership__organisation"
        )
        .filter(prefix=prefix)
        .first()
    )
    if token is None or not tokens.matches(raw_token, token.secret_hash):
        return None
    now = timezone.now()
    membership = token.client.acting_membership
    if not (
        token.is_usable(now)
        and token.client.is_active
        and membership.is_active
        and membership.user.is_active
        and membership.organisation_id == token.client.organisation_id
    ):
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
