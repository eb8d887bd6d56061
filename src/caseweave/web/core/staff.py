"""Memberships (staff in an organisation and role), jurisdictions and teams."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caseweave.access.types import Actor
from caseweave.core import actions, selectors
from caseweave.core.errors import CoreError
from caseweave.web.core.forms import (
    JurisdictionForm,
    MembershipForm,
    TeamForm,
    TeamMemberForm,
    add_core_error,
)
from caseweave.web.decorators import staff_view

MANAGE_STAFF = "core.manage_memberships"
MANAGE_ORGANISATIONS = "core.manage_organisations"


@staff_view(MANAGE_STAFF)
def membership_create(request: HttpRequest, actor: Actor, organisation_id: int) -> HttpResponse:
    organisation = selectors.organisation_get(organisation_id=organisation_id)
    if organisation is None:
        raise Http404
    form = MembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.membership_create(
                actor=actor, organisation_id=organisation.pk, **form.cleaned_data
            )
        except CoreError as error:
            add_core_error(form, error)
        else:
            messages.success(request, _("Staff member added."))
            return redirect("web:core:organisation_detail", organisation_id=organisation.pk)
    return render(
        request, "web/core/membership_form.html", {"form": form, "organisation": organisation}
    )


@staff_view(MANAGE_STAFF)
@require_POST
def membership_end(request: HttpRequest, actor: Actor, membership_id: int) -> HttpResponse:
    membership = selectors.membership_get(membership_id=membership_id)
    if membership is None:
        raise Http404
    version = request.POST.get("version", "")
    try:
        actions.membership_end(
            actor=actor,
            membership_id=membership.pk,
            version=int(version) if version.isdigit() else 0,
        )
    except CoreError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Membership ended."))
    return redirect("web:core:organisation_detail", organisation_id=membership.organisation_id)


@staff_view(MANAGE_ORGANISATIONS)
def jurisdiction_tree(request: HttpRequest, actor: Actor) -> HttpResponse:
    form = JurisdictionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.jurisdiction_create(actor=actor, **form.cleaned_data)
        except CoreError as error:
            add_core_error(form, error)
        else:
            messages.success(request, _("Jurisdiction added."))
            return redirect("web:core:jurisdiction_tree")
    return render(
        request,
        "web/core/jurisdiction_tree.html",
        {"tree": selectors.jurisdiction_tree(), "form": form},
    )


@staff_view(MANAGE_STAFF)
def team_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    form = TeamForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            team = actions.team_create(
                actor=actor,
                organisation_id=actor.organisation_id or 0,
                **form.cleaned_data,
            )
        except CoreError as error:
            add_core_error(form, error)
        else:
            messages.success(request, _("Team created."))
            return redirect("web:core:team_detail", team_id=team.pk)
    return render(
        request, "web/core/team_list.html", {"teams": selectors.team_list(), "form": form}
    )


@staff_view(MANAGE_STAFF)
def team_detail(request: HttpRequest, actor: Actor, team_id: int) -> HttpResponse:
    team = selectors.team_get(team_id=team_id)
    if team is None:
        raise Http404
    form = TeamMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.team_member_add(
                actor=actor,
                team_id=team.pk,
                membership_id=form.cleaned_data["membership"].pk,
                is_lead=form.cleaned_data["is_lead"],
            )
        except CoreError as error:
            add_core_error(form, error)
        else:
            messages.success(request, _("Added to the team."))
            return redirect("web:core:team_detail", team_id=team.pk)
    return render(request, "web/core/team_detail.html", {"team": team, "form": form})


@staff_view(MANAGE_STAFF)
@require_POST
def team_member_remove(
    request: HttpRequest, actor: Actor, team_id: int, membership_id: int
) -> HttpResponse:
    try:
        actions.team_member_remove(actor=actor, team_id=team_id, membership_id=membership_id)
    except CoreError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Removed from the team."))
    return redirect("web:core:team_detail", team_id=team_id)
