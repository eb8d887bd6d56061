"""The door: decide, record the access (allowed or denied), and refuse as "not found"."""

from __future__ import annotations

from collections.abc import Iterable

from caseweave.access import policy
from caseweave.access.errors import NotFound
from caseweave.access.types import Action, Actor, Category, Decision, PersonId
from caseweave.audit import recorder


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
