"""Households: created around one person, people join and leave, one primary contact.

Membership rows are never deleted: leaving sets ``left_on``, so the history of who lived
together when stays. Changes name the household's ``version`` (optimistic locking).
A household holds no personal data itself; acting on it needs UPDATE on FAMILY for the
member concerned and for at least one current member (the actor must already work with
the household, so a household id alone gives nobody a way in).
"""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from caseweave.access import gate, policy
from caseweave.access.errors import NotFound
from caseweave.access.managers import PersonDataQuerySet
from caseweave.access.types import Action, Actor, Category, PersonId
from caseweave.audit import recorder
from caseweave.people import events
from caseweave.people.choices import Relationship
from caseweave.people.errors import InvalidPerson, Problem, StaleVersion
from caseweave.people.models import Household, HouseholdMember, Person
from caseweave.people.validation import control_character_problems

SYSTEM_REASON = "household membership check"


def household_create(
    *, actor: Actor, person_id: PersonId, relationship: str = Relationship.HEAD, label: str = ""
) -> Household:
    """A new household with ``person`` as its first member and primary contact."""
    problems = _relationship_problems(relationship)
    if len(label) > 120:
        problems.append(Problem("label", "at most 120 characters"))
    problems += control_character_problems({"label": label})
    if problems:
        raise InvalidPerson(problems)
    gate.authorise(actor, person_id, Category.FAMILY, Action.CREATE, object_type="household")
    with transaction.atomic():
        if (
            not Person.objects.for_system(SYSTEM_REASON)
            .filter(pk=person_id, merged_into__isnull=True)
            .exists()
        ):
            raise InvalidPerson([Problem("person", "this record was merged into another person")])
        household = Household.objects.create(label=label.strip())
        HouseholdMember.objects.create(
            household=household,
            person_id=person_id,
            relationship=relationship,
            is_primary_contact=True,
        )
        _audit(
            actor,
            events.HOUSEHOLD_CREATED,
            household,
            person_id,
            ["relationship", "is_primary_contact"],
        )
    return household


def household_member_add(
    *,
    actor: Actor,
    household_id: UUID,
    version: int,
    person_id: PersonId,
    relationship: str,
    joined_on: dt.date | None = None,
) -> HouseholdMember:
    """``person`` joins with ``relationship`` to the primary contact."""
    joined_on = joined_on or timezone.localdate()
    problems = _relationship_problems(relationship)
    if joined_on > timezone.localdate():
        problems.append(Problem("joined_on", "the date is in the future"))
    if problems:
        raise InvalidPerson(problems)
    gate.authorise(actor, person_id, Category.FAMILY, Action.UPDATE, object_type="household")
    with transaction.atomic():
        household = _locked(actor, household_id, version)
        if _current(household).filter(person_id=person_id).exists():
            raise InvalidPerson([Problem("person", "already a current member of this household")])
        member = HouseholdMember.objects.create(
            household=household, person_id=person_id, relationship=relationship, joined_on=joined_on
        )
        _bump(household)
        _audit(actor, events.HOUSEHOLD_JOINED, household, person_id, ["relationship", "joined_on"])
    return member


def household_member_leave(
    *,
    actor: Actor,
    household_id: UUID,
    version: int,
    person_id: PersonId,
    left_on: dt.date | None = None,
) -> HouseholdMember:
    """The person leaves; their membership row stays with its dates. A leaving primary
    contact leaves the household without one until another is set."""
    left_on = left_on or timezone.localdate()
    if left_on > timezone.localdate():
        raise InvalidPerson([Problem("left_on", "the date is in the future")])
    gate.authorise(actor, person_id, Category.FAMILY, Action.UPDATE, object_type="household")
    with transaction.atomic():
        household = _locked(actor, household_id, version)
        member: HouseholdMember | None = _current(household).filter(person_id=person_id).first()
        if member is None:
            raise InvalidPerson([Problem("person", "not a current member of this household")])
        if left_on < member.joined_on:
            raise InvalidPerson(
                [Problem("left_on", f"before they joined ({member.joined_on.isoformat()})")]
            )
        member.left_on = left_on
        member.is_primary_contact = False
        member.save(update_fields=["left_on", "is_primary_contact"])
        _bump(household)
        _audit(actor, events.HOUSEHOLD_LEFT, household, person_id, ["left_on"])
    return member


def household_primary_contact_set(
    *, actor: Actor, household_id: UUID, version: int, person_id: PersonId
) -> HouseholdMember:
    gate.authorise(actor, person_id, Category.FAMILY, Action.UPDATE, object_type="household")
    with transaction.atomic():
        household = _locked(actor, household_id, version)
        member: HouseholdMember | None = _current(household).filter(person_id=person_id).first()
        if member is None:
            raise InvalidPerson([Problem("person", "not a current member of this household")])
        _current(household).filter(is_primary_contact=True).update(is_primary_contact=False)
        member.is_primary_contact = True
        member.save(update_fields=["is_primary_contact"])
        _bump(household)
        _audit(
            actor,
            events.HOUSEHOLD_PRIMARY_CONTACT_SET,
            household,
            person_id,
            ["is_primary_contact"],
        )
    return member


def _current(household: Household) -> PersonDataQuerySet:
    return HouseholdMember.objects.for_system(SYSTEM_REASON).filter(
        household=household, left_on__isnull=True
    )


def _locked(actor: Actor, household_id: UUID, version: int) -> Household:
    """The household, row-locked, if the actor works with one of its current members."""
    household = Household.objects.select_for_update().filter(pk=household_id).first()
    member_ids = (
        list(
            _current(household).order_by("-is_primary_contact").values_list("person_id", flat=True)
        )
        if household
        else []
    )
    if household is None or not member_ids:
        raise NotFound()
    if not any(
        policy.decide(actor, PersonId(member_id), Category.FAMILY, Action.UPDATE).allowed
        for member_id in member_ids
    ):
        gate.authorise(
            actor, PersonId(member_ids[0]), Category.FAMILY, Action.UPDATE, object_type="household"
        )
    if household.version != version:
        raise StaleVersion(
            "Someone else changed this household since you opened the page "
            f"(version {household.version}, yours {version}). "
            "Nothing was saved: reload and try again."
        )
    return household


def _bump(household: Household) -> None:
    household.version += 1
    household.save(update_fields=["version"])


def _relationship_problems(relationship: str) -> list[Problem]:
    if relationship not in Relationship.values:
        return [Problem("relationship", f"unknown relationship {relationship!r}")]
    return []


def _audit(
    actor: Actor, event: str, household: Household, person_id: PersonId, fields: list[str]
) -> None:
    recorder.record(
        actor,
        event,
        action="update",
        person_id=person_id,
        categories=[Category.FAMILY],
        object_type="household",
        object_id=str(household.pk),
        payload={"fields": fields, "version": household.version},
    )
