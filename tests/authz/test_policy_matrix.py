"""The policy's answer for every role x relationship x category, in both of its shapes.

``decide`` (one person) and ``visible`` (the list filter) must agree on every cell: a
list can never show what a detail page refuses.
"""

from __future__ import annotations

import uuid

import pytest

from caseweave.access import policy
from caseweave.access.models import CareTeamMember
from caseweave.access.types import Action, Actor, Category, PersonId
from tests.authz.relationships import RELATIONSHIPS, establish, expected_view
from tests.personas import PERSONA_ROLES

CATEGORIES = (Category.IDENTITY, Category.HOUSING, Category.MENTAL_HEALTH, Category.JUSTICE)


def _visible_ids(actor: Actor, category: Category) -> set[uuid.UUID]:
    return set(
        CareTeamMember.objects.filter(policy.visible(actor, category)).values_list(
            "person_id", flat=True
        )
    )


@pytest.mark.parametrize("relationship", RELATIONSHIPS)
@pytest.mark.parametrize("role_key", PERSONA_ROLES)
def test_policy_answers_as_the_matrix_declares(role_key, relationship, make_persona):
    persona = make_persona(role_key)
    person_id = PersonId(uuid.uuid4())
    establish(relationship, persona, person_id)
    actor = persona.actor
    for category in CATEGORIES:
        expected = expected_view(persona.membership.role, relationship, category)
        decision = policy.decide(actor, person_id, category, Action.VIEW)
        assert decision.allowed == (expected is not None), (role_key, relationship, category)
        if expected is not None:
            assert decision.basis == expected
        assert (person_id in _visible_ids(actor, category)) == decision.allowed, (
            "visible() disagrees with decide()",
            role_key,
            relationship,
            category,
        )


def test_a_housing_consent_does_not_reveal_mental_health(make_persona):
    persona = make_persona("caseworker")
    person_id = PersonId(uuid.uuid4())
    establish("consented_recipient", persona, person_id, categories=[Category.HOUSING])
    actor = persona.actor
    assert policy.decide(actor, person_id, Category.HOUSING).allowed
    assert not policy.decide(actor, person_id, Category.MENTAL_HEALTH).allowed
    assert person_id in _visible_ids(actor, Category.HOUSING)
    assert person_id not in _visible_ids(actor, Category.MENTAL_HEALTH)


# --- Configured categories follow the same table ----------------------------------------


@pytest.fixture
def configured(make_persona) -> tuple[Category, Category]:
    """A sensitive and a non-sensitive category a data steward added."""
    from caseweave.access import actions, categories

    categories.invalidate()
    steward = make_persona("category_steward", role="data_steward").actor
    actions.configured_category_save(actor=steward, slug="gambling", label="Gambling")
    actions.configured_category_save(
        actor=steward, slug="sports_club", label="Sports club", is_sensitive=False
    )
    return Category("gambling"), Category("sports_club")


@pytest.mark.parametrize("relationship", RELATIONSHIPS)
@pytest.mark.parametrize("role_key", PERSONA_ROLES)
def test_configured_categories_answer_as_the_matrix_declares(
    role_key, relationship, make_persona, configured
):
    persona = make_persona(role_key)
    person_id = PersonId(uuid.uuid4())
    establish(relationship, persona, person_id, categories=[*Category, *configured])
    actor = persona.actor
    for category in configured:
        expected = expected_view(persona.membership.role, relationship, category)
        decision = policy.decide(actor, person_id, category, Action.VIEW)
        assert decision.allowed == (expected is not None), (role_key, relationship, category)
        if expected is not None:
            assert decision.basis == expected
        assert (person_id in _visible_ids(actor, category)) == decision.allowed
