"""Django permissions from roles: the role of the membership the user is acting in."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import BaseBackend
from django.db.models import Model

from caseweave.core.roles import permissions_for


class RolePermissionBackend(BaseBackend):
    """Grants module permissions by role; never answers object-level questions.

    The web and API layers set ``user.acting_membership`` for the request. Without it
    (a shell, a test) the user holds the union of their active memberships' roles.
    Passing an object always answers no, as Django's ModelBackend does: object-level
    decisions belong to ``caseweave.access.policy``.
    """

    def get_all_permissions(self, user_obj: Any, obj: Model | None = None) -> set[str]:
        if obj is not None or not getattr(user_obj, "is_active", False):
            return set()
        acting = getattr(user_obj, "acting_membership", None)
        if acting is not None:
            return set(permissions_for(acting.role))
        cache = getattr(user_obj, "_role_perm_cache", None)
        if cache is None:
            roles = user_obj.memberships.filter(is_active=True).values_list("role", flat=True)
            cache = set().union(*(permissions_for(role) for role in roles)) if roles else set()
            user_obj._role_perm_cache = cache
        return set(cache)

    def has_perm(self, user_obj: Any, perm: str, obj: Model | None = None) -> bool:
        return perm in self.get_all_permissions(user_obj, obj)
