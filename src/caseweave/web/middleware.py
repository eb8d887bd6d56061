"""Which membership a signed-in user acts in (and the Actor); the second-factor gate."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

from caseweave.access.actors import actor_for_membership, pick_membership
from caseweave.core.selectors import user_requires_two_factor

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


def is_verified(request: HttpRequest) -> bool:
    """Whether this session passed a second factor (django_otp's OTPMiddleware answers)."""
    check = getattr(request.user, "is_verified", None)
    return bool(check()) if callable(check) else False


# Pages an administrator or data steward may open before the second factor is checked.
TWO_FACTOR_OPEN_URLS = (
    "web:two_factor_verify",
    "web:two_factor_enrol",
    "web:logout",
    "web:set_language",
)


class TwoFactorRequiredMiddleware:
    """Sends signed-in staff whose role needs TOTP to verify (or enrol) before anything else.

    The check follows every active membership, not only the acting one: a person who is
    a data steward in one organisation must not reach their steward powers by acting in
    another membership first and switching later.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not is_verified(request)
            and not self._is_open(request)
            and user_requires_two_factor(user)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {
                        "type": "about:blank",
                        "title": "Two-factor verification required",
                        "status": 403,
                        "detail": "Sign in on the web and enter your authenticator code first.",
                    },
                    status=403,
                    content_type="application/problem+json",
                )
            target = "web:two_factor_verify" if user_has_device(user) else "web:two_factor_enrol"
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _is_open(request: HttpRequest) -> bool:
        if request.path.startswith((settings.STATIC_URL or "/static/", "/healthz", "/readyz")):
            return True
        return request.path in {reverse(name) for name in TWO_FACTOR_OPEN_URLS}
