"""Changing a contact method's consent and message flags in place."""

from __future__ import annotations

import pytest

from caseweave.access.errors import NotFound
from caseweave.access.types import PersonId
from caseweave.audit.models import AuditEvent
from caseweave.people.actions.person_details import contact_end, contact_flags_update
from caseweave.people.errors import InvalidPerson, StaleVersion
from caseweave.people.inputs import ContactInput
from caseweave.people.models import ContactMethod, Person
from caseweave.people.tests.factories import PersonFactory, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(personas):
    return personas["outreach_worker"].actor


@pytest.fixture
def person(worker):
    return register(
        worker, given_names="Mira", family_names="Kovač",
        contacts=(ContactInput(kind="mobile", value="604 555 0142"),),
    )  # fmt: skip


def _contact(person: Person) -> ContactMethod:
    found: ContactMethod = ContactMethod.objects.for_system("test").get(person=person)
    return found


def _version(person: Person) -> int:
    version: int = Person.objects.for_system("test").get(pk=person.pk).version
    return version


def test_it_changes_the_flags_in_place_and_audits_their_names(worker, person) -> None:
    contact = _contact(person)
    method, changed = contact_flags_update(
        actor=worker, person_id=PersonId(person.id), version=1, contact_id=contact.pk,
        flags={"consent_to_contact": True, "safe_to_leave_message": False},
    )  # fmt: skip
    assert changed == ["consent_to_contact"]
    stored = _contact(person)
    assert (stored.pk, stored.value, stored.ended_at) == (contact.pk, "604 555 0142", None)
    assert (stored.consent_to_contact, stored.safe_to_leave_message) == (True, False)
    assert _version(person) == 2
    event = AuditEvent.objects.filter(event_type="person.updated").get()
    assert (event.person_id, event.object_type, event.object_id) == (
        person.id, "contact_method", str(contact.pk),
    )  # fmt: skip
    assert event.payload["fields"] == ["consent_to_contact"]
    assert event.payload["section"] == "contacts" and event.payload["change"] == "updated"
    assert "604" not in str(event.payload) and "True" not in str(event.payload)


def test_only_the_flags_sent_change(worker, person) -> None:
    contact = _contact(person)
    contact_flags_update(
        actor=worker, person_id=PersonId(person.id), version=1, contact_id=contact.pk,
        flags={"safe_to_leave_message": True},
    )  # fmt: skip
    stored = _contact(person)
    assert (stored.consent_to_contact, stored.safe_to_leave_message) == (False, True)


def test_no_change_writes_nothing_and_keeps_the_version(worker, person) -> None:
    contact = _contact(person)
    _, changed = contact_flags_update(
        actor=worker, person_id=PersonId(person.id), version=1, contact_id=contact.pk,
        flags={"consent_to_contact": False},
    )  # fmt: skip
    assert changed == [] and _version(person) == 1
    assert not AuditEvent.objects.filter(event_type="person.updated").exists()


def test_a_stale_version_is_refused_and_nothing_is_written(worker, person) -> None:
    contact = _contact(person)
    contact_flags_update(
        actor=worker, person_id=PersonId(person.id), version=1, contact_id=contact.pk,
        flags={"consent_to_contact": True},
    )  # fmt: skip
    with pytest.raises(StaleVersion, match="Someone else changed this person"):
        contact_flags_update(
            actor=worker, person_id=PersonId(person.id), version=1, contact_id=contact.pk,
            flags={"safe_to_leave_message": True},
        )  # fmt: skip
    assert _contact(person).safe_to_leave_message is False
    assert _version(person) == 2


def test_an_ended_or_anothers_contact_is_refused_naming_the_field(worker, person) -> None:
    other = register(
        worker, given_names="Other", contacts=(ContactInput(kind="mobile", value="604 555 0143"),)
    )
    with pytest.raises(InvalidPerson) as refused:
        contact_flags_update(
            actor=worker, person_id=PersonId(person.id), version=1,
            contact_id=_contact(other).pk, flags={"consent_to_contact": True},
        )  # fmt: skip
    assert [p.field for p in refused.value.problems] == ["contact"]
    contact = _contact(person)
    contact_end(actor=worker, person_id=PersonId(person.id), version=1, contact_id=contact.pk)
    with pytest.raises(InvalidPerson, match="no current contact"):
        contact_flags_update(
            actor=worker, person_id=PersonId(person.id), version=2, contact_id=contact.pk,
            flags={"consent_to_contact": True},
        )  # fmt: skip
    assert _contact(other).consent_to_contact is False


def test_unknown_flags_and_non_booleans_are_named(worker, person) -> None:
    with pytest.raises(InvalidPerson) as refused:
        contact_flags_update(
            actor=worker, person_id=PersonId(person.id), version=1,
            contact_id=_contact(person).pk,
            flags={"value": True, "consent_to_contact": "yes"},  # type: ignore[dict-item]
        )  # fmt: skip
    assert sorted(p.field for p in refused.value.problems) == ["consent_to_contact", "value"]


def test_someone_outside_the_care_team_is_refused_as_not_found(worker) -> None:
    stranger = PersonFactory(given_names="Ana")
    contact = ContactMethod.objects.create(person=stranger, kind="mobile", value="604 555 0144")
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    with pytest.raises(NotFound):
        contact_flags_update(
            actor=worker, person_id=PersonId(stranger.id), version=1, contact_id=contact.pk,
            flags={"consent_to_contact": True},
        )  # fmt: skip
    assert _contact(stranger).consent_to_contact is False
    events = AuditEvent.objects.filter(id__gt=last).values_list("event_type", flat=True)
    assert list(events) == ["access.denied"]
