"""Unlocking accounts locked after failed sign-ins; resetting a lost authenticator."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caseweave.access.types import Actor
from caseweave.core import actions, selectors
from caseweave.core.errors import CoreError
from caseweave.web.decorators import staff_view


@staff_view("core.manage_memberships")
def locked_account_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    accounts = selectors.locked_account_list(organisation_id=actor.organisation_id)
    return render(request, "web/core/locked_accounts.html", {"accounts": accounts})


@staff_view("core.manage_memberships")
@require_POST
def account_unlock(request: HttpRequest, actor: Actor) -> HttpResponse:
    email = request.POST.get("email", "")
    try:
        actions.account_unlock(actor=actor, email=email)
    except CoreError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Unlocked %(email)s. They can sign in again now.") % {"email": email}
        )
    return redirect("web:core:locked_accounts")


@staff_view("core.manage_memberships")
@require_POST
def two_factor_reset(request: HttpRequest, actor: Actor, user_id: int) -> HttpResponse:
    try:
        actions.two_factor_reset(actor=actor, user_id=user_id)
    except CoreError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Two-step sign-in reset. They set it up again at their next sign-in.")
        )
    back = request.POST.get("organisation", "")
    if back.isdigit():
        return redirect("web:core:organisation_detail", organisation_id=int(back))
    return redirect("web:core:organisation_list")
