"""The page shell: the role-specific home page and switching the acting membership."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from caseweave.access.actors import pick_membership
from caseweave.web.home import home_context
from caseweave.web.middleware import SESSION_KEY


@login_required
def home(request: HttpRequest) -> HttpResponse:
    membership = getattr(request.user, "acting_membership", None)
    template, context = home_context(request.user, membership)
    return render(request, template, context)


@login_required
@require_POST
def switch_membership(request: HttpRequest) -> HttpResponse:
    raw = request.POST.get("membership", "")
    chosen = pick_membership(request.user, int(raw)) if raw.isdigit() else None
    if chosen is not None and str(chosen.pk) == raw:
        request.session[SESSION_KEY] = chosen.pk
    return redirect("web:home")


def api_docs(request: HttpRequest) -> HttpResponse:
    return render(request, "web/api_docs.html")
