from __future__ import annotations

import factory.random
import pytest

from caseweave.access.types import Actor
from caseweave.audit.models import AuditEvent
from caseweave.people.actions.review import duplicate_decide, duplicates_find
from caseweave.people.choices import ReviewStatus
from caseweave.people.models import DuplicateCandidate, Person
from caseweave.people.tests.factories import PersonFactory, register

pytestmark = pytest.mark.django_db

SYSTEM = Actor.system("test duplicate detection")


@pytest.fixture
def pair(personas):
    actor = personas["supervisor"].actor
    first = register(actor, given_names="Aleksandar", family_names="Petrović", birth="1987-03-12")
    second = register(actor, given_names="Aleksandar", family_names="Petrovic", birth="1987-12-03")
    # The model is fitted by EM on this small registry, so the other thirty names are fixed:
    # with fresh random names each run, a rare draw left the pair under the threshold.
    factory.random.reseed_random("people-review-queue")
    PersonFactory.create_batch(30)
    return first, second


def test_it_queues_the_likely_duplicate_once_with_reasons(pair) -> None:
    assert duplicates_find(actor=SYSTEM) >= 1
    candidate = DuplicateCandidate.objects.for_system("t").get(
        person_id=min(pair[0].id, pair[1].id, key=str)
    )
    assert {candidate.person_id, candidate.other_id} == {pair[0].id, pair[1].id}
    assert candidate.reasons
    assert candidate.status == ReviewStatus.PENDING
    assert duplicates_find(actor=SYSTEM) == 0
    assert AuditEvent.objects.filter(event_type="duplicate.found").count() == 2


def test_confirming_merges_the_newer_into_the_older_and_rejecting_does_not(pair, personas) -> None:
    duplicates_find(actor=SYSTEM)
    candidate = DuplicateCandidate.objects.for_system("t").get(
        person_id__in=[pair[0].id, pair[1].id], other_id__in=[pair[0].id, pair[1].id]
    )
    decided = duplicate_decide(
        actor=personas["supervisor"].actor, candidate_id=candidate.pk, same_person=True
    )
    assert decided.status == ReviewStatus.CONFIRMED
    newer = Person.objects.for_system("t").get(pk=pair[1].id)
    assert newer.merged_into_id == pair[0].id
    assert AuditEvent.objects.filter(event_type="duplicate.decided").count() == 1


def test_a_reviewer_outside_the_care_team_cannot_decide(pair, make_persona, other_organisation):
    from caseweave.access.errors import NotFound

    duplicates_find(actor=SYSTEM)
    candidate = DuplicateCandidate.objects.for_system("t").get()
    outsider = make_persona("outsider", organisation=other_organisation, role="supervisor")
    with pytest.raises(NotFound):
        duplicate_decide(actor=outsider.actor, candidate_id=candidate.pk, same_person=False)
    assert DuplicateCandidate.objects.for_system("t").get().status == ReviewStatus.PENDING
