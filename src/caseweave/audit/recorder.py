"""The only writer of audit events. Call it inside the transaction of the change it records.

The chain: each event stores the previous event's hash and its own, an HMAC-SHA256
(keyed by ``CASEWEAVE_AUDIT_CHAIN_KEY``, else ``SECRET_KEY``) over the previous hash and
the event's canonical JSON. Someone with write access to the database but not the key
cannot forge a consistent event; ``caseweave audit verify`` finds the first break.
Keep the key stable: rotating it makes every older event fail verification.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from caseweave.audit.models import AuditEvent
from caseweave.observability import current_request_id

if TYPE_CHECKING:
    from caseweave.access.types import Actor, Decision

GENESIS_HASH = "0" * 64
# Any fixed 64-bit number: the advisory lock that serialises writers of the chain.
CHAIN_LOCK_KEY = 0x6361736577656176  # "casewea" + "v"

logger = logging.getLogger("caseweave.audit")

HASHED_FIELDS = (
    "occurred_at",
    "event_type",
    "actor_user_id",
    "actor_membership_id",
    "actor_organisation_id",
    "actor_role",
    "purpose",
    "action",
    "object_type",
    "object_id",
    "person_id",
    "person_ids",
    "categories",
    "allowed",
    "basis",
    "basis_reference",
    "ip_address",
    "user_agent",
    "request_id",
    "payload",
)


def chain_key() -> bytes:
    key = getattr(settings, "CASEWEAVE_AUDIT_CHAIN_KEY", "") or settings.SECRET_KEY
    return hashlib.sha256(f"caseweave.audit.chain|{key}".encode()).digest()


def event_hash(event: AuditEvent, previous_hash: str, key: bytes | None = None) -> str:
    """HMAC-SHA256 over the previous hash and this event's canonical JSON."""
    body: dict[str, Any] = {}
    for name in HASHED_FIELDS:
        value = getattr(event, name)
        if name == "occurred_at":
            value = value.isoformat()
        elif isinstance(value, UUID):
            value = str(value)
        body[name] = value
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), default=str)
    message = f"{previous_hash}|{canonical}".encode()
    return hmac.new(key or chain_key(), message, hashlib.sha256).hexdigest()


def _lock_chain() -> str:
    """Serialise writers and return the hash of the newest event.

    On PostgreSQL a transaction-scoped advisory lock: ``SELECT ... FOR UPDATE`` of the
    last row is racy while the table is empty and lets two writers chain onto the same
    event. SQLite's IMMEDIATE transactions already admit one writer at a time.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])
    last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
    return last or GENESIS_HASH


def record(
    actor: Actor | None,
    event_type: str,
    *,
    action: str = "",
    person_id: UUID | None = None,
    person_ids: Sequence[UUID] = (),
    categories: Sequence[str] = (),
    decision: Decision | None = None,
    object_type: str = "",
    object_id: str | int = "",
    payload: dict[str, Any] | None = None,
    allowed: bool | None = None,
) -> AuditEvent:
    """Append one event to the chain. ``payload`` holds ids and field names, never content."""
    with transaction.atomic():
        previous_hash = _lock_chain()
        event = AuditEvent(
            occurred_at=timezone.now(),
            event_type=event_type,
            actor_user_id=actor.user_id if actor else None,
            actor_membership_id=actor.membership_id if actor else None,
            actor_organisation_id=actor.organisation_id if actor else None,
            actor_role=actor.role if actor else "",
            purpose=str(actor.purpose) if actor else "",
            action=str(action),
            object_type=object_type,
            object_id=str(object_id),
            person_id=person_id,
            person_ids=[str(pid) for pid in person_ids],
            categories=[str(category) for category in categories],
            allowed=decision.allowed
            if decision is not None
            else (True if allowed is None else allowed),
            basis=str(decision.basis) if decision is not None else "",
            basis_reference=decision.reference if decision is not None else "",
            ip_address=actor.ip_address if actor else None,
            user_agent=(actor.user_agent if actor else "")[:300],
            request_id=current_request_id(),
            payload=payload or {},
            previous_hash=previous_hash,
        )
        if actor is not None and actor.is_system:
            event.payload = {**event.payload, "system_reason": actor.system_reason}
        event.hash = event_hash(event, previous_hash)
        event.save()
        return event


def record_access(
    actor: Actor,
    *,
    action: str,
    person_id: UUID,
    categories: Sequence[str],
    decision: Decision,
    object_type: str = "",
    object_id: str | int = "",
) -> AuditEvent:
    """A single-person access decision, allowed or denied."""
    event_type = f"{object_type or 'person'}.{action}" if decision.allowed else "access.denied"
    return record(
        actor,
        event_type,
        action=action,
        person_id=person_id,
        categories=categories,
        decision=decision,
        object_type=object_type,
        object_id=object_id,
    )


def record_list(
    actor: Actor, *, person_ids: Sequence[UUID], category: str, object_type: str
) -> AuditEvent:
    """One event per list or search request, naming every person it returned."""
    return record(
        actor,
        f"{object_type}.listed",
        action="view",
        person_ids=person_ids,
        categories=[category],
        object_type=object_type,
    )


def record_tamper_attempt(what: str, event_id: int | None = None) -> Exception:
    """Log an attempt to change audit events and return the error for the caller to raise."""
    from caseweave.audit import events
    from caseweave.audit.models import AuditTamperError

    target = f"audit event #{event_id}" if event_id is not None else "audit events"
    logger.error("refused %s of %s: the audit log is append-only", what, target)
    record(
        None,
        events.AUDIT_TAMPER_ATTEMPT,
        action=what,
        object_type="audit_event",
        object_id="" if event_id is None else event_id,
        payload={"refused": what},
        allowed=False,
    )
    return AuditTamperError(f"{target}: the audit log is append-only, {what} refused")
