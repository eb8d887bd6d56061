"""Routes of person/household editing and documents (web pages and API)."""

from __future__ import annotations

import io
from typing import Any

from tests.authz.matrix import (
    ANONYMOUS,
    BAD_REQUEST,
    FORBIDDEN,
    INVALID,
    NOT_FOUND,
    OK,
    REDIRECT,
    UNAUTHENTICATED,
    Route,
)

NO_PEOPLE = {"analyst": FORBIDDEN, "administrator": FORBIDDEN}
NO_EDIT = {**NO_PEOPLE, "table_member": FORBIDDEN, "data_steward": FORBIDDEN}
PDF = b"%PDF-1.4\n%%EOF\n"


def _ours(personas: dict[str, Any], **fields: Any) -> Any:
    """A person registered by the outreach worker: the Home Agency is on the care team."""
    from caseweave.people.tests.factories import register

    fields.setdefault("given_names", "Matrix")
    return register(personas["outreach_worker"].actor, family_names="Record", **fields)


def _theirs() -> Any:
    from caseweave.people.tests.factories import PersonFactory

    return PersonFactory()


def _on_care_team(personas: dict[str, Any]) -> dict[str, Any]:
    return {"person_id": _ours(personas).id}


def _outside(personas: dict[str, Any]) -> dict[str, Any]:
    return {"person_id": _theirs().id}


def _with_name(personas: dict[str, Any]) -> dict[str, Any]:
    from caseweave.people.models import PersonName

    person = _ours(personas, aliases=("Old Nick",))
    name = PersonName.objects.for_system("test setup").get(person=person)
    return {"person_id": person.id, "name_id": name.pk}


def _outside_with_name(personas: dict[str, Any]) -> dict[str, Any]:
    from caseweave.people.models import PersonName

    name = PersonName.objects.create(person=_theirs(), kind="street", text="Hidden")
    return {"person_id": name.person_id, "name_id": name.pk}


def _with_contact(personas: dict[str, Any]) -> dict[str, Any]:
    from caseweave.people.inputs import ContactInput
    from caseweave.people.models import ContactMethod

    person = _ours(personas, contacts=(ContactInput(kind="mobile", value="604 555 0100"),))
    contact = ContactMethod.objects.for_system("test setup").get(person=person)
    return {"person_id": person.id, "contact_id": contact.pk}


def _outside_with_contact(personas: dict[str, Any]) -> dict[str, Any]:
    from caseweave.people.models import ContactMethod

    contact = ContactMethod.objects.create(person=_theirs(), kind="mobile", value="604 555 0199")
    return {"person_id": contact.person_id, "contact_id": contact.pk}


def _with_identifier(personas: dict[str, Any]) -> dict[str, Any]:
    from caseweave.people.inputs import IdentifierInput
    from caseweave.people.models import PersonIdentifier

    person = _ours(
        personas, identifiers=(IdentifierInput(type="agency_case", value="M-1", issuer="Home"),)
    )
    identifier = PersonIdentifier.objects.for_system("test setup").get(person=person)
    return {"person_id": person.id, "identifier_id": identifier.pk}


def _household(personas: dict[str, Any], ours: bool = True) -> dict[str, Any]:
    from caseweave.access.types import PersonId
    from caseweave.people.actions.households import household_create
    from caseweave.people.models import Household, HouseholdMember

    if ours:
        person = _ours(personas)
        household = household_create(
            actor=personas["outreach_worker"].actor, person_id=PersonId(person.id)
        )
    else:
        person = _theirs()
        household = Household.objects.create()
        HouseholdMember.objects.create(
            household=household, person=person, relationship="head", is_primary_contact=True
        )
    return {"household_id": household.id, "first": person.id}


def _household_ours(personas: dict[str, Any]) -> dict[str, Any]:
    return {"household_id": _household(personas)["household_id"]}


def _household_theirs(personas: dict[str, Any]) -> dict[str, Any]:
    return {"household_id": _household(personas, ours=False)["household_id"]}


def _household_two(personas: dict[str, Any]) -> dict[str, Any]:
    """A household of two of ours; the URL names the second, not the primary contact."""
    from caseweave.access.types import PersonId
    from caseweave.people.actions.households import household_member_add

    setup = _household(personas)
    second = _ours(personas, given_names="Second")
    household_member_add(
        actor=personas["outreach_worker"].actor,
        household_id=setup["household_id"],
        version=1,
        person_id=PersonId(second.id),
        relationship="child",
    )
    return {"household_id": setup["household_id"], "person_id": second.id}


