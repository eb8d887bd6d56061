"""The named cast every cross-app test uses (STYLE.md §7).

Each persona is a staff member acting in one membership. Later modules extend the cast
with relationships to people (care team, consent, break-glass) in their own fixtures.
"""

from __future__ import annotations

from dataclasses import dataclass

from caseweave.access.actors import actor_for_membership
from caseweave.access.types import Actor
from caseweave.core.choices import Role
from caseweave.core.models import Membership, User


@dataclass(frozen=True)
class Persona:
    key: str
    user: User
    membership: Membership

    @property
    def actor(self) -> Actor:
        return actor_for_membership(self.membership)


PERSONA_ROLES: dict[str, str] = {
    "outreach_worker": Role.OUTREACH_WORKER,
    "intake_officer": Role.INTAKE_OFFICER,
    "caseworker": Role.CASEWORKER,
    "supervisor": Role.SUPERVISOR,
    "receiving_agency_staff": Role.RECEIVING_AGENCY_STAFF,
    "table_chair": Role.TABLE_CHAIR,
    "table_member": Role.TABLE_MEMBER,
    "benefits_officer": Role.BENEFITS_OFFICER,
    "benefits_approver": Role.BENEFITS_APPROVER,
    "programme_coordinator": Role.PROGRAMME_COORDINATOR,
    "analyst": Role.ANALYST,
    "data_steward": Role.DATA_STEWARD,
    "administrator": Role.ADMINISTRATOR,
}
