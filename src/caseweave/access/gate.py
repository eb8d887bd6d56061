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


def allowed_among(
    actor: Actor, person_ids: Iterable[PersonId], category: Category, action: Action = Action.VIEW
) -> set[PersonId]:
    """Which of a few given people may be shown (one statement); no audit row (the list's
    own event names them all)."""
    decisions = policy.decide_each(actor, list(dict.fromkeys(person_ids)), category, action)
    return {person_id for person_id, decision in decisions.items() if decision.allowed}


def record_sections(
    actor: Actor,
    person_id: PersonId,
    categories: Iterable[Category],
    *,
    object_type: str = "person",
    object_id: str = "",
) -> None:
    """One audit event for a page or response, naming every category of the person's data
    it showed and the basis each was shown on (payload ``bases``: "care_team",
    "consent:42"...), so an access report can
    answer "who saw this person's mental-health notes".

    A category the policy refuses must never have been rendered: that is a bug in the
    caller, so the denial is recorded and ``NotFound`` raised before anything is sent.
    """
    shown = list(dict.fromkeys(categories))
    if not shown:
        return
    decisions = {category: policy.decide(actor, person_id, category) for category in shown}
    refused = [category for category, decision in decisions.items() if not decision.allowed]
    if refused:
        recorder.record_access(
            actor,
            action=Action.VIEW,
            person_id=person_id,
            categories=refused,
            decision=decisions[refused[0]],
            object_type=object_type,
            object_id=object_id,
        )
        raise NotFound()
    recorder.record(
        actor,
        f"{object_type}.sections_viewed",
        action=Action.VIEW,
        person_id=person_id,
        categories=shown,
        decision=decisions[shown[0]],
        object_type=object_type,
        object_id=object_id,
        payload={
            "bases": {
                str(category): decision.reference or str(decision.basis)
                for category, decision in decisions.items()
            }
        },
    )


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


def require_staff(actor: Actor, permission: str) -> tuple[int, int]:
    """(membership id, organisation id) of a staff actor holding ``permission``.

    Consents, agreements, categories and break-glass are acts of a named staff member,
    never of a task.
    """
    require_permission(actor, permission)
    if actor.membership_id is None or actor.organisation_id is None:
        raise NotPermitted(permission)
    return actor.membership_id, actor.organisation_id
