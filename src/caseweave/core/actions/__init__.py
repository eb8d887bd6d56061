"""Every write of core: organisations, jurisdictions, staff, memberships, teams, sign-in."""

from caseweave.core.actions.auth import (
    account_unlock,
    backup_codes_issue,
    two_factor_enrol_confirm,
    two_factor_enrol_start,
    two_factor_reset,
    two_factor_verify,
)
from caseweave.core.actions.organisations import (
    jurisdiction_create,
    organisation_create,
    organisation_set_active,
    organisation_update,
)
from caseweave.core.actions.staff import (
    membership_create,
    membership_end,
    team_create,
    team_member_add,
    team_member_remove,
)

__all__ = [
    "account_unlock",
    "backup_codes_issue",
    "jurisdiction_create",
    "membership_create",
    "membership_end",
    "organisation_create",
    "organisation_set_active",
    "organisation_update",
    "team_create",
    "team_member_add",
    "team_member_remove",
    "two_factor_enrol_confirm",
    "two_factor_enrol_start",
    "two_factor_reset",
    "two_factor_verify",
]
