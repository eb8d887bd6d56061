"""The door: decide, record the access (allowed or denied), and refuse as "not found"."""

from __future__ import annotations

from collections.abc import Iterable

from caseweave.access import policy
from caseweave.access.errors import NotFound, NotPermitted
from caseweave.access.types import Action, Actor, Category, Decision, PersonId
from caseweave.audit import recorder
from caseweave.core.roles import permissions_for


def require(
    actor: Actor,
    person_id: PersonId,
    category: Category,
    action: Action = Action.VIEW,
    *,
    object_type: str = "",
    object_id: str = "",
) -> Decision:
    """Allow or raise ``NotFound``; either way one audit event is written."""
    decision = policy.decide(actor, person_id, category, action)
    recorder.record_access(
        actor,
        action=action,
        person_id=person_id,
        categories=[category],
        decision=decision,
        object_type=object_type,
        object_id=object_id,
    )
    if not decision.allowed:
        raise NotFound()
    return decision


def allows(
    actor: Actor, person_id: PersonId, category: Category, action: Action = Action.VIEW
) -> bool:
    """Whether a section may be shown; no audit row (the page's own view was audited)."""
    return policy.decide(actor, person_id, category, action).allowed


def record_list(
    actor: Actor, person_ids: Iterable[PersonId], category: Category, *, object_type: str
) -> None:
    """One audit event for a list or search result, naming every person returned."""
    recorder.record_list(
        actor, person_ids=list(person_ids), category=category, object_type=object_type
    )


def authorise(
    actor: Actor,
    person_id: PersonId,
    category: Category,
    action: Action,
    *,
    object_type: str = "",
) -> Decision:
    """For writes that audit themselves: allow silently, or record the denial and raise.

    Call it before the write's transaction opens, so the denial event is kept.
    """
    decision = policy.decide(actor, person_id, category, action)
    if not decision.allowed:
        recorder.record_access(
            actor,
            action=action,
            person_id=person_id,
            categories=[category],
            decision=decision,
            object_type=object_type,
        )
        raise NotFound()
    return decision


def require_permission(actor: Actor | None, permission: str) -> Actor:
    """The acting role holds a module permission (e.g. ``access.review_break_glass``)."""
    if actor is None or (not actor.is_system and permission not in permissions_for(actor.role)):
        raise NotPermitted(permission)
    return actor
