"""The scopes an API client may hold; each endpoint names the one it needs."""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Scope(StrEnum):
    """``<module>:<read|write>``. A scope narrows a client; it never widens the access policy."""

    PLATFORM_READ = "platform:read"
    PEOPLE_READ = "people:read"
    PEOPLE_WRITE = "people:write"
    DIRECTORY_READ = "directory:read"
    DIRECTORY_WRITE = "directory:write"
    ACCESS_READ = "access:read"
    ACCESS_WRITE = "access:write"
    REFERRALS_READ = "referrals:read"
    REFERRALS_WRITE = "referrals:write"
    AUDIT_READ = "audit:read"

    @property
    def label(self) -> str:
        return str(SCOPE_LABELS[self])


SCOPE_LABELS = {
    Scope.PLATFORM_READ: _("Read who the client acts as"),
    Scope.PEOPLE_READ: _("Read people (as the access policy allows)"),
    Scope.PEOPLE_WRITE: _("Register and update people"),
    Scope.DIRECTORY_READ: _("Read the service directory"),
    Scope.DIRECTORY_WRITE: _("Update the service directory"),
    Scope.ACCESS_READ: _("Read consents and care teams"),
    Scope.ACCESS_WRITE: _("Record consents and care teams"),
    Scope.REFERRALS_READ: _("Read referrals"),
    Scope.REFERRALS_WRITE: _("Send and update referrals"),
    Scope.AUDIT_READ: _("Read access reports"),
}

ALL_SCOPES = frozenset(Scope)


def parse_scopes(raw: list[str] | tuple[str, ...]) -> tuple[list[Scope], list[str]]:
    """Split requested scope names into known scopes and the unknown names (for the error)."""
    known: list[Scope] = []
    unknown: list[str] = []
    for name in raw:
        try:
            scope = Scope(name.strip())
        except ValueError:
            unknown.append(name)
            continue
        if scope not in known:
            known.append(scope)
    return known, unknown
