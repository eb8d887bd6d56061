"""THE access policy: may this actor do this action on this category of this person's data?

Two shapes of one rule (STYLE.md §4): ``decide`` answers for one person, ``visible``
returns the same answer as a filter for lists and search. Both are pure: they read,
never write. ``caseweave.access.gate`` adds the audit record and the 404.
"""

from __future__ import annotations

from django.db.models import Q

from caseweave.access.models import CareTeamMember
from caseweave.access.types import Action, Actor, Basis, Category, Decision, PersonId


def decide(
    actor: Actor, person_id: PersonId, category: Category, action: Action = Action.VIEW
) -> Decision:
    """The decision, with its basis, for one person."""
    if actor.is_system:
        return Decision(True, Basis.SYSTEM, reason=actor.system_reason)
    current = CareTeamMember.objects.filter(person_id=person_id, left_at__isnull=True)
    if actor.membership_id and current.filter(membership_id=actor.membership_id).exists():
        if not category.is_sensitive:
            return Decision(True, Basis.CARE_TEAM)
    if actor.organisation_id and current.filter(organisation_id=actor.organisation_id).exists():
        if not category.is_sensitive:
            return Decision(True, Basis.OWN_ORGANISATION)
    return Decision(False, Basis.NONE, reason="no care team role, consent or agreement")


def visible(
    actor: Actor,
    category: Category,
    *,
    action: Action = Action.VIEW,
    person_field: str = "person_id",
) -> Q:
    """A filter on ``person_field`` keeping only the people ``decide`` would allow."""
    if actor.is_system:
        return Q()
    if category.is_sensitive:
        return Q(pk__in=[])
    teams = CareTeamMember.objects.filter(left_at__isnull=True).filter(
        Q(organisation_id=actor.organisation_id) | Q(membership_id=actor.membership_id)
    )
    return Q(**{f"{person_field}__in": teams.values("person_id")})
