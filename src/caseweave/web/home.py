"""What each role sees first. Modules add their widgets here as they arrive."""

from __future__ import annotations

from typing import Any

from caseweave.core.choices import Role
from caseweave.core.models import Membership

HOME_TEMPLATES = {
    Role.OUTREACH_WORKER: "web/home/outreach.html",
    Role.INTAKE_OFFICER: "web/home/intake.html",
    Role.CASEWORKER: "web/home/caseworker.html",
    Role.SUPERVISOR: "web/home/caseworker.html",
    Role.RECEIVING_AGENCY_STAFF: "web/home/receiving.html",
    Role.TABLE_CHAIR: "web/home/table.html",
    Role.TABLE_MEMBER: "web/home/table.html",
    Role.BENEFITS_OFFICER: "web/home/benefits.html",
    Role.BENEFITS_APPROVER: "web/home/benefits.html",
    Role.PROGRAMME_COORDINATOR: "web/home/programmes.html",
    Role.ANALYST: "web/home/analyst.html",
    Role.DATA_STEWARD: "web/home/steward.html",
    Role.ADMINISTRATOR: "web/home/steward.html",
}


def home_context(user: Any, membership: Membership | None) -> tuple[str, dict[str, Any]]:
    if membership is None:
        return "web/home/no_membership.html", {}
    memberships = list(
        Membership.objects.filter(user=user, is_active=True).select_related("organisation")
    )
    return HOME_TEMPLATES[Role(membership.role)], {
        "membership": membership,
        "memberships": memberships,
        "teams": list(membership.teams.all()),
    }
