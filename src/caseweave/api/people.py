"""JSON API of the people registry: search, match candidates, registration, person (read and
change), notes.

Every endpoint goes through the people selectors and actions, so the access policy and
the audit log apply exactly as in the web UI: a person the caller may not see is a 404,
search results outside their access are limited records.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema, Status
from pydantic import Field

from caseweave.access import gate
from caseweave.access.types import Actor, Category, PersonId
from caseweave.api.auth import acting_actor
from caseweave.api.errors import InvalidInput
from caseweave.api.people_records import PersonPatchIn, PersonVersionOut, person_patch
from caseweave.api.scopes import Scope
from caseweave.people import actions, selectors
from caseweave.people.dates import parse_birth_date
from caseweave.people.errors import InvalidPerson
from caseweave.people.inputs import ContactInput, IdentifierInput, PersonInput, ResidenceInput
from caseweave.people.models import Person
from caseweave.people.selectors import Hit

router = Router(tags=["people"])


class PersonSummaryOut(Schema):
    id: UUID
    display_name: str
    given_names: str
    family_names: str
    birth_date: str = Field(description="1987-03-12, 1987-03, 1987 or ~1987 (estimated)")


class HitOut(Schema):
    person_id: UUID | None = Field(description="null for a limited record")
    score: float
    reasons: list[str]
    limited: bool
    person: PersonSummaryOut | None
    contact_organisations: list[str]


class IdentifierIn(Schema):
    type: str
    value: str
    issuer: str = ""


class ContactIn(Schema):
    kind: str
    value: str
    consent_to_contact: bool = False
    safe_to_leave_message: bool = False


class ResidenceIn(Schema):
    situation: str
    address: str = ""
    locality: str = ""
    postal_code: str = ""
    place_note: str = ""


class PersonIn(Schema):
    given_names: str = ""
    family_names: str = ""
    name_order: Literal["given_first", "family_first", "single"] = "given_first"
    preferred_name: str = ""
    aliases: list[str] = []
    birth_date: str = Field("", description="1987-03-12, 12.03.1987, 1987-03, 1987 or ~40")
    sex: str = "unknown"
    gender: str = ""
    languages: list[str] = []
    interpreter_needed: bool = False
    identifiers: list[IdentifierIn] = []
    contacts: list[ContactIn] = []
    residence: ResidenceIn | None = None


class IdentifierOut(Schema):
    type: str
    issuer: str
    value: str


class ContactOut(Schema):
    kind: str
    value: str
    consent_to_contact: bool
    safe_to_leave_message: bool
    current: bool


class PersonNoteOut(Schema):
    id: int
    category: str
    text: str
    created_at: dt.datetime


class PersonOut(PersonSummaryOut):
    name_order: str
    preferred_name: str
    other_names: list[str]
    sex: str
    gender: str
    languages: list[str]
    interpreter_needed: bool
    is_deceased: bool
    identifiers: list[IdentifierOut]
    contacts: list[ContactOut]
    notes: list[PersonNoteOut] = Field(
        [],
        description="Notes in the categories the caller may see; the others are absent, "
        "not empty. Only the person detail endpoint fills it.",
    )
    version: int


class NoteIn(Schema):
    category: Category
    text: str


class NoteOut(Schema):
    id: int
    category: str
    created_at: dt.datetime


class SearchParams(Schema):
    q: str = Field(..., min_length=1, max_length=200, description="name, birth date, phone")
    limit: int = Field(20, ge=1, le=100)


def _summary(person: Person) -> PersonSummaryOut:
    return PersonSummaryOut(
        id=person.id,
        display_name=person.display_name,
        given_names=person.given_names,
        family_names=person.family_names,
        birth_date=person.birth_date_display,
    )


def _hits(hits: list[Hit]) -> list[HitOut]:
    return [
        HitOut(
            person_id=hit.person_id if hit.person else None,
            score=hit.score,
            reasons=hit.reasons,
            limited=hit.is_limited,
            person=_summary(hit.person) if hit.person else None,
            contact_organisations=hit.contact_organisations,
        )
        for hit in hits
    ]


def _input(payload: PersonIn) -> PersonInput:
    try:
        birth_date, precision = parse_birth_date(payload.birth_date)
    except ValueError as error:
        raise InvalidInput({"birth_date": [str(error)]}) from error
    return PersonInput(
        given_names=payload.given_names,
        family_names=payload.family_names,
        name_order=payload.name_order,
        preferred_name=payload.preferred_name,
        aliases=tuple(payload.aliases),
        birth_date=birth_date,
        birth_date_precision=precision,
        sex=payload.sex,
        gender=payload.gender,
        languages=tuple(payload.languages),
        interpreter_needed=payload.interpreter_needed,
        identifiers=tuple(IdentifierInput(**item.dict()) for item in payload.identifiers),
        contacts=tuple(ContactInput(**item.dict()) for item in payload.contacts),
        residence=ResidenceInput(**payload.residence.dict()) if payload.residence else None,
    )


@router.get(
    "/people/search",
    response=list[HitOut],
    summary="Search people by name, birth date or phone, best match first",
    description="Forgives typos, transliteration, name order, nicknames and birth-date "
    "typos. People outside the caller's access come back as limited records (no person, "
    "only which organisations to contact). Scope `people:read`.",
)
def person_search(request: HttpRequest, params: Query[SearchParams]) -> list[HitOut]:
    actor = acting_actor(request, "people.view_people", Scope.PEOPLE_READ)
    query = selectors.SearchQuery.from_text(params.q)
    return _hits(selectors.person_search(actor, query, limit=params.limit))


@router.post(
    "/people/match-candidates",
    response=list[HitOut],
    summary="Likely matches of a person about to be registered, with per-field reasons",
    description="Call before `POST /people` to avoid duplicates. Scope `people:read`.",
)
def match_candidates(request: HttpRequest, payload: PersonIn) -> list[HitOut]:
    actor = acting_actor(request, "people.view_people", Scope.PEOPLE_READ)
    return _hits(selectors.registration_candidates(actor, _input(payload)))


@router.post(
    "/people",
    response={201: PersonOut},
    summary="Register a person",
    description="The caller and their organisation join the care team. Every invalid field "
    "is listed (422). Scope `people:write`.",
)
def person_register(request: HttpRequest, payload: PersonIn) -> Status[PersonOut]:
    actor = acting_actor(request, "people.register_person", Scope.PEOPLE_WRITE)
    try:
        person = actions.person_register(actor=actor, data=_input(payload))
    except InvalidPerson as error:
        raise InvalidInput(error.by_field()) from error
    return Status(201, _person_out(actor, PersonId(person.id)))


def _person_out(
    actor: Actor, person_id: PersonId, profile: selectors.PersonProfile | None = None
) -> PersonOut:
    profile = profile or selectors.person_profile(actor, person_id)
    person = profile.person
    return PersonOut(
        **_summary(person).dict(),
        name_order=person.name_order,
        preferred_name=person.preferred_name,
        other_names=[name.text for name in profile.names if name.ended_at is None],
        sex=person.sex,
        gender=person.gender,
        languages=list(person.languages),
        interpreter_needed=person.interpreter_needed,
        is_deceased=person.is_deceased,
        identifiers=[
            IdentifierOut(type=item.type, issuer=item.issuer, value=item.value)
            for item in profile.identifiers
            if item.ended_at is None
        ],
        contacts=[
            ContactOut(
                kind=item.kind,
                value=item.value,
                consent_to_contact=item.consent_to_contact,
                safe_to_leave_message=item.safe_to_leave_message,
                current=item.ended_at is None,
            )
            for item in profile.contacts
        ],
        version=person.version,
    )


@router.get(
    "/people/{person_id}",
    response=PersonOut,
    summary="One person's record: identity, contact and the notes the caller may see",
    description="404 when the person does not exist or the caller may not see them (the "
    "two are indistinguishable). Scope `people:read`.",
)
def person_detail(request: HttpRequest, person_id: UUID) -> PersonOut:
    actor = acting_actor(request, "people.view_people", Scope.PEOPLE_READ)
    profile = selectors.person_profile(actor, PersonId(person_id))
    notes = [
        PersonNoteOut(
            id=note.pk, category=str(category), text=note.text, created_at=note.created_at
        )
        for category, category_notes in profile.notes.items()
        for note in category_notes
    ]
    shown = [Category.IDENTITY, *dict.fromkeys(Category(note.category) for note in notes)]
    gate.record_sections(actor, PersonId(person_id), shown, object_id=str(person_id))
    return _person_out(actor, PersonId(person_id), profile).model_copy(update={"notes": notes})


@router.patch(
    "/people/{person_id}",
    response={200: PersonVersionOut, 409: dict[str, Any]},
    summary="Change a person's identity fields (optimistic locking)",
    description="Send `version` from `GET /people/{id}` and only the fields to change. "
    "409 problem when someone changed the person since; 404 when the caller may not update "
    "identity. Search keys follow names and birth date. Scope `people:write`.",
)
def person_update(
    request: HttpRequest, person_id: UUID, payload: PersonPatchIn
) -> PersonVersionOut | HttpResponse:
    return person_patch(request, person_id, payload)


@router.post(
    "/people/{person_id}/notes",
    response={201: NoteOut},
    summary="Add a note in one sensitivity category",
    description="Needs the right to add to that category of this person's record (else "
    "404). Scope `people:write`.",
)
def note_add(request: HttpRequest, person_id: UUID, payload: NoteIn) -> Status[NoteOut]:
    actor = acting_actor(request, "people.view_people", Scope.PEOPLE_WRITE)
    try:
        note = actions.person_note_add(
            actor=actor, person_id=PersonId(person_id), category=payload.category, text=payload.text
        )
    except InvalidPerson as error:
        raise InvalidInput(error.by_field()) from error
    return Status(201, NoteOut(id=note.pk, category=note.category, created_at=note.created_at))
