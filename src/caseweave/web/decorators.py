"""The decorator staff pages use: signed in, acting in a membership, holding a module permission."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from caseweave.access.types import Actor

View = Callable[..., HttpResponse]


def staff_view(permission: str) -> Callable[[View], View]:
    """Pass the request's Actor to the view, or answer 403 (anonymous users go to sign-in).

    The actor always acts for an organisation (a staff membership); views may rely on it.
    """

    def decorate(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            actor: Actor | None = getattr(request, "actor", None)
            if (
                actor is None
                or actor.organisation_id is None
                or not request.user.has_perm(permission)
            ):
                raise PermissionDenied
            return view(request, actor, *args, **kwargs)

        return wrapped

    return decorate
