"""Household pages: start one from a person's page, see current and past members (only
those the policy shows), add a member found by search, a member leaves, primary contact."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caseweave.access.types import Actor, PersonId
from caseweave.people import selectors
from caseweave.people.actions import households as household_actions
from caseweave.people.errors import InvalidPerson, StaleVersion
from caseweave.people.selectors.records import household_get, household_may_update
from caseweave.web.decorators import staff_view
from caseweave.web.people.records import forms as record_forms
from caseweave.web.people.records.common import report_form_errors, report_problems

EDIT_PERMISSION = "people.register_person"


@staff_view(EDIT_PERMISSION)
@require_POST
def household_create(request: HttpRequest, actor: Actor, person_id: UUID) -> HttpResponse:
    form = record_forms.HouseholdCreateForm(request.POST)
    if not form.is_valid():
        report_form_errors(request, form)
        return redirect("web:people:detail", person_id=person_id)
    try:
        household = household_actions.household_create(
            actor=actor,
            person_id=PersonId(person_id),
            relationship=form.cleaned_data["relationship"],
            label=form.cleaned_data["label"],
        )
    except InvalidPerson as error:
        report_problems(request, error)
        return redirect("web:people:detail", person_id=person_id)
    messages.success(request, _("Household started."))
    return redirect("web:people:people_records:household", household_id=household.id)


@staff_view("people.view_people")
def household(request: HttpRequest, actor: Actor, household_id: UUID) -> HttpResponse:
    view = household_get(actor, household_id)
    may_update = household_may_update(actor, view)
    search_form = record_forms.HouseholdSearchForm(request.GET or None)
    hits = []
    query = ""
    if may_update and search_form.is_valid() and search_form.cleaned_data["q"].strip():
        query = search_form.cleaned_data["q"]
        current_ids = {row.membership.person_id for row in view.current}
        hits = [
            hit
            for hit in selectors.person_search(actor, selectors.SearchQuery.from_text(query))
            if hit.person is not None and hit.person_id not in current_ids
        ]
    version = view.household.version
    return render(
        request,
        "web/people/records/household.html",
        {
            "view": view,
            "may_update": may_update,
            "search_form": search_form,
            "query": query,
            "hits": hits,
            "add_form": record_forms.MemberAddForm(initial={"version": version}),
            "leave_form": record_forms.MemberLeaveForm(initial={"version": version}),
            "version": version,
        },
    )


def _back(household_id: UUID) -> HttpResponse:
    return redirect("web:people:people_records:household", household_id=household_id)


@staff_view(EDIT_PERMISSION)
@require_POST
def member_add(request: HttpRequest, actor: Actor, household_id: UUID) -> HttpResponse:
    form = record_forms.MemberAddForm(request.POST)
    if not form.is_valid():
        report_form_errors(request, form)
        return _back(household_id)
    try:
        household_actions.household_member_add(
            actor=actor,
            household_id=household_id,
            version=form.cleaned_data["version"],
            person_id=PersonId(form.cleaned_data["person_id"]),
            relationship=form.cleaned_data["relationship"],
            joined_on=form.cleaned_data["joined_on"],
        )
    except StaleVersion as error:
        messages.error(request, str(error))
    except InvalidPerson as error:
        report_problems(request, error)
    else:
        messages.success(request, _("Member added."))
    return _back(household_id)


@staff_view(EDIT_PERMISSION)
@require_POST
def member_leave(
    request: HttpRequest, actor: Actor, household_id: UUID, person_id: UUID
) -> HttpResponse:
    form = record_forms.MemberLeaveForm(request.POST)
    if not form.is_valid():
        report_form_errors(request, form)
        return _back(household_id)
    try:
        household_actions.household_member_leave(
            actor=actor,
            household_id=household_id,
            version=form.cleaned_data["version"],
            person_id=PersonId(person_id),
            left_on=form.cleaned_data["left_on"],
        )
    except StaleVersion as error:
        messages.error(request, str(error))
    except InvalidPerson as error:
        report_problems(request, error)
    else:
        messages.success(request, _("Membership ended; it stays in the household's history."))
    return _back(household_id)


@staff_view(EDIT_PERMISSION)
@require_POST
def primary_contact_set(
    request: HttpRequest, actor: Actor, household_id: UUID, person_id: UUID
) -> HttpResponse:
    form = record_forms.VersionForm(request.POST)
    if not form.is_valid():
        report_form_errors(request, form)
        return _back(household_id)
    try:
        household_actions.household_primary_contact_set(
            actor=actor,
            household_id=household_id,
            version=form.cleaned_data["version"],
            person_id=PersonId(person_id),
        )
    except StaleVersion as error:
        messages.error(request, str(error))
    except InvalidPerson as error:
        report_problems(request, error)
    else:
        messages.success(request, _("Primary contact changed."))
    return _back(household_id)
