"""The permission gate of the data steward's pages."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from caseweave.access.types import Actor


def require_actor(request: HttpRequest, permission: str) -> Actor:
    """The request's Actor if their acting role holds ``permission``; 403 otherwise."""
    actor: Actor | None = getattr(request, "actor", None)
    if actor is None or actor.organisation_id is None or not request.user.has_perm(permission):
        raise PermissionDenied(permission)
    return actor
