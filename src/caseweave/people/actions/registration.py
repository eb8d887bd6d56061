"""Registering a person: validate everything, create, join the care team, audit."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from caseweave.access import actions as access_actions
from caseweave.access.types import Actor, Category, PersonId
from caseweave.audit import recorder
from caseweave.people import events
from caseweave.people.choices import NameKind
from caseweave.people.errors import InvalidPerson, Problem
from caseweave.people.identifiers import normalise_identifier
from caseweave.people.inputs import PersonInput
from caseweave.people.models import (
    ContactMethod,
    Person,
    PersonIdentifier,
    PersonName,
    Residence,
)
from caseweave.people.search_index import index_people, normalise_contact
from caseweave.people.validation import validate_person


def _taken_identifiers(data: PersonInput) -> list[Problem]:
    problems = []
    for index, identifier in enumerate(data.identifiers):
        taken = (
            PersonIdentifier.objects.for_system("identifier uniqueness check")
            .filter(
                type=identifier.type,
                issuer=identifier.issuer,
                normalised=normalise_identifier(identifier.value),
                ended_at__isnull=True,
            )
            .exists()
        )
        if taken:
            # Say that it is taken, never by whom: the registering worker may not see them.
            problems.append(
                Problem(
                    f"identifiers[{index}]",
                    f"{identifier.value!r} is already registered to someone; "
                    "search for the person before registering",
                )
            )
    return problems


@transaction.atomic
def person_register(*, actor: Actor, data: PersonInput) -> Person:
    """Register a new person and put the actor (and their organisation) on the care team.

    Any staff member with ``people.register_person`` may call it (the view checks the
    permission). Audits ``person.registered`` with the field names given. Raises
    ``InvalidPerson`` listing every problem; nothing is written then.
    """
    problems = validate_person(data)
    problems += _taken_identifiers(data)
    if problems:
        raise InvalidPerson(problems)
    now = timezone.now()
    person = Person.objects.create(
        given_names=data.given_names.strip(),
        family_names=data.family_names.strip(),
        name_order=data.name_order,
        preferred_name=data.preferred_name.strip(),
        birth_date=data.birth_date,
        birth_date_precision=data.birth_date_precision,
        sex=data.sex,
        gender=data.gender.strip(),
        languages=list(data.languages),
        interpreter_needed=data.interpreter_needed,
        registered_by_id=actor.membership_id,
        created_at=now,
        updated_at=now,
    )
    PersonName.objects.bulk_create(
        PersonName(person=person, kind=NameKind.ALIAS, text=alias.strip())
        for alias in data.aliases
        if alias.strip()
    )
    PersonIdentifier.objects.bulk_create(
        PersonIdentifier(
            person=person,
            type=identifier.type,
            issuer=identifier.issuer,
            value=identifier.value.strip(),
            normalised=normalise_identifier(identifier.value),
        )
        for identifier in data.identifiers
    )
    ContactMethod.objects.bulk_create(
        ContactMethod(
            person=person,
            kind=contact.kind,
            value=contact.value.strip(),
            normalised=normalise_contact(contact.kind, contact.value),
            consent_to_contact=contact.consent_to_contact,
            safe_to_leave_message=contact.safe_to_leave_message,
        )
        for contact in data.contacts
    )
    if data.residence is not None:
        Residence.objects.create(
            person=person,
            situation=data.residence.situation,
            address=data.residence.address,
            locality=data.residence.locality,
            postal_code=data.residence.postal_code,
            place_note=data.residence.place_note,
        )
    index_people([person.id])
    recorder.record(
        actor,
        events.PERSON_REGISTERED,
        action="create",
        person_id=person.id,
        categories=[Category.IDENTITY] + ([Category.HOUSING] if data.residence else []),
        object_type="person",
        object_id=str(person.id),
        payload={"fields": _given_fields(data)},
    )
    if actor.organisation_id is not None:
        access_actions.care_team_add(
            actor=actor,
            person_id=PersonId(person.id),
            organisation_id=actor.organisation_id,
            membership_id=actor.membership_id,
            is_lead=True,
        )
    return person


def _given_fields(data: PersonInput) -> list[str]:
    names = [
        "given_names",
        "family_names",
        "preferred_name",
        "aliases",
        "birth_date",
        "gender",
        "languages",
        "identifiers",
        "contacts",
        "residence",
    ]
    return [name for name in names if getattr(data, name)]
