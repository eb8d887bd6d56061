"""Writes of the api module: API clients and their tokens. Each audits in its transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from caseweave.access.errors import NotFound
from caseweave.access.types import Actor
from caseweave.api import events, tasks, tokens
from caseweave.api.errors import InvalidInput, NotPermitted
from caseweave.api.models import ApiClient, ApiToken
from caseweave.api.scopes import parse_scopes
from caseweave.api.selectors import client_get
from caseweave.audit import recorder
from caseweave.core.models import Membership
from caseweave.core.roles import permissions_for

MANAGE_PERMISSION = "api.manage_tokens"
# Revoked and expired tokens stay listed this long, then their rows go (the audit remains).
TOKEN_RETENTION = timedelta(days=90)


@dataclass(frozen=True)
class IssuedToken:
    """A new token row and its secret, which is shown once and never stored."""

    token: ApiToken
    secret: str


def _require_manager(actor: Actor) -> None:
    if not actor.is_system and MANAGE_PERMISSION not in permissions_for(actor.role):
        raise NotPermitted(f"the role {actor.role!r} may not manage API clients")


@transaction.atomic
def client_create(
    *,
    actor: Actor,
    organisation_id: int,
    name: str,
    acting_membership_id: int,
    scopes: list[str],
) -> ApiClient:
    """Register an integration of ``organisation_id`` acting through one of its memberships.

    Callers: data stewards and administrators of that organisation (``api.manage_tokens``)
    or a system actor (the ``apitoken`` command). Audits ``api.client_created``.
    Raises NotPermitted, or InvalidInput listing every invalid field.
    """
    _require_manager(actor)
    if not actor.is_system and actor.organisation_id != organisation_id:
        raise NotPermitted("API clients are managed by the organisation's own staff")
    errors: dict[str, list[str]] = {}
    name = name.strip()
    if not name:
        errors["name"] = ["Give the client a name."]
    elif ApiClient.objects.filter(organisation_id=organisation_id, name=name).exists():
        errors["name"] = [f"This organisation already has a client named {name!r}."]
    membership = Membership.objects.filter(
        pk=acting_membership_id, organisation_id=organisation_id, is_active=True
    ).first()
    if membership is None:
        errors["acting_membership"] = ["Choose an active membership of this organisation."]
    known, unknown = parse_scopes(scopes)
    if unknown:
        errors["scopes"] = [f"Unknown scope(s): {', '.join(unknown)}."]
    elif not known:
        errors["scopes"] = ["Choose at least one scope."]
    if errors or membership is None:
        raise InvalidInput(errors)
    client = ApiClient.objects.create(
        organisation_id=organisation_id,
        name=name,
        acting_membership=membership,
        scopes=[str(scope) for scope in known],
        created_by_id=actor.membership_id,
    )
    recorder.record(
        actor,
        events.API_CLIENT_CREATED,
        action="create",
        object_type="api_client",
        object_id=client.pk,
        payload={
            "organisation_id": organisation_id,
            "acting_membership_id": acting_membership_id,
            "scopes": client.scopes,
        },
    )
    return client


@transaction.atomic
def client_deactivate(*, actor: Actor, client_id: int) -> ApiClient:
    """Switch a client off and revoke all its tokens at once. Audits each revocation."""
    _require_manager(actor)
    client = client_get(actor=actor, client_id=client_id)
    for token in client.tokens.filter(revoked_at__isnull=True):
        token_revoke(actor=actor, token_id=token.pk)
    client.is_active = False
    client.version += 1
    client.save(update_fields=["is_active", "version"])
    recorder.record(
        actor,
        events.API_CLIENT_DEACTIVATED,
        action="update",
        object_type="api_client",
        object_id=client.pk,
        payload={"fields": ["is_active"]},
    )
    return client


@transaction.atomic
def token_issue(
    *, actor: Actor, client_id: int, label: str = "", expires_at: datetime | None = None
) -> IssuedToken:
    """Issue a bearer token for a client; the secret is returned once and stored as a hash.

    Audits ``api.token_issued`` (ids and expiry only) and, after commit, enqueues an email
    to the client's acting staff member so an unexpected token is noticed.
    Raises NotPermitted, NotFound (another organisation's client), InvalidInput.
    """
    _require_manager(actor)
    client = client_get(actor=actor, client_id=client_id)
    errors: dict[str, list[str]] = {}
    if not client.is_active:
        errors["client"] = ["This client is deactivated; create a new one."]
    if expires_at is not None and expires_at <= timezone.now():
        errors["expires_at"] = ["The expiry must be in the future."]
    if len(label) > 120:
        errors["label"] = ["Keep the label to 120 characters."]
    if errors:
        raise InvalidInput(errors)
    prefix, secret = tokens.generate()
    token = ApiToken.objects.create(
        client=client,
        prefix=prefix,
        secret_hash=tokens.hash_token(secret),
        label=label.strip(),
        expires_at=expires_at,
        created_by_id=actor.membership_id,
    )
    recorder.record(
        actor,
        events.API_TOKEN_ISSUED,
        action="create",
        object_type="api_token",
        object_id=token.pk,
        payload={
            "client_id": client.pk,
            "prefix": prefix,
            "expires_at": expires_at.isoformat() if expires_at else None,
        },
    )
    transaction.on_commit(lambda: tasks.notify_token_issued.enqueue(token.pk))
    return IssuedToken(token=token, secret=secret)


@transaction.atomic
def token_revoke(*, actor: Actor, token_id: int) -> ApiToken:
    """Revoke a token; it stops working at once. Revoking twice is a no-op (not re-audited)."""
    _require_manager(actor)
    token = ApiToken.objects.select_for_update().filter(pk=token_id).first()
    if token is None:
        raise NotFound("no such API token")
    client_get(actor=actor, client_id=token.client_id)  # another organisation's: NotFound
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.revoked_by_id = actor.membership_id
    token.save(update_fields=["revoked_at", "revoked_by"])
    recorder.record(
        actor,
        events.API_TOKEN_REVOKED,
        action="update",
        object_type="api_token",
        object_id=token.pk,
        payload={"client_id": token.client_id, "prefix": token.prefix},
    )
    return token


@transaction.atomic
def tokens_purge_expired(*, actor: Actor, now: datetime | None = None) -> int:
    """Delete token rows revoked or expired more than TOKEN_RETENTION ago.

    Run by the ``purge_expired_api_tokens`` task with a system actor; audits one
    ``api.tokens_expired_purged`` event listing the token ids, or nothing if none.
    """
    cutoff = (now or timezone.now()) - TOKEN_RETENTION
    stale = ApiToken.objects.filter(revoked_at__lt=cutoff) | ApiToken.objects.filter(
        expires_at__lt=cutoff
    )
    token_ids = sorted(stale.values_list("pk", flat=True))
    if not token_ids:
        return 0
    ApiToken.objects.filter(pk__in=token_ids).delete()
    recorder.record(
        actor,
        events.API_TOKENS_EXPIRED_PURGED,
        action="delete",
        object_type="api_token",
        payload={"token_ids": token_ids},
    )
    return len(token_ids)
