"""Data-sharing agreements: lawful basis without consent, recorded, never silent."""

from __future__ import annotations

import uuid

import pytest

from caseweave.access import actions, policy
from caseweave.access.errors import AccessInputError
from caseweave.access.models import CareTeamMember
from caseweave.access.types import Basis, Category, PersonId
from caseweave.audit.models import AuditEvent
from caseweave.core.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_a_child_protection_agreement_shares_without_consent(personas, make_persona) -> None:
    agency = OrganisationFactory(name="Children's Aid")
    worker = make_persona("cp_worker", organisation=agency, role="caseworker")
    person_id = PersonId(uuid.uuid4())
    CareTeamMember.objects.create(
        person_id=person_id, organisation=personas["caseworker"].membership.organisation
    )
    assert not policy.decide(worker.actor, person_id, Category.CHILD_PROTECTION).allowed
    agreement = actions.agreement_record(
        actor=personas["data_steward"].actor,
        title="Child protection protocol",
        party_ids=[agency.pk],
        categories=[Category.CHILD_PROTECTION],
        purposes=["service_coordination"],
        lawful_basis="child_protection",
        lawful_basis_detail="Child, Youth and Family Services Act, s. 125",
    )
    decision = policy.decide(worker.actor, person_id, Category.CHILD_PROTECTION)
    assert decision.basis == Basis.AGREEMENT
    assert decision.reference == f"agreement:{agreement.pk}"
    assert not policy.decide(worker.actor, person_id, Category.MENTAL_HEALTH).allowed
    actions.agreement_end(actor=personas["data_steward"].actor, agreement_id=agreement.pk)
    assert not policy.decide(worker.actor, person_id, Category.CHILD_PROTECTION).allowed
    assert AuditEvent.objects.filter(object_type="agreement").count() == 2


def test_a_consent_based_agreement_shares_nothing_by_itself(personas) -> None:
    other = OrganisationFactory()
    actions.agreement_record(
        actor=personas["data_steward"].actor,
        title="Coordination protocol",
        party_ids=[other.pk],
        categories=[Category.HOUSING],
        purposes=["service_coordination"],
        lawful_basis="consent",
        lawful_basis_detail="Each person's written consent",
    )
    person_id = PersonId(uuid.uuid4())
    CareTeamMember.objects.create(person_id=person_id, organisation=other)
    assert not policy.decide(personas["caseworker"].actor, person_id, Category.HOUSING).allowed


def test_it_names_every_missing_part(personas) -> None:
    with pytest.raises(AccessInputError) as refused:
        actions.agreement_record(
            actor=personas["data_steward"].actor,
            title="",
            party_ids=[],
            categories=[],
            purposes=[],
            lawful_basis="",
            lawful_basis_detail="",
        )
    assert set(refused.value.errors) == {
        "title",
        "parties",
        "categories",
        "purposes",
        "lawful_basis",
        "lawful_basis_detail",
    }
