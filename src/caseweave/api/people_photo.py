"""API: a person's photo, filed under the person's documents (docs/architecture.md).

``PUT`` sets or replaces it (multipart), ``GET`` answers the bytes (an audited view),
``DELETE`` removes it. Changes name the person's ``version``: 409 when stale.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, HttpRequest, HttpResponse
from ninja import Query, Router

from caseweave.access.types import PersonId
from caseweave.api.auth import acting_actor
from caseweave.api.errors import InvalidInput
from caseweave.api.people_records import (
    READ,
    WRITE,
    PersonVersionOut,
    VersionParams,
    _conflict,
    _invalid,
)
from caseweave.api.scopes import Scope
from caseweave.people.actions import photo as photo_actions
from caseweave.people.errors import InvalidPerson, StaleVersion
from caseweave.people.models import Person
from caseweave.people.selectors.photo import photo_open

router = Router(tags=["people"])
PATH = "/people/{person_id}/photo"
CHANGED = {200: PersonVersionOut, 409: dict[str, Any]}


MULTIPART_BODY = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["photo", "version"],
                "properties": {
                    "photo": {"type": "string", "format": "binary"},
                    "version": {"type": "integer", "minimum": 1},
                },
            }
        }
    },
}


def _multipart(request: HttpRequest) -> tuple[UploadedFile, int]:
    """The ``photo`` file and ``version`` of a multipart PUT. Django parses multipart bodies
    of POST only; parsing here keeps that change to this one endpoint (django-ninja's fix
    is a middleware that would parse every PUT, PATCH and DELETE of the site)."""
    if not (request.content_type or "").startswith("multipart/form-data"):
        raise InvalidInput({"photo": ["send the photo as multipart/form-data"]})
    fields, files = request.parse_file_upload(request.META, request)  # type: ignore[arg-type]  # a request reads its body like a file
    errors: dict[str, list[str]] = {}
    photo = files.get("photo")
    if photo is None:
        errors["photo"] = ["choose a JPEG or PNG image"]
    version = fields.get("version", "")
    if not version.isdigit() or int(version) < 1:
        errors["version"] = ["the person's version the client read, a whole number"]
    if errors:
        raise InvalidInput(errors)
    assert photo is not None
    return photo, int(version)


def _version_out(person: Person) -> PersonVersionOut:
    return PersonVersionOut(
        id=person.id,
        version=person.version,
        display_name=person.display_name,
        birth_date=person.birth_date_display,
        is_deceased=person.is_deceased,
    )


@router.get(
    PATH,
    url_name="person_photo",
    summary="A person's photo (an audited view of the person's documents)",
    description="The image with its sniffed content type; 404 when the caller may not see "
    "the person's documents or there is no photo. Scope `people:read`.",
)
def photo_file(request: HttpRequest, person_id: UUID) -> FileResponse:
    actor = acting_actor(request, READ, Scope.PEOPLE_READ)
    opened = photo_open(actor, PersonId(person_id))
    response = FileResponse(
        opened.file, filename=f"photo.{opened.extension}", content_type=opened.content_type
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@router.put(
    PATH,
    url_name="person_photo",
    response=CHANGED,
    summary="Set or replace a person's photo (multipart/form-data)",
    description="`photo`: JPEG or PNG judged by its bytes (HEIC is refused: its location data "
    "cannot be removed), at most "
    "`CASEWEAVE_DOCUMENT_MAX_BYTES`, scanned for viruses; JPEG and PNG metadata (EXIF, GPS) "
    "is removed. A refused file is 422 naming `photo`. `version`: the person's version; "
    "409 when stale, 404 when the caller may not update the person's documents. "
    "Scope `people:write`.",
    openapi_extra={"requestBody": MULTIPART_BODY},
)
def photo_put(request: HttpRequest, person_id: UUID) -> PersonVersionOut | HttpResponse:
    actor = acting_actor(request, WRITE, Scope.PEOPLE_WRITE)
    photo, version = _multipart(request)
    try:
        person = photo_actions.photo_set(
            actor=actor, person_id=PersonId(person_id), version=version, file=photo
        )
    except StaleVersion as error:
        return _conflict(request, error)
    except InvalidPerson as error:
        raise _invalid(error) from error
    return _version_out(person)


@router.delete(
    PATH,
    url_name="person_photo",
    response=CHANGED,
    summary="Remove a person's photo",
    description="Query `version`; 409 when stale, 404 when the caller may not update the "
    "person's documents, 422 when there is no photo. Scope `people:write`.",
)
def photo_delete(
    request: HttpRequest, person_id: UUID, params: Query[VersionParams]
) -> PersonVersionOut | HttpResponse:
    actor = acting_actor(request, WRITE, Scope.PEOPLE_WRITE)
    try:
        person = photo_actions.photo_remove(
            actor=actor, person_id=PersonId(person_id), version=params.version
        )
    except StaleVersion as error:
        return _conflict(request, error)
    except InvalidPerson as error:
        raise _invalid(error) from error
    return _version_out(person)
