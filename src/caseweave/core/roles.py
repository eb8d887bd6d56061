"""What each role may use: module-level permissions only.

Object-level questions ("may this caseworker see this person's mental-health notes?")
belong to ``caseweave.access.policy``; this table only answers "may this role use this
part of the platform at all". Permission strings are ``<module>.<codename>``.
"""

from __future__ import annotations

from caseweave.core.choices import Role

FRONTLINE = {
    "people.view_people",
    "people.register_person",
    "access.manage_consents",
    "access.use_break_glass",
    "directory.view_directory",
}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.OUTREACH_WORKER: frozenset(FRONTLINE),
    Role.INTAKE_OFFICER: frozenset(FRONTLINE),
    Role.CASEWORKER: frozenset(FRONTLINE | {"people.import_people"}),
    Role.SUPERVISOR: frozenset(
        FRONTLINE | {"people.merge_people", "people.review_duplicates", "audit.view_access_reports"}
    ),
    Role.RECEIVING_AGENCY_STAFF: frozenset(FRONTLINE | {"directory.manage_listings"}),
    Role.TABLE_CHAIR: frozenset(FRONTLINE),
    Role.TABLE_MEMBER: frozenset(
        {"people.view_people", "directory.view_directory", "access.use_break_glass"}
    ),
    Role.BENEFITS_OFFICER: frozenset(FRONTLINE),
    Role.BENEFITS_APPROVER: frozenset(FRONTLINE),
    Role.PROGRAMME_COORDINATOR: frozenset(
        {
            "people.view_people",
            "people.register_person",
            "directory.view_directory",
            "directory.manage_listings",
            "access.manage_consents",
        }
    ),
    Role.ANALYST: frozenset({"directory.view_directory", "reporting.view_reports"}),
    Role.DATA_STEWARD: frozenset(
        {
            "core.manage_organisations",
            "core.manage_memberships",
            "access.manage_consents",
            "access.manage_agreements",
            "access.manage_consent_templates",
            "access.manage_categories",
            "access.review_break_glass",
            "access.use_break_glass",
            "audit.view_access_reports",
            "people.view_people",
            "people.merge_people",
            "people.review_duplicates",
            "people.import_people",
            "directory.view_directory",
            "directory.manage_listings",
            "directory.import_directory",
            "api.manage_tokens",
        }
    ),
    Role.ADMINISTRATOR: frozenset(
        {
            "core.manage_organisations",
            "core.manage_memberships",
            "access.use_break_glass",
            "directory.view_directory",
            "directory.manage_listings",
            "directory.import_directory",
            "api.manage_tokens",
        }
    ),
}

# Roles whose accounts must use a second factor (TOTP) to sign in.
TWO_FACTOR_ROLES = frozenset({Role.ADMINISTRATOR, Role.DATA_STEWARD})


def permissions_for(role: str) -> frozenset[str]:
    return ROLE_PERMISSIONS.get(role, frozenset())


def all_permissions() -> frozenset[str]:
    return frozenset().union(*ROLE_PERMISSIONS.values())
