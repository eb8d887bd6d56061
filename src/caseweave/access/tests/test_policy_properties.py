"""Invariants of the policy, checked on random arrangements of care teams and consents."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caseweave.access import actions, policy, tokens
from caseweave.access.errors import NotFound
from caseweave.access.models import CareTeamMember, Consent
from caseweave.access.types import Action, Category, PersonId, Purpose
from caseweave.audit.models import AuditEvent
from caseweave.core.models import TeamMembership
from caseweave.core.tests.factories import OrganisationFactory, TeamFactory

pytestmark = pytest.mark.django_db

RECIPIENTS = ("own_organisation", "other_organisation", "team", "care_team")
ACTIONS = tuple(Action)


@dataclass(frozen=True)
class ConsentSpec:
    categories: frozenset[Category]
    purposes: frozenset[Purpose]
    recipient: str


consent_specs = st.builds(
    ConsentSpec,
    categories=st.frozensets(st.sampled_from(list(Category)), min_size=1),
    purposes=st.frozensets(st.sampled_from(list(Purpose)), min_size=1),
    recipient=st.sampled_from(RECIPIENTS),
)
arrangements = st.tuples(
    st.sampled_from(["none", "organisation", "personally"]),
    st.lists(consent_specs, max_size=4),
)

HYPOTHESIS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def world(make_persona):
    organisation = OrganisationFactory(name="Acting Agency")
    persona = make_persona("actor", organisation=organisation, role="caseworker")
    team = TeamFactory(name="Situation table")
    TeamMembership.objects.create(team=team, membership=persona.membership)
    return {"persona": persona, "other": OrganisationFactory(name="Elsewhere"), "team": team}


def _arrange(world, care_team: str, specs: list[ConsentSpec]) -> tuple[PersonId, list[Consent]]:
    persona = world["persona"]
    person_id = PersonId(uuid.uuid4())
    CareTeamMember.objects.create(person_id=person_id, organisation=world["other"])
    if care_team != "none":
        CareTeamMember.objects.create(
            person_id=person_id,
            organisation=persona.membership.organisation,
            membership=persona.membership if care_team == "personally" else None,
        )
    consents = []
    for spec in specs:
        consent = Consent.objects.create(
            person_id=person_id,
            categories=tokens.pack(spec.categories),
            purposes=tokens.pack(spec.purposes),
            to_care_team=spec.recipient == "care_team",
            evidence_kind="electronic",
            captured_by=persona.membership,
        )
        if spec.recipient == "own_organisation":
            consent.recipient_organisations.add(persona.membership.organisation)
        elif spec.recipient == "other_organisation":
            consent.recipient_organisations.add(world["other"])
        elif spec.recipient == "team":
            consent.recipient_teams.add(world["team"])
        consents.append(consent)
    policy.invalidate()
    return person_id, consents


def _allowed(actor, person_id) -> set[tuple[Category, Action]]:
    return {
        (category, action)
        for category in Category
        for action in ACTIONS
        if policy.decide(actor, person_id, category, action).allowed
    }


@HYPOTHESIS
@given(arrangement=arrangements, pick=st.integers(min_value=0))
def test_withdrawing_a_consent_never_widens_access(world, arrangement, pick) -> None:
    care_team, specs = arrangement
    with transaction.atomic():
        person_id, consents = _arrange(world, care_team, specs)
        actor = world["persona"].actor
        before = _allowed(actor, person_id)
        if consents:
            consent = consents[pick % len(consents)]
            Consent.objects.filter(pk=consent.pk).update(withdrawn_at=consent.valid_from)
            policy.invalidate()
        assert _allowed(actor, person_id) <= before
        transaction.set_rollback(True)


@HYPOTHESIS
@given(
    arrangement=arrangements, pick=st.integers(min_value=0), extra=st.sampled_from(list(Category))
)
def test_adding_a_category_to_a_consent_never_narrows_access(world, arrangement, pick, extra):
    care_team, specs = arrangement
    with transaction.atomic():
        person_id, consents = _arrange(world, care_team, specs)
        actor = world["persona"].actor
        before = _allowed(actor, person_id)
        if consents:
            consent = consents[pick % len(consents)]
            widened = tokens.pack([*consent.category_list, extra])
            Consent.objects.filter(pk=consent.pk).update(categories=widened)
            policy.invalidate()
        assert _allowed(actor, person_id) >= before
        transaction.set_rollback(True)


@HYPOTHESIS
@given(arrangement=arrangements, category=st.sampled_from(list(Category)))
def test_the_list_filter_agrees_with_the_decision(world, arrangement, category) -> None:
    care_team, specs = arrangement
    with transaction.atomic():
        person_id, _consents = _arrange(world, care_team, specs)
        actor = world["persona"].actor
        for action in ACTIONS:
            listed = CareTeamMember.objects.filter(
                policy.visible(actor, category, action=action), person_id=person_id
            ).exists()
            assert listed == policy.decide(actor, person_id, category, action).allowed
        transaction.set_rollback(True)


@HYPOTHESIS
@given(arrangement=arrangements)
def test_a_denied_action_never_writes_person_data(world, arrangement) -> None:
    care_team, specs = arrangement
    with transaction.atomic():
        person_id, _consents = _arrange(world, care_team, specs)
        actor = world["persona"].actor
        consents_before = Consent.objects.count()
        last_event = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        denied = not policy.decide(actor, person_id, Category.IDENTITY, Action.CREATE).allowed
        try:
            actions.consent_capture(
                actor=actor,
                person_id=person_id,
                categories=[Category.HOUSING],
                purposes=[Purpose.REFERRAL],
                to_care_team=True,
                evidence_kind="electronic",
            )
        except NotFound:
            assert denied
        new_events = list(
            AuditEvent.objects.filter(id__gt=last_event).values_list("event_type", flat=True)
        )
        if denied:
            assert Consent.objects.count() == consents_before
            assert new_events == ["access.denied"]
        else:
            assert Consent.objects.count() == consents_before + 1
            assert new_events == ["consent.captured"]
        transaction.set_rollback(True)


CONFIGURED_SLUGS = ("gambling", "immigration_status", "sports_club")


@pytest.fixture
def configured(make_persona) -> list[Category]:
    """Three configured categories (one not sensitive) beside the fixed ones."""
    from caseweave.access import categories

    categories.invalidate()
    steward = make_persona("category_steward", role="data_steward").actor
    for slug in CONFIGURED_SLUGS:
        actions.configured_category_save(
            actor=steward, slug=slug, label=slug.title(), is_sensitive=slug != "sports_club"
        )
    return [Category(slug) for slug in CONFIGURED_SLUGS]


@HYPOTHESIS
@given(
    granted=st.frozensets(st.sampled_from(CONFIGURED_SLUGS)),
    fixed=st.frozensets(st.sampled_from(list(Category))),
    recipient=st.sampled_from(["own_organisation", "team"]),
)
def test_a_consent_grants_exactly_the_configured_categories_it_names(
    world, configured, granted, fixed, recipient
) -> None:
    """With no care-team role, a consent to the actor is the only basis: a configured
    category is readable exactly when the consent names it, in ``decide`` and ``visible``."""
    if not granted and not fixed:
        return
    spec = ConsentSpec(
        categories=frozenset({*fixed, *(Category(slug) for slug in granted)}),
        purposes=frozenset({Purpose.SERVICE_COORDINATION}),
        recipient=recipient,
    )
    with transaction.atomic():
        person_id, _consents = _arrange(world, "none", [spec])
        actor = world["persona"].actor
        for category in configured:
            decision = policy.decide(actor, person_id, category)
            assert decision.allowed == (str(category) in granted), category
            listed = CareTeamMember.objects.filter(
                policy.visible(actor, category), person_id=person_id
            ).exists()
            assert listed == decision.allowed
        transaction.set_rollback(True)
