"""A person's documents: list, upload (checked and scanned), verify, end or replace, and
download through this access-checked, audited view (files are never served by URL)."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caseweave.access import gate
from caseweave.access.types import Action, Actor, Category, PersonId
from caseweave.people import selectors
from caseweave.people.actions import documents as document_actions
from caseweave.people.errors import InvalidPerson
from caseweave.people.selectors.records import document_list, document_open
from caseweave.web.decorators import staff_view
from caseweave.web.people.records import forms as record_forms
from caseweave.web.people.records.common import apply_problems, report_form_errors, report_problems

EDIT_PERMISSION = "people.register_person"


@staff_view("people.view_people")
def documents(request: HttpRequest, actor: Actor, person_id: UUID) -> HttpResponse:
    """The list, and (POST) an upload; ``?replaces=<id>`` uploads a replacement."""
    person = selectors.person_get(actor, PersonId(person_id))
    rows = document_list(actor, PersonId(person_id))
    may_upload = request.user.has_perm(EDIT_PERMISSION) and gate.allows(
        actor, PersonId(person_id), Category.DOCUMENTS, Action.CREATE
    )
    replaces = request.GET.get("replaces", "")
    form = record_forms.DocumentUploadForm(
        initial={"replaces": replaces} if replaces.isdigit() else None
    )
    status = 200
    if request.method == "POST":
        if not may_upload:
            return HttpResponse(status=403)
        form = record_forms.DocumentUploadForm(request.POST, request.FILES)
        status = 422
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                document_actions.document_upload(
                    actor=actor,
                    person_id=PersonId(person_id),
                    type=form.cleaned_data["type"],
                    file=upload,
                    file_name=upload.name or "",
                    issued_on=form.cleaned_data["issued_on"],
                    expires_on=form.cleaned_data["expires_on"],
                    replaces_id=form.cleaned_data["replaces"],
                )
            except InvalidPerson as error:
                apply_problems(form, error)
            else:
                messages.success(request, _("Document uploaded."))
                return redirect("web:people:people_records:documents", person_id=person_id)
    return render(
        request,
        "web/people/records/documents.html",
        {
            "person": person,
            "documents": rows,
            "form": form if may_upload else None,
            "verify_form": record_forms.DocumentVerifyForm(),
            "replacing": next((row for row in rows if str(row.pk) == replaces), None),
        },
        status=status,
    )


@staff_view("people.view_people")  # type: ignore[arg-type]  # View names HttpResponse; a FileResponse streams
def document_download(
    request: HttpRequest, actor: Actor, person_id: UUID, document_id: int
) -> FileResponse:
    document, handle = document_open(actor, PersonId(person_id), document_id)
    extension = document.file.name.rsplit(".", 1)[-1]
    response = FileResponse(
        handle,
        as_attachment=request.GET.get("inline") != "1",
        filename=f"{document.type}-{document.pk}.{extension}",
        content_type=document.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@staff_view(EDIT_PERMISSION)
@require_POST
def document_verify(
    request: HttpRequest, actor: Actor, person_id: UUID, document_id: int
) -> HttpResponse:
    form = record_forms.DocumentVerifyForm(request.POST)
    if not form.is_valid():
        report_form_errors(request, form)
    else:
        try:
            document_actions.document_verify(
                actor=actor,
                person_id=PersonId(person_id),
                document_id=document_id,
                method=form.cleaned_data["method"],
            )
        except InvalidPerson as error:
            report_problems(request, error)
        else:
            messages.success(request, _("Verification recorded."))
    return redirect("web:people:people_records:documents", person_id=person_id)


@staff_view(EDIT_PERMISSION)
@require_POST
def document_end(
    request: HttpRequest, actor: Actor, person_id: UUID, document_id: int
) -> HttpResponse:
    try:
        document_actions.document_end(
            actor=actor, person_id=PersonId(person_id), document_id=document_id
        )
    except InvalidPerson as error:
        report_problems(request, error)
    else:
        messages.success(request, _("Document ended; it stays on record."))
    return redirect("web:people:people_records:documents", person_id=person_id)
