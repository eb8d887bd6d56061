"""Building the Actor for a staff member acting in one of their memberships."""

from __future__ import annotations

from typing import Any

from caseweave.access.types import Actor, Purpose
from caseweave.core.choices import Role
from caseweave.core.models import Membership

# What a role works for unless the request says otherwise; consents and agreements name
# purposes, so a table member sees what the person agreed to share with a case conference.
ROLE_PURPOSES: dict[str, Purpose] = {
    Role.TABLE_CHAIR: Purpose.CASE_CONFERENCE,
    Role.TABLE_MEMBER: Purpose.CASE_CONFERENCE,
    Role.BENEFITS_OFFICER: Purpose.BENEFITS,
    Role.BENEFITS_APPROVER: Purpose.BENEFITS,
    Role.ANALYST: Purpose.RESEARCH,
}


def pick_membership(user: Any, preferred_id: int | None) -> Membership | None:
    """The membership to act in: the one chosen this session if still active, else the first."""
    memberships = Membership.objects.filter(user=user, is_active=True).select_related(
        "organisation"
    )
    if preferred_id is not None:
        chosen = memberships.filter(pk=preferred_id).first()
        if chosen is not None:
            return chosen
    return memberships.order_by("pk").first()


def actor_for_membership(
    membership: Membership,
    *,
    purpose: Purpose | None = None,
    ip_address: str | None = None,
    user_agent: str = "",
) -> Actor:
    team_ids = frozenset(
        membership.team_memberships.filter(team__is_active=True).values_list("team_id", flat=True)
    )
    return Actor(
        user_id=membership.user_id,
        membership_id=membership.pk,
        organisation_id=membership.organisation_id,
        role=membership.role,
        purpose=purpose or ROLE_PURPOSES.get(membership.role, Purpose.SERVICE_COORDINATION),
        ip_address=ip_address,
        user_agent=user_agent[:300],
        team_ids=team_ids,
    )
