"""The people list: the people the actor may see, by name, page after page by position."""

from __future__ import annotations

import pytest

from caseweave.access.types import PersonId
from caseweave.audit.models import AuditEvent
from caseweave.people.actions import person_merge
from caseweave.people.selectors import person_list
from caseweave.people.tests.factories import PersonFactory, register

pytestmark = pytest.mark.django_db

NAMES = [
    ("Ana", "Babić"), ("Marko", "Babić"), ("Ana", "Babić"), ("Zora", "Adžić"),
    ("Ivo", "Zec"), ("Lejla", "Hodžić"), ("Aco", "Petrović"),
]  # fmt: skip


def _key(person) -> tuple[str, str, str]:
    return (person.family_names, person.given_names, str(person.id))


def test_pages_follow_one_another_by_name_without_gaps_or_repeats(personas) -> None:
    actor = personas["outreach_worker"].actor
    registered = [register(actor, given_names=g, family_names=f) for g, f in NAMES]
    PersonFactory(given_names="Aaron", family_names="Aaronson")  # no care team: not visible
    shown, after, pages = [], None, 0
    while True:
        page = person_list(actor, after=after, limit=3)
        shown += page.people
        pages += 1
        if page.next_after is None:
            break
        after = page.next_after
    assert pages == 3
    assert [person.id for person in shown] == [person.id for person in sorted(registered, key=_key)]
    events = AuditEvent.objects.filter(event_type="person_list.listed").order_by("id")
    assert [len(event.person_ids) for event in events] == [3, 3, 1]
    assert events[0].person_ids == [str(person.id) for person in shown[:3]]


def test_merged_records_are_left_out_and_an_unknown_position_starts_again(personas) -> None:
    actor = personas["supervisor"].actor
    survivor = register(actor, given_names="Ana", family_names="Babić")
    merged = register(actor, given_names="Anna", family_names="Babic")
    person_merge(actor=actor, survivor_id=PersonId(survivor.id), merged_id=PersonId(merged.id))
    assert [person.id for person in person_list(actor).people] == [survivor.id]
    hidden = PersonFactory()
    assert [person.id for person in person_list(actor, after=hidden.id).people] == [survivor.id]


def test_a_page_is_complete_when_the_first_people_in_order_are_hidden(
    personas, monkeypatch
) -> None:
    monkeypatch.setattr("caseweave.people.selectors.people_list.CANDIDATE_ROUNDS", (2, 4))
    actor = personas["outreach_worker"].actor
    for family in ("Aa", "Ab", "Ac", "Ad", "Ae", "Af"):  # no care team: not visible
        PersonFactory(given_names="Hidden", family_names=family)
    registered = [register(actor, given_names=g, family_names=f) for g, f in NAMES]
    expected = [person.id for person in sorted(registered, key=_key)]
    first = person_list(actor, limit=3)
    assert [person.id for person in first.people] == expected[:3]
    second = person_list(actor, after=first.next_after, limit=5)
    assert [person.id for person in second.people] == expected[3:]
    assert second.next_after is None
