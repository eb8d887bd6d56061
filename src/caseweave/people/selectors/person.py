"""Reading one person's record, section by section, as the access policy allows."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from caseweave.access import categories, gate
from caseweave.access.choices import RecordType
from caseweave.access.types import Actor, Category, PersonId
from caseweave.people.models import (
    ContactMethod,
    HouseholdMember,
    Person,
    PersonDocument,
    PersonIdentifier,
    PersonName,
    PersonNote,
    Residence,
)
from caseweave.people.selectors.photo import photo_record

# Note categories a person page can hold; identity data has its own sections.
NOTE_CATEGORIES = [Category.CASE_NOTES] + [
    category for category in Category if category not in {Category.IDENTITY, Category.CASE_NOTES}
]


@dataclass
class PersonProfile:
    """The sections of a person page. A section the actor may not see is absent (None or
    missing from ``notes``), never an empty placeholder that hints at content."""

    person: Person
    record_ids: list[UUID]
    names: list[PersonName] = field(default_factory=list)
    identifiers: list[PersonIdentifier] = field(default_factory=list)
    contacts: list[ContactMethod] = field(default_factory=list)
    residences: list[Residence] | None = None
    households: list[HouseholdMember] | None = None
    documents: list[PersonDocument] | None = None
    has_photo: bool = False  # shown with the documents section (``selectors.photo``)
    notes: dict[Category, list[PersonNote]] = field(default_factory=dict)
    merged_records: list[Person] = field(default_factory=list)


def person_get(actor: Actor, person_id: PersonId) -> Person:
    """The person, after ``gate.require`` (audited; refused or missing raise ``NotFound``)."""
    gate.require(
        actor, person_id, Category.IDENTITY, object_type="person", object_id=str(person_id)
    )
    person: Person = Person.objects.for_actor(actor, Category.IDENTITY).get(pk=person_id)
    return person


def person_profile(actor: Actor, person_id: PersonId) -> PersonProfile:
    """Every section of the page the actor may see. Records merged into this person are
    included, each row still only where the actor may see the record it came from."""
    person = person_get(actor, person_id)
    merged = list(
        Person.objects.for_actor(actor, Category.IDENTITY).filter(merged_into_id=person.id)
    )
    record_ids = [person.id, *(record.id for record in merged)]
    profile = PersonProfile(person=person, record_ids=record_ids, merged_records=merged)
    profile.names = list(
        PersonName.objects.for_actor(actor).filter(person_id__in=record_ids).order_by("created_at")
    )
    profile.identifiers = list(
        PersonIdentifier.objects.for_actor(actor).filter(person_id__in=record_ids).order_by("type")
    )
    profile.contacts = list(
        ContactMethod.objects.for_actor(actor)
        .filter(person_id__in=record_ids)
        .order_by("ended_at", "-created_at")
    )
    if gate.allows(actor, person_id, Category.HOUSING):
        profile.residences = list(
            Residence.objects.for_actor(actor).filter(person_id__in=record_ids)
        )
    if gate.allows(actor, person_id, Category.FAMILY):
        profile.households = list(
            HouseholdMember.objects.for_actor(actor)
            .filter(person_id__in=record_ids)
            .select_related("household")
            .order_by("left_on", "-joined_on")
        )
    if gate.allows(actor, person_id, Category.DOCUMENTS):
        profile.documents = list(
            PersonDocument.objects.for_actor(actor)
            .filter(person_id__in=record_ids, ended_at__isnull=True)
            .order_by("-uploaded_at")
        )
        profile.has_photo = photo_record(actor, person_id) is not None
    # Configured note categories too, retired ones included: their notes are still there.
    configured = categories.configured(record_type=RecordType.NOTE, active_only=False)
    for category in [*NOTE_CATEGORIES, *configured]:
        if gate.allows(actor, person_id, category):
            profile.notes[category] = list(
                PersonNote.objects.for_actor(actor, category)
                .filter(person_id__in=record_ids, category=category)
                .select_related("author__user")
            )
    return profile
