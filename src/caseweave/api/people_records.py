"""API: Editing persons and households, and their documents.

Writes go through the people actions, so the policy and the audit log apply as in the web
pages. A change names the ``version`` the client read; a stale one answers 409 with the
current version, and nothing is written. Invalid input is 422 naming each field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from ninja import File, Form, Query, Router, Schema, Status, UploadedFile
from pydantic import Field

from caseweave.access.types import PersonId
from caseweave.api.auth import acting_actor
from caseweave.api.errors import InvalidInput
from caseweave.api.problems import PROBLEM_JSON, problem_body
from caseweave.api.scopes import Scope
from caseweave.people.actions import documents as document_actions
from caseweave.people.actions import households as household_actions
from caseweave.people.actions import person_details
from caseweave.people.actions.person_edit import person_update as person_update_action
from caseweave.people.choices import Relationship
from caseweave.people.dates import parse_birth_date
from caseweave.people.errors import InvalidPerson, StaleVersion
from caseweave.people.inputs import ContactInput, IdentifierInput, ResidenceInput
from caseweave.people.models import PersonDocument
from caseweave.people.selectors.records import HouseholdView, document_list, document_open
from caseweave.people.selectors.records import household_get as household_view

router = Router(tags=["people"])

READ = "people.view_people"
WRITE = "people.register_person"


class PersonPatchIn(Schema):
    """Only the fields sent are changed."""

    version: int = Field(..., ge=1, description="the version the client read (from GET)")
    given_names: str | None = None
    family_names: str | None = None
    name_order: str | None = None
    preferred_name: str | None = None
    birth_date: str | None = Field(None, description="1987-03-12, 1987-03, 1987, ~40 or ''")
    sex: str | None = None
    gender: str | None = None
    languages: list[str] | None = None
    interpreter_needed: bool | None = None
    is_deceased: bool | None = None
    deceased_on: dt.date | None = None


class PersonVersionOut(Schema):
    id: UUID
    version: int
    display_name: str
    birth_date: str
    is_deceased: bool


class HouseholdIn(Schema):
    person_id: UUID = Field(..., description="the first member and primary contact")
    relationship: str = Relationship.HEAD
    label: str = ""


class MemberIn(Schema):
    version: int = Field(..., ge=1)
    person_id: UUID
    relationship: str = Field(..., description="relationship to the primary contact")
    joined_on: dt.date | None = None


class LeaveParams(Schema):
    version: int = Field(..., ge=1)
    left_on: dt.date | None = None


class MemberOut(Schema):
    person_id: UUID | None = Field(description="null when the caller may not see who it is")
    display_name: str
    relationship: str
    is_primary_contact: bool
    joined_on: dt.date
    left_on: dt.date | None


class HouseholdOut(Schema):
    id: UUID
    label: str
    version: int
    current: list[MemberOut]
    past: list[MemberOut]


class DocumentOut(Schema):
    id: int
    type: str
    content_type: str
    size: int
    sha256: str
    issued_on: dt.date | None
    expires_on: dt.date | None
    verification: str
    verified_at: dt.datetime | None
    uploaded_at: dt.datetime
    ended_at: dt.datetime | None
    replaced_by: int | None


class VerifyIn(Schema):
    method: str


def _conflict(request: HttpRequest, error: StaleVersion) -> HttpResponse:
    body = problem_body(request, 409, "Conflict", str(error))
    return JsonResponse(body, status=409, content_type=PROBLEM_JSON)


def _invalid(error: InvalidPerson) -> InvalidInput:
    return InvalidInput(error.by_field())


def _changes(payload: PersonPatchIn) -> dict[str, Any]:
    changes = payload.model_dump(exclude_unset=True, exclude={"version"})
    if "birth_date" in changes:
        try:
            changes["birth_date"], changes["birth_date_precision"] = parse_birth_date(
                changes["birth_date"] or ""
            )
        except ValueError as error:
            raise InvalidInput({"birth_date": [str(error)]}) from error
    return changes


def person_patch(
    request: HttpRequest, person_id: UUID, payload: PersonPatchIn
) -> PersonVersionOut | HttpResponse:
    """``PATCH /people/{id}``, routed by ``api/people.py``: ninja serves a path from the
    first router that declares it, and that router holds ``GET /people/{id}``."""
    actor = acting_actor(request, WRITE, Scope.PEOPLE_WRITE)
    try:
        person = person_update_action(
            actor=actor,
            person_id=PersonId(person_id),
            version=payload.version,
            changes=_changes(payload),
        )
    except StaleVersion as error:
        return _conflict(request, error)
    except InvalidPerson as error:
        raise _invalid(error) from error
    return PersonVersionOut(
        id=person.id,
        version=person.version,
        display_name=person.display_name,
        birth_date=person.birth_date_display,
        is_deceased=person.is_deceased,
    )


class ContactIn(Schema):
    version: int = Field(..., ge=1)
    kind: str
    value: str
    consent_to_contact: bool = False
    safe_to_leave_message: bool = False


class IdentifierIn(Schema):
    version: int = Field(..., ge=1)
    type: str
    value: str
    issuer: str = ""


class NameIn(Schema):
    version: int = Field(..., ge=1)
    kind: str = Field(..., description="alias, street or previous")
    text: str


class ResidenceIn(Schema):
    version: int = Field(..., ge=1)
    situation: str
    address: str = ""
    locality: str = ""
    postal_code: str = ""
    place_note: str = ""
    started_on: dt.date | None = Field(None, description="today when left out")


class VersionParams(Schema):
    version: int = Field(..., ge=1)


class RecordChangeOut(Schema):
    person_id: UUID
    version: int = Field(description="the person's version after the change")
    row_id: int | None = Field(description="the row added; null when one was ended")


def _record_change(
    request: HttpRequest, person_id: UUID, version: int, change: Callable[[], Any]
) -> RecordChangeOut | HttpResponse:
    try:
        row = change()
    except StaleVersion as error:
        return _conflict(request, error)
    except InvalidPerson as error:
        raise _invalid(error) from error
    return RecordChangeOut(
        person_id=person_id, version=version + 1, row_id=row.pk if row is not None else None
    )


SUB_RECORD = "Send the person's `version`; 409 when it changed since, 404 when the caller may "
SUB_RECORD_SCOPE = "not update this part of the record. Scope `people:write`."


@router.post(
    "/people/{person_id}/contacts",
    response={201: RecordChangeOut, 409: dict[str, Any]},
    summary="Add a contact method with what the person agreed to",
    description=SUB_RECORD + SUB_RECORD_SCOPE,
)
def contact_create(
    request: HttpRequest, person_id: UUID, payload: ContactIn
) -> Status[RecordChangeOut] | HttpResponse:
    actor = acting_actor(request, WRITE, Scope.PEOPLE_WRITE)
    contact = ContactInput(
        kind=payload.kind,
        value=payload.value,
        consent_to_contact=payload.consent_to_contact,
        safe_to_leave_message=payload.safe_to_leave_message,
    )
    result = _record_change(
        request,
        person_id,
        payload.version,
        lambda: person_details.contact_add(
            actor=actor, person_id=PersonId(person_id), version=payload.version, contact=contact
        ),
    )
    return Status(201, result) if isinstance(result, RecordChangeOut) else result


@router.post(
    "/people/{person_id}/identifiers",
    response={201: RecordChangeOut, 409: dict[str, Any]},
    summary="Add an identifier (checksum-validated, unique per type among current ones)",
    description=SUB_RECORD + SUB_RECORD_SCOPE,
)
def identifier_create(
    request: HttpRequest, person_id: UUID, payload: IdentifierIn
) -> Status[RecordChangeOut] | HttpResponse:
    actor = acting_actor(request, WRITE, Scope.PEOPLE_WRITE)
    identifier = IdentifierInput(type=payload.type, value=payload.value, issuer=payload.issuer)
    result = _record_change(
        request,
        person_id,
        payload.version,
        lambda: person_details.identifier_add(
            actor=actor,
            person_id=PersonId(person_id),
            version=payload.version,
            identifier=identifier,
        ),
    )
    return Status(201, result) if isinstance(result, RecordChangeOut) else result


@router.post(
    "/people/{person_id}/names",
    response={201: RecordChangeOut, 409: dict[str, Any]},
    summary="Add an alias, street name or previous name",
    description=SUB_RECORD + SUB_RECORD_SCOPE,
)
def name_create(
    request: HttpRequest, person_id: UUID, payload: NameIn
) -> Status[RecordChangeOut] | HttpResponse:
    actor = acting_actor(request, WRITE, Scope.PEOPLE_WRITE)
    result = _record_change(
        request,
        person_id,
        payload.version,
        lambda: person_details.person_name_add(
            actor=actor,
            person_id=PersonId(person_id),
            version=payload.version,
            kind=payload.kind,
            text=payload.text,
        ),
    )
    return Status(201, result) if isinstance(result, RecordChangeOut) else result


@router.post(
    "/people/{person_id}/residences",
    response={201: RecordChangeOut, 409: dict[str, Any]},
    summary="Record a new living situation; the current one ends that day",
    description=SUB_RECORD + SUB_RECORD_SCOPE,
)
def residence_create(
    request: HttpRequest, person_id: UUID, payload: ResidenceIn
) -> Status[RecordChangeOut] | HttpResponse:
    actor = acting_actor(request, WRITE, Scope.PEOPLE_WRITE)
    residence = ResidenceInput(
        situation=payload.situation,
        address=payload.address,
        locality=payload.locality,
        postal_code=payload.postal_code,
        place_note=payload.place_note,
    )
    result = _record_change(
        request,
        person_id,
        payload.version,
        lambda: person_details.residence_add(
            actor=actor,
            person_id=PersonId(person_id),
            version=payload.version,
            residence=residence,
            started_on=payload.started_on,
        ),
    )
    return Status(201, result) if isinstance(result, RecordChangeOut) else result


@router.delete(
    "/people/{person_id}/contacts/{contact_id}",
    response={200: RecordChangeOut, 409: dict[str, Any]},
    summary="End a contact method (it stays on record)",
    description="Query `version`. " + SUB_RECORD + SUB_RECORD_SCOPE,
)
def contact_remove(
    request: HttpRequest, person_id: UUID, contact_id: int, params: Query[VersionParams]
) -> RecordChangeOut | HttpResponse:
    actor = acting_actor(request, WRITE, Scope.PEOPLE_WRITE)
    return _record_change(
        request,
        person_id,
        params.version,
        lambda: person_details.contact_end(
            actor=actor,
            person_id=PersonId(person_id),
            version=params.version,
            contact_id=contact_id,
        ),
    )


class ContactFlagsIn(Schema):
    """Only the flags sent are changed."""

    version: int = Field(..., ge=1, description="the person's version the client read")
    consent_to_contact: bool | None = None
    safe_to_leave_message: bool | None = None


class ContactFlagsOut(Schema):
    person_id: UUID
    contact_id: int
    version: int = Field(description="the person's version after the change")
    consent_to_contact: bool
    safe_to_leave_message: bool
    changed: list[str] = Field(description="the flags that changed; empty when none did")


@router.patch(
    "/people/{person_id}/contacts/{contact_id}",
    response={200: ContactFlagsOut, 409: dict[str, Any]},
    summary="Change what the person agreed to on a contact method, in place",
    description="`consent_to_contact` and `safe_to_leave_message`; the number or address "
    "itself changes by ending the method and adding another. A request that changes nothing "
    "keeps the version. 422 names a contact method that is not current on this person. "
    + SUB_RECORD
    + SUB_RECORD_SCOPE,
)
def contact_flags_update(
    request: HttpRequest, person_id: UUID, contact_id: int, payload: ContactFlagsIn
) -> ContactFlagsOut | HttpResponse:
    actor = acting_actor(request, WRITE, Scope.PEOPLE_WRITE)
    flags = payload.model_dump(exclude_unset=True, exclude={"version"})
    if any(value is None for value in flags.values()):
        raise InvalidInput({name: ["expected true or false"] for name, value in flags.items()
                            if value is None})  # fmt: skip
    try:
        method, changed = person_details.contact_flags_update(
            actor=actor, person_id=PersonId(person_id), version=payload.version,
            contact_id=contact_id, flags=flags,
        )  # fmt: skip
    except StaleVersion as error:
        return _conflict(request, error)
    except InvalidPerson as error:
        raise _invalid(error) from error
    return ContactFlagsOut(
        person_id=person_id,
        contact_id=contact_id,
        version=payload.version + (1 if changed else 0),
        consent_to_contact=method.consent_to_contact,
        safe_to_leave_message=method.safe_to_leave_message,
        changed=changed,
    )


@router.delete(
    "/people/{person_id}/identifiers/{identifier_id}",
    response={200: RecordChangeOut, 409: dict[str, Any]},
    summary="End an identifier (it stays on record; the number may then be given again)",
    description="Query `version`. " + SUB_RECORD + SUB_RECORD_SCOPE,
)
def identifier_remove(
    request: HttpRequest, person_id: UUID, identifier_id: int, params: Query[VersionParams]
) -> RecordChangeOut | HttpResponse:
    actor = acting_actor(request, WRITE, Scope.PEOPLE_WRITE)
    return _record_change(
        request,
        person_id,
        params.version,
        lambda: person_details.identifier_end(
            actor=actor,
            person_id=PersonId(person_id),
            version=params.version,
            identifier_id=identifier_id,
        ),
    )


@router.delete(
    "/people/{person_id}/names/{name_id}",
    response={200: RecordChangeOut, 409: dict[str, Any]},
    summary="Mark another name as no longer used (the row stays on record)",
    description="Query `version`. " + SUB_RECORD + SUB_RECORD_SCOPE,
)
def name_remove(
    request: HttpRequest, person_id: UUID, name_id: int, params: Query[VersionParams]
) -> RecordChangeOut | HttpResponse:
    actor = acting_actor(request, WRITE, Scope.PEOPLE_WRITE)
    return _record_change(
        request,
        person_id,
        params.version,
        lambda: person_details.person_name_end(
            actor=actor, person_id=PersonId(person_id), version=params.version, name_id=name_id
        ),
    )


def _household_out(view: HouseholdView) -> HouseholdOut:
    def member(row: Any) -> MemberOut:
        return MemberOut(
            person_id=row.person.id if row.person else None,
            display_name=row.name,
            relationship=row.membership.relationship,
            is_primary_contact=row.membership.is_primary_contact,
            joined_on=row.membership.joined_on,
            left_on=row.membership.left_on,
        )

    return HouseholdOut(
        id=view.household.id,
        label=view.household.label,
        version=view.household.version,
        current=[member(row) for row in view.current],
        past=[member(row) for row in view.past],
    )


@router.post(
    "/households",
    response={201: HouseholdOut},
    summary="Start a household around one person (its primary contact)",
    description="Needs the right to add family information to the person (else 404). "
    "Scope `people:write`.",
)
def household_create(request: HttpRequest, payload: HouseholdIn) -> Status[HouseholdOut]:
    actor = acting_actor(request, WRITE, Scope.PEOPLE_WRITE)
    try:
        household = household_actions.household_create(
            actor=actor,
            person_id=PersonId(payload.person_id),
            relationship=payload.relationship,
            label=payload.label,
        )
    except InvalidPerson as error:
        raise _invalid(error) from error
    return Status(201, _household_out(household_view(actor, household.id)))


@router.get(
    "/households/{household_id}",
    response=HouseholdOut,
    summary="A household's current and past members, as far as the caller may see them",
    description="404 when the caller may see none of its members. Scope `people:read`.",
)
def household_detail(request: HttpRequest, household_id: UUID) -> HouseholdOut:
    actor = acting_actor(request, READ, Scope.PEOPLE_READ)
    return _household_out(household_view(actor, household_id))


@router.post(
    "/households/{household_id}/members",
    response={201: HouseholdOut, 409: dict[str, Any]},
    summary="A person joins the household",
    description="Send the household's `version`; 409 when it changed since. Scope `people:write`.",
)
def household_member_add(
    request: HttpRequest, household_id: UUID, payload: MemberIn
) -> Status[HouseholdOut] | HttpResponse:
    actor = acting_actor(request, WRITE, Scope.PEOPLE_WRITE)
    try:
        household_actions.household_member_add(
            actor=actor,
            household_id=household_id,
            version=payload.version,
            person_id=PersonId(payload.person_id),
            relationship=payload.relationship,
            joined_on=payload.joined_on,
        )
    except StaleVersion as error:
        return _conflict(request, error)
    except InvalidPerson as error:
        raise _invalid(error) from error
    return Status(201, _household_out(household_view(actor, household_id)))


@router.delete(
    "/households/{household_id}/members/{person_id}",
    response={200: HouseholdOut, 409: dict[str, Any]},
    summary="A member leaves (the membership is ended with a date, never deleted)",
    description="Query `version` (the household's) and optionally `left_on`. Scope `people:write`.",
)
def household_member_leave(
    request: HttpRequest, household_id: UUID, person_id: UUID, params: Query[LeaveParams]
) -> HouseholdOut | HttpResponse:
    actor = acting_actor(request, WRITE, Scope.PEOPLE_WRITE)
    try:
        household_actions.household_member_leave(
            actor=actor,
            household_id=household_id,
            version=params.version,
            person_id=PersonId(person_id),
            left_on=params.left_on,
        )
    except StaleVersion as error:
        return _conflict(request, error)
    except InvalidPerson as error:
        raise _invalid(error) from error
    return _household_out(household_view(actor, household_id))


def _document_out(document: PersonDocument) -> DocumentOut:
    return DocumentOut(
        id=document.pk,
        type=document.type,
        content_type=document.content_type,
        size=document.size,
        sha256=document.sha256,
        issued_on=document.issued_on,
        expires_on=document.expires_on,
        verification=document.verification,
        verified_at=document.verified_at,
        uploaded_at=document.uploaded_at,
        ended_at=document.ended_at,
        replaced_by=document.replaced_by_id,
    )


@router.get(
    "/people/{person_id}/documents",
    response=list[DocumentOut],
    summary="A person's documents, current and ended",
    description="Needs the right to see the person's documents (else 404). Scope `people:read`.",
)
def document_index(request: HttpRequest, person_id: UUID) -> list[DocumentOut]:
    actor = acting_actor(request, READ, Scope.PEOPLE_READ)
    return [_document_out(row) for row in document_list(actor, PersonId(person_id))]


@router.post(
    "/people/{person_id}/documents",
    response={201: DocumentOut},
    summary="Upload a document (multipart/form-data)",
    description="PDF, JPEG, PNG, TIFF or HEIC judged by the file's bytes, at most "
    "`CASEWEAVE_DOCUMENT_MAX_BYTES`, scanned for viruses; a refused file is 422 naming "
    "`file` and is not stored. `replaces` ends that document. Scope `people:write`.",
)
def document_upload(
    request: HttpRequest,
    person_id: UUID,
    file: File[UploadedFile],
    type: Form[str],
    issued_on: Form[dt.date | None] = None,
    expires_on: Form[dt.date | None] = None,
    replaces: Form[int | None] = None,
) -> Status[DocumentOut]:
    actor = acting_actor(request, WRITE, Scope.PEOPLE_WRITE)
    try:
        document = document_actions.document_upload(
            actor=actor,
            person_id=PersonId(person_id),
            type=type,
            file=file,
            file_name=file.name or "",
            issued_on=issued_on,
            expires_on=expires_on,
            replaces_id=replaces,
        )
    except InvalidPerson as error:
        raise _invalid(error) from error
    return Status(201, _document_out(document))


@router.get(
    "/people/{person_id}/documents/{document_id}/file",
    summary="Download a document (an audited view of the person's documents)",
    description="Answers the file with its sniffed content type. Scope `people:read`.",
)
def document_file(request: HttpRequest, person_id: UUID, document_id: int) -> FileResponse:
    actor = acting_actor(request, READ, Scope.PEOPLE_READ)
    document, handle = document_open(actor, PersonId(person_id), document_id)
    extension = document.file.name.rsplit(".", 1)[-1]
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{document.type}-{document.pk}.{extension}",
        content_type=document.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@router.post(
    "/people/{person_id}/documents/{document_id}/verify",
    response=DocumentOut,
    summary="Record that the caller verified a document, and how",
    description="`method`: seen_original, certified_copy or issuer_check. Scope `people:write`.",
)
def document_verify(
    request: HttpRequest, person_id: UUID, document_id: int, payload: VerifyIn
) -> DocumentOut:
    actor = acting_actor(request, WRITE, Scope.PEOPLE_WRITE)
    try:
        document = document_actions.document_verify(
            actor=actor,
            person_id=PersonId(person_id),
            document_id=document_id,
            method=payload.method,
        )
    except InvalidPerson as error:
        raise _invalid(error) from error
    return _document_out(document)
