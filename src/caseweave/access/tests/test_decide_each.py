"""``decide_each`` (a search's shortlist in one statement) agrees with ``decide`` per person."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from caseweave.access import gate, policy
from caseweave.access.tests.test_policy_properties import (
    ACTIONS,
    HYPOTHESIS,
    _arrange,
    arrangements,
    world,
)
from caseweave.access.types import Actor, Category, PersonId

pytestmark = pytest.mark.django_db

__all__ = ["world"]  # the fixture, shared with the policy's other properties


@HYPOTHESIS
@given(
    people=st.lists(arrangements, min_size=1, max_size=4), category=st.sampled_from(list(Category))
)
def test_each_decision_of_a_shortlist_is_the_decision_for_that_person(
    world, people, category
) -> None:
    with transaction.atomic():
        person_ids = [_arrange(world, care_team, specs)[0] for care_team, specs in people]
        actor = world["persona"].actor
        for action in ACTIONS:
            together = policy.decide_each(actor, person_ids, category, action)
            assert together == {
                person_id: policy.decide(actor, person_id, category, action)
                for person_id in person_ids
            }
        transaction.set_rollback(True)


def test_a_shortlist_costs_one_statement_however_long(world) -> None:
    actor = world["persona"].actor
    person_ids = [_arrange(world, "organisation", [])[0] for _ in range(12)]
    stranger = _arrange(world, "none", [])[0]
    for shortlist in (person_ids[:1], [*person_ids, stranger]):
        with CaptureQueriesContext(connection) as queries:
            allowed = gate.allowed_among(actor, shortlist, Category.IDENTITY)
        assert len(queries) == 1
        assert allowed == set(shortlist) - {stranger}


def test_roles_without_person_data_and_empty_shortlists_cost_nothing(world) -> None:
    person_id = _arrange(world, "organisation", [])[0]
    analyst = Actor(user_id=1, membership_id=None, organisation_id=None, role="analyst")
    caseworker = world["persona"].actor
    with CaptureQueriesContext(connection) as queries:
        assert gate.allowed_among(analyst, [person_id], Category.IDENTITY) == set()
        assert gate.allowed_among(caseworker, [], Category.IDENTITY) == set()
        assert gate.allowed_among(Actor.system("test"), [person_id], Category.IDENTITY) == {
            PersonId(person_id)
        }
    assert len(queries) == 0, [query["sql"] for query in queries.captured_queries]
