"""Pages about one person's access: care team, break-glass, the access report."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caseweave.access import actions, events, gate, selectors
from caseweave.access.errors import AccessInputError, NotFound
from caseweave.access.models import CareTeamMember
from caseweave.access.types import Action, Actor, Category, PersonId
from caseweave.audit import recorder
from caseweave.web.access.forms import BreakGlassForm, ReportFilterForm, apply_errors
from caseweave.web.decorators import staff_view


@staff_view("people.view_people")
def care_team(request: HttpRequest, actor: Actor, person_id: UUID) -> HttpResponse:
    decision = gate.require(actor, PersonId(person_id), Category.IDENTITY, object_type="care_team")
    members = list(selectors.care_team(PersonId(person_id)))
    mine = [m for m in members if m.membership_id == actor.membership_id]
    return render(
        request,
        "web/access/care_team.html",
        {"person_id": person_id, "members": members, "mine": mine, "decision": decision},
    )


@staff_view("people.view_people")
@require_POST
def care_team_join(request: HttpRequest, actor: Actor, person_id: UUID) -> HttpResponse:
    """Join a person's care team personally; only staff whose organisation already works
    with the person may (the organisation joined through registration or a referral)."""
    gate.authorise(
        actor, PersonId(person_id), Category.IDENTITY, Action.UPDATE, object_type="care_team"
    )
    assert actor.organisation_id is not None  # an acting staff member always has one
    actions.care_team_add(
        actor=actor,
        person_id=PersonId(person_id),
        organisation_id=actor.organisation_id,
        membership_id=actor.membership_id,
        is_lead=request.POST.get("is_lead") == "on",
    )
    messages.success(request, _("You are on this person's care team."))
    return redirect("web:access:care_team", person_id=person_id)


@staff_view("people.view_people")
@require_POST
def care_team_leave(request: HttpRequest, actor: Actor, member_id: int) -> HttpResponse:
    member = CareTeamMember.objects.filter(
        pk=member_id, membership_id=actor.membership_id or 0, left_at__isnull=True
    ).first()
    if member is None:
        raise NotFound()
    actions.care_team_leave(actor=actor, member_id=member.pk)
    messages.success(request, _("You have left the care team."))
    return redirect("web:home")


@staff_view("access.use_break_glass")
def break_glass(request: HttpRequest, actor: Actor, person_id: UUID) -> HttpResponse:
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            grant = actions.break_glass_open(
                actor=actor, person_id=PersonId(person_id), reason=form.cleaned_data["reason"]
            )
        except AccessInputError as error:
            apply_errors(form, error)
        else:
            messages.warning(
                request,
                _("Emergency access is open until %(until)s. Your data stewards were told.")
                % {"until": date_format(localtime(grant.expires_at), "DATETIME_FORMAT")},
            )
            return redirect("web:access:care_team", person_id=person_id)
    return render(
        request,
        "web/access/break_glass.html",
        {
            "form": form,
            "person_id": person_id,
            "hours": actions.break_glass_hours(actor.organisation_id),
        },
        status=422 if request.method == "POST" else 200,
    )


def _report(
    actor: Actor, person_id: UUID, action: Action, category: str | None = None
) -> list[selectors.ReportRow]:
    decision = gate.authorise(
        actor, PersonId(person_id), Category.IDENTITY, action, object_type="access_report"
    )
    rows = selectors.access_report(PersonId(person_id), category=category)
    recorder.record(
        actor,
        events.ACCESS_REPORT_PRINTED if action == Action.PRINT else events.ACCESS_REPORT_VIEWED,
        action=action,
        person_id=person_id,
        categories=[Category.IDENTITY],
        decision=decision,
        object_type="access_report",
    )
    return rows


@staff_view("audit.view_access_reports")
def access_report(request: HttpRequest, actor: Actor, person_id: UUID) -> HttpResponse:
    form = ReportFilterForm(request.GET or None)
    category = form.cleaned_data["category"] or None if form.is_valid() else None
    rows = _report(actor, person_id, Action.VIEW, category)
    return render(
        request,
        "web/access/access_report.html",
        {"person_id": person_id, "rows": rows, "form": form, "category": category},
    )


@staff_view("audit.view_access_reports")
def access_report_print(request: HttpRequest, actor: Actor, person_id: UUID) -> HttpResponse:
    """Plain language for the person: organisation and role, never staff names."""
    rows = _report(actor, person_id, Action.PRINT)
    return render(
        request, "web/access/access_report_print.html", {"person_id": person_id, "rows": rows}
    )
