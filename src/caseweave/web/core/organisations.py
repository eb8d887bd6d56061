"""Organisations: list, register, edit, deactivate; the staff of one organisation."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caseweave.access.types import Actor
from caseweave.core import actions, selectors
from caseweave.core.errors import CoreError
from caseweave.core.models import Organisation
from caseweave.web.core.forms import MembershipForm, OrganisationForm, add_core_error
from caseweave.web.decorators import staff_view

MANAGE = "core.manage_organisations"


def _get(organisation_id: int) -> Organisation:
    organisation = selectors.organisation_get(organisation_id=organisation_id)
    if organisation is None:
        raise Http404
    return organisation


@staff_view(MANAGE)
def organisation_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    organisations = selectors.organisation_list(query=query)
    return render(
        request, "web/core/organisation_list.html", {"organisations": organisations, "query": query}
    )


@staff_view(MANAGE)
def organisation_create(request: HttpRequest, actor: Actor) -> HttpResponse:
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            organisation = actions.organisation_create(actor=actor, **values)
        except CoreError as error:
            add_core_error(form, error)
        else:
            messages.success(request, _("Organisation registered."))
            return redirect("web:core:organisation_detail", organisation_id=organisation.pk)
    return render(request, "web/core/organisation_form.html", {"form": form, "creating": True})


@staff_view(MANAGE)
def organisation_detail(request: HttpRequest, actor: Actor, organisation_id: int) -> HttpResponse:
    organisation = _get(organisation_id)
    may_manage_staff = request.user.has_perm("core.manage_memberships") and (
        actor.role == "administrator" or actor.organisation_id == organisation.pk
    )
    context = {
        "organisation": organisation,
        "memberships": selectors.membership_list(
            organisation_id=organisation.pk, include_ended=True
        ),
        "may_manage_staff": may_manage_staff,
        "may_reset_two_factor": actor.role == "administrator",
        "membership_form": MembershipForm() if may_manage_staff else None,
    }
    return render(request, "web/core/organisation_detail.html", context)


@staff_view(MANAGE)
def organisation_edit(request: HttpRequest, actor: Actor, organisation_id: int) -> HttpResponse:
    organisation = _get(organisation_id)
    initial = {
        "name": organisation.name,
        "short_name": organisation.short_name,
        "kind": organisation.kind,
        "jurisdiction": organisation.jurisdiction,
        "email": organisation.email,
        "phone": organisation.phone,
        "break_glass_hours": organisation.break_glass_hours,
        "version": organisation.version,
    }
    form = OrganisationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            actions.organisation_update(
                actor=actor,
                organisation_id=organisation.pk,
                version=form.cleaned_data["version"] or 0,
                **values,
            )
        except CoreError as error:
            add_core_error(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("web:core:organisation_detail", organisation_id=organisation.pk)
    return render(
        request,
        "web/core/organisation_form.html",
        {"form": form, "organisation": organisation, "creating": False},
    )


@staff_view(MANAGE)
@require_POST
def organisation_set_active(
    request: HttpRequest, actor: Actor, organisation_id: int
) -> HttpResponse:
    organisation = _get(organisation_id)
    active = request.POST.get("active") == "1"
    version = request.POST.get("version", "")
    try:
        actions.organisation_set_active(
            actor=actor,
            organisation_id=organisation.pk,
            version=int(version) if version.isdigit() else 0,
            active=active,
        )
    except CoreError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Organisation reactivated.") if active else _("Organisation deactivated.")
        )
    return redirect("web:core:organisation_detail", organisation_id=organisation.pk)
