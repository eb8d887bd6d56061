"""Which membership (organisation + role) a signed-in user is acting in, and the Actor."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from caseweave.access.actors import actor_for_membership, pick_membership

SESSION_KEY = "acting_membership_id"


class ActingMembershipMiddleware:
    """Sets ``request.user.acting_membership`` and ``request.actor`` for signed-in staff."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.actor = None  # type: ignore[attr-defined]  # set for every request, typed in StaffRequest
        user = request.user
        if user.is_authenticated:
            membership = pick_membership(user, request.session.get(SESSION_KEY))
            # Read by RolePermissionBackend: module permissions follow the acting role.
            user.acting_membership = membership  # type: ignore[attr-defined]
            if membership is not None:
                request.session[SESSION_KEY] = membership.pk
                request.actor = actor_for_membership(  # type: ignore[attr-defined]
                    membership,
                    ip_address=request.META.get("REMOTE_ADDR"),
                    user_agent=request.headers.get("User-Agent", ""),
                )
        return self.get_response(request)
