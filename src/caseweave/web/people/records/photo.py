"""A person's photo: shown through this access-checked, audited view (never from MEDIA_URL),
set or replaced and removed from the person's edit page."""

from __future__ import annotations

from uuid import UUID

from django import forms
from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from caseweave.access.types import Actor, PersonId
from caseweave.people.actions import photo as photo_actions
from caseweave.people.errors import InvalidPerson, StaleVersion
from caseweave.people.selectors.photo import photo_open
from caseweave.web.decorators import staff_view
from caseweave.web.people.records.common import report_form_errors, report_problems
from caseweave.web.people.records.forms import VersionForm

EDIT_PERMISSION = "people.register_person"
ACCEPTED = ",".join(kind.content_type for kind in photo_actions.PHOTO_TYPES)


class PhotoForm(VersionForm):
    photo = forms.FileField(
        label=gettext_lazy("Photo"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED}),
    )


@staff_view("people.view_people")  # type: ignore[arg-type]  # View names HttpResponse; a FileResponse streams
def photo(request: HttpRequest, actor: Actor, person_id: UUID) -> FileResponse:
    opened = photo_open(actor, PersonId(person_id))
    response = FileResponse(
        opened.file, filename=f"photo.{opened.extension}", content_type=opened.content_type
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@staff_view(EDIT_PERMISSION)
@require_POST
def photo_set(request: HttpRequest, actor: Actor, person_id: UUID) -> HttpResponse:
    form = PhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        report_form_errors(request, form)
        return _back_to_edit(person_id)
    try:
        photo_actions.photo_set(
            actor=actor,
            person_id=PersonId(person_id),
            version=form.cleaned_data["version"],
            file=form.cleaned_data["photo"],
        )
    except StaleVersion as error:
        messages.error(request, str(error))
    except InvalidPerson as error:
        report_problems(request, error)
    else:
        messages.success(request, _("Photo saved."))
    return _back_to_edit(person_id)


@staff_view(EDIT_PERMISSION)
@require_POST
def photo_remove(request: HttpRequest, actor: Actor, person_id: UUID) -> HttpResponse:
    form = VersionForm(request.POST)
    if not form.is_valid():
        report_form_errors(request, form)
        return _back_to_edit(person_id)
    try:
        photo_actions.photo_remove(
            actor=actor, person_id=PersonId(person_id), version=form.cleaned_data["version"]
        )
    except StaleVersion as error:
        messages.error(request, str(error))
    except InvalidPerson as error:
        report_problems(request, error)
    else:
        messages.success(request, _("Photo removed."))
    return _back_to_edit(person_id)


def _back_to_edit(person_id: UUID) -> HttpResponse:
    url = reverse("web:people:people_records:person_edit", kwargs={"person_id": person_id})
    return redirect(f"{url}#photo")
