"""Two editors saving the same version at the same moment: exactly one wins (PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from caseweave.access.types import PersonId
from caseweave.people.actions.person_edit import person_update
from caseweave.people.errors import StaleVersion
from caseweave.people.models import Person
from caseweave.people.tests.factories import register

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL)"
    ),
]


def test_concurrent_edits_of_one_version_let_exactly_one_through(personas) -> None:
    worker = personas["outreach_worker"].actor
    person = register(worker, given_names="Concurrent")
    start = threading.Barrier(4)
    outcomes: list[str] = []

    def edit(gender: str) -> None:
        start.wait()
        try:
            person_update(
                actor=worker, person_id=PersonId(person.id), version=1, changes={"gender": gender}
            )
            outcomes.append(f"saved {gender}")
        except StaleVersion:
            outcomes.append("stale")
        finally:
            connection.close()

    threads = [threading.Thread(target=edit, args=(f"g{index}",)) for index in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes).count("stale") == 3
    stored = Person.objects.for_system("test").get(pk=person.pk)
    assert stored.version == 2
    assert [f"saved {stored.gender}"] == [outcome for outcome in outcomes if outcome != "stale"]
