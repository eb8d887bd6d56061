"""Navigation for the page shell: what this user, in this role, may open."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from caseweave.core.selectors import user_requires_two_factor
from caseweave.web.middleware import is_verified
from caseweave.web.navigation import navigation_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "acting_membership": None, "map_tile_url": settings.MAP_TILE_URL}
    if not is_verified(request) and user_requires_two_factor(user):
        # Every menu entry would only bounce back to the code page until it is entered.
        return {"nav_items": [], "acting_membership": None, "map_tile_url": settings.MAP_TILE_URL}
    return {
        "nav_items": navigation_for(user),
        "acting_membership": getattr(user, "acting_membership", None),
        "map_tile_url": settings.MAP_TILE_URL,
    }
