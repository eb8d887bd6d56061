"""The only writer of audit events. Call it inside the transaction of the change it records."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from caseweave.audit.models import AuditEvent
from caseweave.observability import current_request_id

if TYPE_CHECKING:
    from caseweave.access.types import Actor, Decision

GENESIS_HASH = "0" * 64

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


def event_hash(event: AuditEvent, previous_hash: str) -> str:
    """SHA-256 over the previous hash and this event's canonical JSON."""
    body: dict[str, Any] = {}
    for name in HASHED_FIELDS:
        value = getattr(event, name)
        if name == "occurred_at":
            value = value.isoformat()
        elif isinstance(value, UUID):
            value = str(value)
        body[name] = value
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(f"{previous_hash}|{canonical}".encode()).hexdigest()


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
) -> AuditEvent:
    """Append one event to the chain. ``payload`` holds ids and field names, never content."""
    with transaction.atomic():
        # Serialise writers so the chain stays a single line: lock the newest event.
        last = AuditEvent.objects.select_for_update().order_by("-id").only("hash").first()
        previous_hash = last.hash if last else GENESIS_HASH
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
            allowed=decision.allowed if decision else True,
            basis=str(decision.basis) if decision else "",
            basis_reference=decision.reference if decision else "",
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
