"""The nightly duplicate task: duplicates queued, then the unused search spellings deleted."""

from __future__ import annotations

import pytest

from caseweave.access.types import PersonId
from caseweave.people.actions.person_edit import person_update
from caseweave.people.models import DuplicateCandidate, PersonSearchSpelling
from caseweave.people.tasks import find_duplicates_nightly
from caseweave.people.tests.factories import register

pytestmark = pytest.mark.django_db


def _spellings() -> set[str]:
    return set(PersonSearchSpelling.objects.values_list("folded", flat=True))


def test_the_nightly_task_queues_duplicates_then_prunes_unused_spellings(personas) -> None:
    worker = personas["outreach_worker"].actor
    person = register(worker, given_names="Mira", family_names="Kovač", birth="1990-04-02")
    register(worker, given_names="Mira", family_names="Kovac", birth="1990-04-02")
    person_update(
        actor=worker, person_id=PersonId(person.id), version=person.version,
        changes={"family_names": "Horvat"},
    )  # fmt: skip
    assert "mira horvat" in _spellings()
    assert "mira kovac" in _spellings()  # still carried by the second record

    result = find_duplicates_nightly.call()

    assert result["queued"] == DuplicateCandidate.objects.for_system("test").count()
    assert result["spellings_pruned"] == 0
    assert find_duplicates_nightly.call()["queued"] == 0  # pairs already queued stay as they are


def test_the_nightly_task_deletes_a_spelling_no_name_carries(personas) -> None:
    worker = personas["outreach_worker"].actor
    person = register(worker, given_names="Mira", family_names="Kovač")
    register(worker, given_names="Ivo", family_names="Babić")
    person_update(
        actor=worker, person_id=PersonId(person.id), version=person.version,
        changes={"family_names": "Horvat"},
    )  # fmt: skip

    result = find_duplicates_nightly.call()

    assert result == {"queued": result["queued"], "spellings_pruned": 1}
    assert _spellings() == {"mira horvat", "ivo babic"}