def _document(personas: dict[str, Any], ours: bool = True) -> dict[str, Any]:
    from caseweave.access.types import Actor, PersonId
    from caseweave.people.actions.documents import document_upload

    person = _ours(personas) if ours else _theirs()
    document = document_upload(
        actor=personas["outreach_worker"].actor if ours else Actor.system("test setup"),
        person_id=PersonId(person.id),
        type="id_card",
        file=io.BytesIO(PDF),
    )
    return {"person_id": person.id, "document_id": document.pk}


def _document_ours(personas: dict[str, Any]) -> dict[str, Any]:
    return _document(personas)


def _document_theirs(personas: dict[str, Any]) -> dict[str, Any]:
    return _document(personas, ours=False)


WEB = "web:people:people_records:"
IDENTITY = {"version": 1, "given_names": "Edited", "name_order": "given_first", "sex": "unknown"}
EDITED = {"default": REDIRECT, "expect": {ANONYMOUS: REDIRECT, **NO_EDIT}}
REFUSED = {"default": NOT_FOUND, "expect": {ANONYMOUS: REDIRECT, **NO_EDIT}}


def _post(name: str, setup: Any, data: dict[str, Any], outcome: dict[str, Any]) -> Route:
    return Route(WEB + name, method="post", setup=setup, data=data, **outcome)


