"""What each role sees first: a heading, the tasks of the role, teams, memberships.

Modules add their entries to ROLE_TASKS as their pages arrive; a task whose page is
not installed, or whose permission the acting role lacks, is simply not shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from caseweave.core import selectors
from caseweave.core.choices import Role
from caseweave.core.models import Membership

HOME_TEMPLATES = {
    Role.OUTREACH_WORKER: "web/home/outreach.html",
    Role.INTAKE_OFFICER: "web/home/intake.html",
    Role.CASEWORKER: "web/home/caseworker.html",
    Role.SUPERVISOR: "web/home/supervisor.html",
    Role.RECEIVING_AGENCY_STAFF: "web/home/receiving.html",
    Role.TABLE_CHAIR: "web/home/table.html",
    Role.TABLE_MEMBER: "web/home/table.html",
    Role.BENEFITS_OFFICER: "web/home/benefits.html",
    Role.BENEFITS_APPROVER: "web/home/benefits.html",
    Role.PROGRAMME_COORDINATOR: "web/home/programmes.html",
    Role.ANALYST: "web/home/analyst.html",
    Role.DATA_STEWARD: "web/home/steward.html",
    Role.ADMINISTRATOR: "web/home/administrator.html",
}


@dataclass(frozen=True)
class Task:
    label: str | Promise
    url_name: str
    permission: str | None = None


FIND_PERSON = Task(_("Find or register a person"), "web:people:search", "people.view_people")
FIND_SERVICE = Task(_("Find a service"), "web:directory:search", "directory.view_directory")
CONSENTS = Task(_("Record or review consent"), "web:access:consent_list", "access.manage_consents")
ORGANISATIONS = Task(
    _("Organisations and staff"), "web:core:organisation_list", "core.manage_organisations"
)
TEAMS = Task(_("Teams across agencies"), "web:core:team_list", "core.manage_memberships")
LOCKED = Task(_("Unlock staff accounts"), "web:core:locked_accounts", "core.manage_memberships")
JURISDICTIONS = Task(_("Jurisdictions"), "web:core:jurisdiction_tree", "core.manage_organisations")
ACCESS_REVIEWS = Task(
    _("Review break-glass access"), "web:access:review_queue", "access.review_break_glass"
)
API = Task(_("API documentation for integrations"), "web:api_docs")

ROLE_TASKS: dict[str, list[Task]] = {
    Role.OUTREACH_WORKER: [FIND_PERSON, FIND_SERVICE, CONSENTS],
    Role.INTAKE_OFFICER: [FIND_PERSON, CONSENTS, FIND_SERVICE],
    Role.CASEWORKER: [FIND_PERSON, CONSENTS, FIND_SERVICE],
    Role.SUPERVISOR: [FIND_PERSON, CONSENTS, FIND_SERVICE],
    Role.RECEIVING_AGENCY_STAFF: [FIND_PERSON, FIND_SERVICE, CONSENTS],
    Role.TABLE_CHAIR: [FIND_PERSON, CONSENTS, FIND_SERVICE],
    Role.TABLE_MEMBER: [FIND_PERSON, FIND_SERVICE],
    Role.BENEFITS_OFFICER: [FIND_PERSON, CONSENTS, FIND_SERVICE],
    Role.BENEFITS_APPROVER: [FIND_PERSON, CONSENTS, FIND_SERVICE],
    Role.PROGRAMME_COORDINATOR: [FIND_PERSON, FIND_SERVICE, CONSENTS],
    Role.ANALYST: [FIND_SERVICE, API],
    Role.DATA_STEWARD: [ORGANISATIONS, TEAMS, LOCKED, ACCESS_REVIEWS, CONSENTS, JURISDICTIONS],
    Role.ADMINISTRATOR: [ORGANISATIONS, TEAMS, LOCKED, JURISDICTIONS, API],
}


def tasks_for(user: Any, role: str) -> list[dict[str, str]]:
    shown = []
    for task in ROLE_TASKS.get(role, []):
        if task.permission and not user.has_perm(task.permission):
            continue
        try:
            url = reverse(task.url_name)
        except NoReverseMatch:
            continue  # the module providing this page is not installed in this build
        shown.append({"label": str(task.label), "url": url})
    return shown


def home_context(user: Any, membership: Membership | None) -> tuple[str, dict[str, Any]]:
    if membership is None:
        return "web/home/no_membership.html", {}
    context: dict[str, Any] = {
        "membership": membership,
        "memberships": selectors.user_membership_list(user=user),
        "teams": list(membership.teams.all()),
        "tasks": tasks_for(user, membership.role),
    }
    if membership.role in {Role.DATA_STEWARD, Role.ADMINISTRATOR}:
        context["locked_accounts"] = selectors.locked_account_list(
            organisation_id=membership.organisation_id
        )
        context["staff_count"] = selectors.membership_list(
            organisation_id=membership.organisation_id
        ).count()
    return HOME_TEMPLATES[Role(membership.role)], context
