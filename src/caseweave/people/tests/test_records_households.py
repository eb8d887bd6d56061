"""Households: people join and leave with dates kept, one primary contact, version checks."""

from __future__ import annotations

import datetime as dt

import pytest

from caseweave.access.errors import NotFound
from caseweave.access.types import PersonId
from caseweave.people.actions.households import (
    household_create,
    household_member_add,
    household_member_leave,
    household_primary_contact_set,
)
from caseweave.people.choices import Relationship
from caseweave.people.errors import InvalidPerson, StaleVersion
from caseweave.people.models import Household
from caseweave.people.selectors.records import household_get
from caseweave.people.tests.factories import PersonFactory, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(personas):
    return personas["outreach_worker"].actor


def _version(household: Household) -> int:
    household.refresh_from_db()
    return household.version


def test_join_and_leave_history_is_kept(worker) -> None:
    mother = register(worker, given_names="Amina", family_names="Yusuf")
    son = register(worker, given_names="Omar", family_names="Yusuf")
    household = household_create(actor=worker, person_id=PersonId(mother.id), label="Yusuf")
    joined = dt.date.today() - dt.timedelta(days=30)
    household_member_add(
        actor=worker,
        household_id=household.id,
        version=_version(household),
        person_id=PersonId(son.id),
        relationship=Relationship.CHILD,
        joined_on=joined,
    )
    household_member_leave(
        actor=worker,
        household_id=household.id,
        version=_version(household),
        person_id=PersonId(son.id),
    )
    household_member_add(
        actor=worker,
        household_id=household.id,
        version=_version(household),
        person_id=PersonId(son.id),
        relationship=Relationship.CHILD,
    )
    view = household_get(worker, household.id)
    assert [row.name for row in view.current] == ["Amina Yusuf", "Omar Yusuf"]
    assert [(row.name, row.membership.joined_on) for row in view.past] == [("Omar Yusuf", joined)]
    assert view.primary_contact is not None and view.primary_contact.name == "Amina Yusuf"
    assert _version(household) == 4


def test_primary_contact_moves_and_a_stale_version_is_refused(worker) -> None:
    first = register(worker, given_names="Lena")
    second = register(worker, given_names="Jonas")
    household = household_create(actor=worker, person_id=PersonId(first.id))
    household_member_add(
        actor=worker,
        household_id=household.id,
        version=1,
        person_id=PersonId(second.id),
        relationship=Relationship.PARTNER,
    )
    household_primary_contact_set(
        actor=worker, household_id=household.id, version=2, person_id=PersonId(second.id)
    )
    with pytest.raises(StaleVersion, match="Someone else changed this household"):
        household_member_leave(
            actor=worker, household_id=household.id, version=2, person_id=PersonId(first.id)
        )
    view = household_get(worker, household.id)
    assert [row.name for row in view.current if row.membership.is_primary_contact] == ["Jonas"]
    assert not view.past
    with pytest.raises(InvalidPerson, match="already a current member"):
        household_member_add(
            actor=worker,
            household_id=household.id,
            version=3,
            person_id=PersonId(second.id),
            relationship=Relationship.PARTNER,
        )


def test_nobody_joins_a_household_they_do_not_work_with(
    personas, make_persona, other_organisation
) -> None:
    worker = personas["outreach_worker"].actor
    outsider = make_persona("outsider", organisation=other_organisation, role="caseworker").actor
    theirs = register(outsider, given_names="Kept", family_names="Apart")
    ours = register(worker, given_names="Ours")
    household = household_create(actor=outsider, person_id=PersonId(theirs.id))
    with pytest.raises(NotFound):
        household_member_add(
            actor=worker,
            household_id=household.id,
            version=1,
            person_id=PersonId(ours.id),
            relationship=Relationship.OTHER_RELATIVE,
        )
    with pytest.raises(NotFound):
        household_get(worker, household.id)
    with pytest.raises(NotFound):
        household_create(actor=worker, person_id=PersonId(PersonFactory().id))
    assert _version(household) == 1


def test_a_label_with_a_nul_character_is_refused(worker) -> None:
    person = register(worker, given_names="Label")
    with pytest.raises(InvalidPerson, match="label: contains a control character"):
        household_create(actor=worker, person_id=PersonId(person.id), label="Ho\x00me")
