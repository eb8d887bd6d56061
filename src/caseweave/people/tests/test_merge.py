from __future__ import annotations

from typing import Any

import pytest
from django.forms.models import model_to_dict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caseweave.access.errors import NotFound
from caseweave.access.types import PersonId
from caseweave.audit.models import AuditEvent
from caseweave.people.actions import person_merge, person_unmerge
from caseweave.people.choices import ContactKind, IdentifierType
from caseweave.people.errors import MergeRefused
from caseweave.people.inputs import ContactInput, IdentifierInput
from caseweave.people.models import (
    ContactMethod,
    Person,
    PersonIdentifier,
    PersonName,
    PersonNote,
)
from caseweave.people.tests.factories import PersonFactory, register

pytestmark = pytest.mark.django_db

VOLATILE = {"version", "updated_at"}  # bumped by merge and unmerge for optimistic locking


def snapshot(person_id: Any) -> dict[str, Any]:
    """Everything stored about one person, row by row, minus the locking counters."""
    system = "test snapshot"
    person = model_to_dict(Person.objects.for_system(system).get(pk=person_id))
    rows = {
        model.__name__: sorted(
            (sorted((k, str(v)) for k, v in model_to_dict(row).items()))
            for row in model.objects.for_system(system).filter(person_id=person_id)
        )
        for model in (PersonName, PersonIdentifier, ContactMethod, PersonNote)
    }
    return {"person": {k: v for k, v in person.items() if k not in VOLATILE}, **rows}


names = st.text(alphabet="abcdefghijklmnoprstuvzčćđšž ", min_size=1, max_size=20)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    first=st.tuples(names, names, st.lists(names, max_size=2)),
    second=st.tuples(names, names, st.lists(names, max_size=2)),
    phones=st.lists(st.sampled_from(["604 555 0101", "+1 604 555 0102", "6045550103"]), max_size=2),
    # Control characters are refused at the door (person_note_add); PostgreSQL rejects NUL.
    notes=st.lists(
        st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=40).filter(
            str.strip
        ),
        max_size=3,
    ),
)
def test_unmerge_restores_both_people_exactly(personas, first, second, phones, notes) -> None:
    actor = personas["supervisor"].actor
    survivor = register(actor, given_names=first[0], family_names=first[1], aliases=tuple(first[2]))
    merged = register(
        actor,
        given_names=second[0],
        family_names=second[1],
        aliases=tuple(second[2]),
        contacts=tuple(ContactInput(ContactKind.PHONE, phone) for phone in phones),
    )
    for text in notes:
        PersonNote.objects.create(person=merged, category="case_notes", text=text)
    before = (snapshot(survivor.id), snapshot(merged.id))
    merge = person_merge(
        actor=actor, survivor_id=PersonId(survivor.id), merged_id=PersonId(merged.id)
    )
    assert Person.objects.for_system("t").get(pk=merged.id).merged_into_id == survivor.id
    person_unmerge(actor=actor, merge_id=merge.pk)
    assert (snapshot(survivor.id), snapshot(merged.id)) == before


def test_conflicting_identifiers_are_refused_showing_both_values(personas) -> None:
    actor = personas["supervisor"].actor
    survivor = register(
        actor,
        given_names="Ana",
        identifiers=(IdentifierInput(IdentifierType.SOCIAL_INSURANCE, "046 454 286"),),
    )
    merged = register(
        actor,
        given_names="Ana",
        identifiers=(IdentifierInput(IdentifierType.SOCIAL_INSURANCE, "130 692 544"),),
    )
    with pytest.raises(MergeRefused) as refused:
        person_merge(actor=actor, survivor_id=PersonId(survivor.id), merged_id=PersonId(merged.id))
    assert "046 454 286" in str(refused.value) and "130 692 544" in str(refused.value)
    assert Person.objects.for_system("t").get(pk=merged.id).merged_into_id is None


def test_a_merge_never_reaches_a_record_the_actor_cannot_see(personas) -> None:
    actor = personas["supervisor"].actor
    visible = register(actor, given_names="Ana")
    hidden = PersonFactory()
    with pytest.raises(NotFound):
        person_merge(actor=actor, survivor_id=PersonId(visible.id), merged_id=PersonId(hidden.id))
    assert Person.objects.for_system("t").get(pk=hidden.id).merged_into_id is None


def test_every_merge_and_unmerge_is_audited(personas) -> None:
    actor = personas["supervisor"].actor
    one, two = register(actor, given_names="Ana"), register(actor, given_names="Anna")
    merge = person_merge(actor=actor, survivor_id=PersonId(one.id), merged_id=PersonId(two.id))
    person_unmerge(actor=actor, merge_id=merge.pk)
    merged_event = AuditEvent.objects.get(event_type="person.merged")
    assert merged_event.person_ids == [str(one.id), str(two.id)]
    assert AuditEvent.objects.filter(event_type="person.unmerged", object_id=str(merge.pk)).exists()