ROUTES = [
    Route(WEB + "person_edit", setup=_on_care_team, default=OK,
          expect={ANONYMOUS: REDIRECT, **NO_EDIT}),
    Route(WEB + "person_edit", setup=_outside, default=NOT_FOUND,
          expect={ANONYMOUS: REDIRECT, **NO_EDIT}),
    _post("person_edit", _on_care_team, IDENTITY, EDITED),
    _post("person_edit", _outside, IDENTITY, REFUSED),
    _post("name_add", _on_care_team, {"version": 1, "kind": "street", "text": "Nick"}, EDITED),
    _post("name_add", _outside, {"version": 1, "kind": "street", "text": "Nick"}, REFUSED),
    _post("name_end", _with_name, {"version": 1}, EDITED),
    _post("contact_add", _on_care_team, {"version": 1, "kind": "mobile", "value": "604 555 0101"},
          EDITED),
    _post("contact_add", _outside, {"version": 1, "kind": "mobile", "value": "604 555 0101"},
          REFUSED),
    _post("contact_end", _with_contact, {"version": 1}, EDITED),
    _post("contact_flags", _with_contact, {"version": 1, "consent_to_contact": "on"}, EDITED),
    _post("contact_flags", _outside_with_contact, {"version": 1, "consent_to_contact": "on"},
          REFUSED),
    _post("identifier_add", _on_care_team,
          {"version": 1, "type": "passport", "value": "AB123456"}, EDITED),
    _post("identifier_add", _outside, {"version": 1, "type": "passport", "value": "AB123456"},
          REFUSED),
    _post("identifier_end", _with_identifier, {"version": 1}, EDITED),
    _post("residence_add", _on_care_team, {"version": 1, "situation": "shelter"}, EDITED),
    _post("residence_add", _outside, {"version": 1, "situation": "shelter"}, REFUSED),
    _post("household_create", _on_care_team, {"relationship": "head"}, EDITED),
    _post("household_create", _outside, {"relationship": "head"}, REFUSED),
    Route(WEB + "household", setup=_household_ours, default=OK,
          expect={ANONYMOUS: REDIRECT, **NO_PEOPLE}),
    Route(WEB + "household", setup=_household_ours, query="q=Matrix", default=OK,
          expect={ANONYMOUS: REDIRECT, **NO_PEOPLE}),
    Route(WEB + "household", setup=_household_theirs, default=NOT_FOUND,
          expect={ANONYMOUS: REDIRECT, **NO_PEOPLE}),
    _post("member_add", _household_theirs,
          {"version": 1, "person_id": "00000000-0000-0000-0000-000000000001",
           "relationship": "child"}, REFUSED),
    _post("member_leave", _household_two, {"version": 2}, EDITED),
    _post("primary_contact_set", _household_two, {"version": 2}, EDITED),
    Route(WEB + "documents", setup=_on_care_team, default=OK,
          expect={ANONYMOUS: REDIRECT, **NO_PEOPLE}),
    Route(WEB + "documents", setup=_outside, default=NOT_FOUND,
          expect={ANONYMOUS: REDIRECT, **NO_PEOPLE}),
    # No file: the form is refused (422) for those who may upload, 403 for those who may not.
    Route(WEB + "documents", method="post", setup=_on_care_team, data={"type": "id_card"},
          default=INVALID,
          expect={ANONYMOUS: REDIRECT, **NO_PEOPLE, "table_member": FORBIDDEN,
                  "data_steward": FORBIDDEN}),
    Route(WEB + "document_download", setup=_document_ours, default=OK,
          expect={ANONYMOUS: REDIRECT, **NO_PEOPLE}),
    Route(WEB + "document_download", setup=_document_theirs, default=NOT_FOUND,
          expect={ANONYMOUS: REDIRECT, **NO_PEOPLE}),
    _post("document_verify", _document_ours, {"method": "seen_original"}, EDITED),
    _post("document_verify", _document_theirs, {"method": "seen_original"}, REFUSED),
    _post("document_end", _document_ours, {}, EDITED),
    _post("document_end", _document_theirs, {}, REFUSED),
    # JSON-body endpoints: the matrix sends a form body (PATCH: the text "{}", so the
    # missing version is named, 422), refused before any data is read;
    # tests/people/records/test_api.py covers them with JSON.
    Route("api:person_update", method="patch", setup=_on_care_team, data={},
          default=INVALID, expect={ANONYMOUS: UNAUTHENTICATED}),
    Route("api:contact_flags_update", method="patch", setup=_with_contact, data={},
          default=INVALID, expect={ANONYMOUS: UNAUTHENTICATED}),
    Route("api:household_create", method="post", data={}, default=BAD_REQUEST,
          expect={ANONYMOUS: UNAUTHENTICATED}),
    Route("api:household_member_add", method="post", setup=_household_ours, data={},
          default=BAD_REQUEST, expect={ANONYMOUS: UNAUTHENTICATED}),
    Route("api:document_verify", method="post", setup=_document_ours, data={},
          default=BAD_REQUEST, expect={ANONYMOUS: UNAUTHENTICATED}),
    Route("api:household_detail", setup=_household_ours, default=OK,
          expect={ANONYMOUS: UNAUTHENTICATED, **NO_PEOPLE}),
    Route("api:household_detail", setup=_household_theirs, default=NOT_FOUND,
          expect={ANONYMOUS: UNAUTHENTICATED, **NO_PEOPLE}),
    Route("api:household_member_leave", method="delete", setup=_household_two, query="version=2",
          default=OK, expect={ANONYMOUS: UNAUTHENTICATED, **NO_EDIT}),
    Route("api:document_index", setup=_on_care_team, default=OK,
          expect={ANONYMOUS: UNAUTHENTICATED, **NO_PEOPLE}),
    Route("api:document_index", setup=_outside, default=NOT_FOUND,
          expect={ANONYMOUS: UNAUTHENTICATED, **NO_PEOPLE}),
    Route("api:document_upload", method="post", setup=_on_care_team, data={"type": "id_card"},
          default=INVALID, expect={ANONYMOUS: UNAUTHENTICATED}),
    Route("api:document_file", setup=_document_ours, default=OK,
          expect={ANONYMOUS: UNAUTHENTICATED, **NO_PEOPLE}),
    Route("api:document_file", setup=_document_theirs, default=NOT_FOUND,
          expect={ANONYMOUS: UNAUTHENTICATED, **NO_PEOPLE}),
    Route("api:contact_create", method="post", setup=_on_care_team, data={},
          default=BAD_REQUEST, expect={ANONYMOUS: UNAUTHENTICATED}),
    Route("api:identifier_create", method="post", setup=_on_care_team, data={},
          default=BAD_REQUEST, expect={ANONYMOUS: UNAUTHENTICATED}),
    Route("api:name_create", method="post", setup=_on_care_team, data={},
          default=BAD_REQUEST, expect={ANONYMOUS: UNAUTHENTICATED}),
    Route("api:residence_create", method="post", setup=_on_care_team, data={},
          default=BAD_REQUEST, expect={ANONYMOUS: UNAUTHENTICATED}),
    Route("api:contact_remove", method="delete", setup=_with_contact, query="version=1",
          default=OK, expect={ANONYMOUS: UNAUTHENTICATED, **NO_EDIT}),
    Route("api:identifier_remove", method="delete", setup=_with_identifier, query="version=1",
          default=OK, expect={ANONYMOUS: UNAUTHENTICATED, **NO_EDIT}),
    Route("api:name_remove", method="delete", setup=_with_name, query="version=1",
          default=OK, expect={ANONYMOUS: UNAUTHENTICATED, **NO_EDIT}),
    Route("api:name_remove", method="delete", setup=_outside_with_name, query="version=1",
          default=NOT_FOUND, expect={ANONYMOUS: UNAUTHENTICATED, **NO_EDIT}),
]  # fmt: skip
