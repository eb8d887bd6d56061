"""Editing a person: identity fields on one form, and small forms to add or end other names,
contact methods and identifiers and to record a move. Each form carries the person's
version; a form opened before someone else's change is refused and nothing is saved."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caseweave.access import gate
from caseweave.access.errors import NotFound
from caseweave.access.types import Action, Actor, Category, PersonId
from caseweave.people import selectors
from caseweave.people.actions import person_details
from caseweave.people.actions.person_edit import person_update
from caseweave.people.errors import InvalidPerson, StaleVersion
from caseweave.people.inputs import ContactInput, IdentifierInput, ResidenceInput
from caseweave.web.decorators import staff_view
from caseweave.web.people.records import forms as record_forms
from caseweave.web.people.records.common import apply_problems, report_form_errors, report_problems

EDIT_PERMISSION = "people.register_person"


@staff_view(EDIT_PERMISSION)
def person_edit(request: HttpRequest, actor: Actor, person_id: UUID) -> HttpResponse:
    profile = selectors.person_profile(actor, PersonId(person_id))
    if profile.person.merged_into_id is not None:
        return redirect(
            "web:people:people_records:person_edit", person_id=profile.person.merged_into_id
        )
    if not gate.allows(actor, PersonId(person_id), Category.IDENTITY, Action.UPDATE):
        raise NotFound()
    form = record_forms.IdentityForm.for_person(profile.person)
    status = 200
    if request.method == "POST":
        form = record_forms.IdentityForm(request.POST, initial=form.initial)
        status = 422
        if form.is_valid():
            try:
                person_update(
                    actor=actor,
                    person_id=PersonId(person_id),
                    version=form.cleaned_data["version"],
                    changes=form.changes(),
                )
            except StaleVersion as error:
                form.add_error(None, str(error))
                status = 409
            except InvalidPerson as error:
                apply_problems(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("web:people:detail", person_id=person_id)
    return _edit_page(request, actor, profile, form, status=status)


def _edit_page(
    request: HttpRequest,
    actor: Actor,
    profile: selectors.PersonProfile,
    form: record_forms.IdentityForm | None = None,
    *,
    status: int = 200,
) -> HttpResponse:
    person_id = PersonId(profile.person.id)
    version = profile.person.version
    context = {
        "person": profile.person,
        "profile": profile,
        "form": form or record_forms.IdentityForm.for_person(profile.person),
        "name_form": record_forms.OtherNameForm(initial={"version": version}, auto_id="name_%s"),
        "contact_form": record_forms.ContactForm(
            initial={"version": version}, auto_id="contact_%s"
        ),
        "identifier_form": record_forms.IdentifierForm(
            initial={"version": version}, auto_id="identifier_%s"
        ),
        "residence_form": record_forms.ResidenceForm(
            initial={"version": version}, auto_id="residence_%s"
        )
        if gate.allows(actor, person_id, Category.HOUSING, Action.UPDATE)
        else None,
        "end_form": record_forms.VersionForm(initial={"version": version}, auto_id=False),
    }
    return render(request, "web/people/records/edit.html", context, status=status)


@staff_view(EDIT_PERMISSION)
@require_POST
def contact_flags(
    request: HttpRequest, actor: Actor, person_id: UUID, contact_id: int
) -> HttpResponse:
    """Change a contact method's consent and message flags in place. With HTMX the edit page
    comes back at once (fresh versions in every form; 409 when someone else changed the
    person, 422 for a contact method not current); without it, a redirect on success."""
    form = record_forms.ContactFlagsForm(request.POST)
    status = 422
    if not form.is_valid():
        report_form_errors(request, form)
    else:
        try:
            person_details.contact_flags_update(
                actor=actor, person_id=PersonId(person_id), version=form.cleaned_data["version"],
                contact_id=contact_id,
                flags={name: form.cleaned_data[name] for name in person_details.CONTACT_FLAGS},
            )  # fmt: skip
        except StaleVersion as error:
            messages.error(request, str(error))
            status = 409
        except InvalidPerson as error:
            report_problems(request, error)
        else:
            messages.success(request, _("Contact preferences saved."))
            status = 200
            if not getattr(request, "htmx", False):
                url = reverse("web:people:people_records:person_edit", args=[person_id])
                return redirect(f"{url}#contacts")
    profile = selectors.person_profile(actor, PersonId(person_id))
    return _edit_page(request, actor, profile, status=status)


def _section(
    request: HttpRequest,
    person_id: UUID,
    form_class: type[forms.Form],
    apply: Callable[[dict[str, Any]], object],
    done: str,
    anchor: str,
) -> HttpResponse:
    form = form_class(request.POST)
    if not form.is_valid():
        report_form_errors(request, form)
    else:
        try:
            apply(form.cleaned_data)
        except StaleVersion as error:
            messages.error(request, str(error))
        except InvalidPerson as error:
            report_problems(request, error)
        else:
            messages.success(request, done)
    url = reverse("web:people:people_records:person_edit", kwargs={"person_id": person_id})
    return redirect(f"{url}#{anchor}")


@staff_view(EDIT_PERMISSION)
@require_POST
def name_add(request: HttpRequest, actor: Actor, person_id: UUID) -> HttpResponse:
    return _section(
        request,
        person_id,
        record_forms.OtherNameForm,
        lambda data: person_details.person_name_add(
            actor=actor, person_id=PersonId(person_id), version=data["version"],
            kind=data["kind"], text=data["text"],
        ),
        _("Name added."),
        "names",
    )  # fmt: skip


@staff_view(EDIT_PERMISSION)
@require_POST
def name_end(request: HttpRequest, actor: Actor, person_id: UUID, name_id: int) -> HttpResponse:
    return _section(
        request,
        person_id,
        record_forms.VersionForm,
        lambda data: person_details.person_name_end(
            actor=actor, person_id=PersonId(person_id), version=data["version"], name_id=name_id
        ),
        _("The name is marked as no longer used."),
        "names",
    )


@staff_view(EDIT_PERMISSION)
@require_POST
def contact_add(request: HttpRequest, actor: Actor, person_id: UUID) -> HttpResponse:
    return _section(
        request,
        person_id,
        record_forms.ContactForm,
        lambda data: person_details.contact_add(
            actor=actor, person_id=PersonId(person_id), version=data["version"],
            contact=ContactInput(
                kind=data["kind"], value=data["value"],
                consent_to_contact=data["consent_to_contact"],
                safe_to_leave_message=data["safe_to_leave_message"],
            ),
        ),
        _("Contact method added."),
        "contacts",
    )  # fmt: skip


@staff_view(EDIT_PERMISSION)
@require_POST
def contact_end(
    request: HttpRequest, actor: Actor, person_id: UUID, contact_id: int
) -> HttpResponse:
    return _section(
        request,
        person_id,
        record_forms.VersionForm,
        lambda data: person_details.contact_end(
            actor=actor, person_id=PersonId(person_id), version=data["version"],
            contact_id=contact_id,
        ),
        _("Contact method ended."),
        "contacts",
    )  # fmt: skip


@staff_view(EDIT_PERMISSION)
@require_POST
def identifier_add(request: HttpRequest, actor: Actor, person_id: UUID) -> HttpResponse:
    return _section(
        request,
        person_id,
        record_forms.IdentifierForm,
        lambda data: person_details.identifier_add(
            actor=actor, person_id=PersonId(person_id), version=data["version"],
            identifier=IdentifierInput(
                type=data["type"], value=data["value"], issuer=data["issuer"]
            ),
        ),
        _("Identifier added."),
        "identifiers",
    )  # fmt: skip


@staff_view(EDIT_PERMISSION)
@require_POST
def identifier_end(
    request: HttpRequest, actor: Actor, person_id: UUID, identifier_id: int
) -> HttpResponse:
    return _section(
        request,
        person_id,
        record_forms.VersionForm,
        lambda data: person_details.identifier_end(
            actor=actor, person_id=PersonId(person_id), version=data["version"],
            identifier_id=identifier_id,
        ),
        _("Identifier ended."),
        "identifiers",
    )  # fmt: skip


@staff_view(EDIT_PERMISSION)
@require_POST
def residence_add(request: HttpRequest, actor: Actor, person_id: UUID) -> HttpResponse:
    return _section(
        request,
        person_id,
        record_forms.ResidenceForm,
        lambda data: person_details.residence_add(
            actor=actor, person_id=PersonId(person_id), version=data["version"],
            residence=ResidenceInput(
                situation=data["situation"], address=data["address"],
                locality=data["locality"], postal_code=data["postal_code"],
                place_note=data["place_note"],
            ),
            started_on=data["started_on"],
        ),
        _("Living situation recorded; the previous one has ended."),
        "housing",
    )  # fmt: skip
