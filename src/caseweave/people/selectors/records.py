"""Reading households and documents as the access policy allows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO
from uuid import UUID

from caseweave.access import gate, policy
from caseweave.access.errors import NotFound
from caseweave.access.types import Action, Actor, Category, PersonId
from caseweave.people.models import Household, HouseholdMember, Person, PersonDocument

SYSTEM_REASON = "which record a household or document belongs to"


@dataclass
class MemberRow:
    membership: HouseholdMember
    person: Person | None  # None: the viewer may see the membership but not who it is

    @property
    def name(self) -> str:
        return self.person.display_name if self.person else ""


@dataclass
class HouseholdView:
    household: Household
    current: list[MemberRow] = field(default_factory=list)
    past: list[MemberRow] = field(default_factory=list)

    @property
    def primary_contact(self) -> MemberRow | None:
        return next((row for row in self.current if row.membership.is_primary_contact), None)


def household_get(actor: Actor, household_id: UUID) -> HouseholdView:
    """The members the actor may see (FAMILY), current and past. A household none of whose
    members the actor may see is ``NotFound``, exactly like a missing one. Audited as one
    list event naming the members shown."""
    household = Household.objects.filter(pk=household_id).first()
    if household is None:
        raise NotFound()
    memberships = list(
        HouseholdMember.objects.for_actor(actor, Category.FAMILY)
        .filter(household=household)
        .order_by("joined_on", "pk")
    )
    if not memberships:
        raise NotFound()
    person_ids = {membership.person_id for membership in memberships}
    people = {
        person.id: person
        for person in Person.objects.for_actor(actor, Category.IDENTITY).filter(id__in=person_ids)
    }
    gate.record_list(actor, sorted(person_ids, key=str), Category.FAMILY, object_type="household")
    view = HouseholdView(household=household)
    for membership in memberships:
        row = MemberRow(membership, people.get(membership.person_id))
        (view.past if membership.left_on else view.current).append(row)
    return view


def household_may_update(actor: Actor, view: HouseholdView) -> bool:
    return any(
        policy.decide(actor, PersonId(row.membership.person_id), Category.FAMILY, Action.UPDATE)
        for row in view.current
    )


def document_list(actor: Actor, person_id: PersonId) -> list[PersonDocument]:
    """Current and ended documents of the person, newest first (``gate.require``: audited)."""
    gate.require(
        actor,
        person_id,
        Category.DOCUMENTS,
        object_type="person_documents",
        object_id=str(person_id),
    )
    return list(
        PersonDocument.objects.for_actor(actor, Category.DOCUMENTS)
        .filter(person_id=person_id)
        .order_by("ended_at", "-uploaded_at")
    )


def document_open(
    actor: Actor, person_id: PersonId, document_id: int
) -> tuple[PersonDocument, IO[bytes]]:
    """The document and its open file, for a download.

    A download is an audited VIEW of DOCUMENTS, not an EXPORT: the policy lets consent and
    data-sharing agreements grant VIEW (and PRINT) but never EXPORT, and the point of a
    document uploaded once is that every agency the person consents to can open it instead
    of asking for it again. The audit event (``person_document.view`` with the document id)
    still tells a download apart from the list.
    """
    gate.require(
        actor,
        person_id,
        Category.DOCUMENTS,
        Action.VIEW,
        object_type="person_document",
        object_id=str(document_id),
    )
    document: PersonDocument | None = (
        PersonDocument.objects.for_actor(actor, Category.DOCUMENTS)
        .filter(pk=document_id, person_id=person_id)
        .first()
    )
    if document is None:
        raise NotFound()
    return document, document.file.open("rb")
