"""Pages for data stewards and administrators: API clients, issuing and revoking tokens."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from caseweave.access.types import Actor
from caseweave.web.apiclients.forms import ApiClientForm, TokenIssueForm, add_api_errors
from caseweave.web.apiclients.port import api_clients
from caseweave.web.decorators import staff_view

PERMISSION = "api.manage_tokens"


@staff_view(PERMISSION)
@require_http_methods(["GET", "POST"])
def client_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    port = api_clients()
    assert actor.organisation_id is not None  # staff_view refuses actors without one
    form = ApiClientForm(
        request.POST or None,
        organisation_id=actor.organisation_id,
        scope_labels=port.SCOPE_LABELS,
    )
    if request.method == "POST" and form.is_valid():
        try:
            client = port.client_create(
                actor=actor,
                organisation_id=actor.organisation_id,
                name=form.cleaned_data["name"],
                acting_membership_id=form.cleaned_data["acting_membership"].pk,
                scopes=form.cleaned_data["scopes"],
            )
        except port.InvalidInput as error:
            add_api_errors(form, error.errors)
        else:
            messages.success(request, _("API client created. Issue it a token below."))
            return redirect("web:apiclients:detail", client_id=client.pk)
    clients = port.client_list(actor=actor)
    status = 422 if form.errors else 200
    return render(
        request, "web/apiclients/list.html", {"clients": clients, "form": form}, status=status
    )


def _detail(
    request: HttpRequest,
    actor: Actor,
    client_id: int,
    form: TokenIssueForm,
    secret: str = "",
    status: int = 200,
) -> HttpResponse:
    port = api_clients()
    client = port.client_get(actor=actor, client_id=client_id)
    context = {
        "client": client,
        "tokens": port.token_list(client=client),
        "form": form,
        "secret": secret,
        "scope_labels": {str(key): value for key, value in port.SCOPE_LABELS.items()},
    }
    return render(request, "web/apiclients/detail.html", context, status=status)


@staff_view(PERMISSION)
@never_cache
def client_detail(request: HttpRequest, actor: Actor, client_id: int) -> HttpResponse:
    return _detail(request, actor, client_id, TokenIssueForm())


@staff_view(PERMISSION)
@require_POST
@never_cache
def token_issue(request: HttpRequest, actor: Actor, client_id: int) -> HttpResponse:
    """Issue a token and show its secret on this one response; it is never shown again."""
    port = api_clients()
    form = TokenIssueForm(request.POST)
    if not form.is_valid():
        return _detail(request, actor, client_id, form, status=422)
    days = form.cleaned_data["expires"]
    expires_at = None if days == "never" else timezone.now() + timedelta(days=int(days))
    try:
        issued = port.token_issue(
            actor=actor,
            client_id=client_id,
            label=form.cleaned_data["label"],
            expires_at=expires_at,
        )
    except port.InvalidInput as error:
        add_api_errors(form, error.errors)
        return _detail(request, actor, client_id, form, status=422)
    return _detail(request, actor, client_id, TokenIssueForm(), secret=issued.secret)


@staff_view(PERMISSION)
@require_POST
def token_revoke(request: HttpRequest, actor: Actor, client_id: int, token_id: int) -> HttpResponse:
    port = api_clients()
    client = port.client_get(actor=actor, client_id=client_id)
    if not port.token_list(client=client).filter(pk=token_id).exists():
        raise Http404
    port.token_revoke(actor=actor, token_id=token_id)
    messages.success(request, _("Token revoked. It no longer works."))
    return redirect("web:apiclients:detail", client_id=client_id)


@staff_view(PERMISSION)
@require_POST
def client_deactivate(request: HttpRequest, actor: Actor, client_id: int) -> HttpResponse:
    api_clients().client_deactivate(actor=actor, client_id=client_id)
    messages.success(request, _("Client deactivated and all its tokens revoked."))
    return redirect("web:apiclients:detail", client_id=client_id)
