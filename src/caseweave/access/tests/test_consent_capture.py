"""Capturing and withdrawing consent: validation naming every missing part, audit, effect."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from caseweave.access import actions, events, policy
from caseweave.access.errors import AccessInputError, NotFound, NotPermitted
from caseweave.access.models import CareTeamMember, Consent
from caseweave.access.types import Actor, Category, PersonId, Purpose
from caseweave.audit.models import AuditEvent
from caseweave.core.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


@pytest.fixture
def served(personas):
    person_id = PersonId(uuid.uuid4())
    CareTeamMember.objects.create(
        person_id=person_id, organisation=personas["caseworker"].membership.organisation
    )
    return person_id


def _capture(actor: Actor, person_id: PersonId, **overrides: Any) -> Consent:
    arguments: dict[str, Any] = {
        "actor": actor,
        "person_id": person_id,
        "categories": [Category.IDENTITY, Category.MENTAL_HEALTH],
        "purposes": [Purpose.CASE_CONFERENCE],
        "recipient_organisation_ids": [OrganisationFactory().pk],
        "evidence_kind": "verbal",
        "witness_name": "Sam Witness",
    }
    arguments.update(overrides)
    return actions.consent_capture(**arguments)


def test_it_records_a_consent_and_audits_it(personas, served) -> None:
    actor = personas["caseworker"].actor
    before = AuditEvent.objects.count()
    consent = _capture(actor, served)
    assert consent.category_list == [Category.IDENTITY, Category.MENTAL_HEALTH]
    event = AuditEvent.objects.get(event_type=events.CONSENT_CAPTURED)
    assert AuditEvent.objects.count() == before + 1
    assert event.person_id == served
    assert event.object_id == str(consent.pk)
    assert event.categories == ["identity", "mental_health"]
    assert event.basis == "own_organisation"
    assert "Sam" not in str(event.payload)  # no names in audit payloads


def test_it_names_every_missing_part(personas, served) -> None:
    with pytest.raises(AccessInputError) as refused:
        _capture(
            personas["caseworker"].actor,
            served,
            categories=[],
            purposes=[],
            recipient_organisation_ids=[],
            evidence_kind="",
        )
    assert set(refused.value.errors) == {"categories", "purposes", "recipients", "evidence_kind"}
    assert not Consent.objects.exists()


def test_verbal_consent_needs_a_witness(personas, served) -> None:
    with pytest.raises(AccessInputError) as refused:
        _capture(personas["caseworker"].actor, served, witness_name=" ")
    assert set(refused.value.errors) == {"witness_name"}


def test_written_consent_needs_a_real_scan(personas, served) -> None:
    actor = personas["caseworker"].actor
    fake = SimpleUploadedFile("form.pdf", b"<html>not a pdf", content_type="application/pdf")
    with pytest.raises(AccessInputError) as refused:
        _capture(actor, served, evidence_kind="written", evidence_scan=fake)
    assert "evidence_scan" in refused.value.errors
    with pytest.raises(AccessInputError):
        _capture(actor, served, evidence_kind="written", evidence_scan=None)
    scan = SimpleUploadedFile("form.pdf", PDF, content_type="application/pdf")
    consent = _capture(actor, served, evidence_kind="written", evidence_scan=scan)
    assert consent.evidence_scan.name.endswith(".pdf")
    consent.evidence_scan.delete(save=False)


def test_it_refuses_a_person_the_actor_cannot_see_and_keeps_the_denial(personas) -> None:
    stranger = PersonId(uuid.uuid4())
    with pytest.raises(NotFound):
        _capture(personas["caseworker"].actor, stranger)
    denial = AuditEvent.objects.get(event_type="access.denied")
    assert denial.person_id == stranger and denial.allowed is False
    assert not Consent.objects.exists()


def test_roles_without_the_permission_are_refused(personas, served) -> None:
    with pytest.raises(NotPermitted):
        _capture(personas["analyst"].actor, served)


def test_withdrawal_takes_effect_at_once(personas, served, make_persona) -> None:
    recipient_org = OrganisationFactory(name="Police Service")
    officer = make_persona("officer", organisation=recipient_org, role="caseworker")
    consent = _capture(
        personas["caseworker"].actor,
        served,
        purposes=[Purpose.SERVICE_COORDINATION],
        recipient_organisation_ids=[recipient_org.pk],
    )
    assert policy.decide(officer.actor, served, Category.MENTAL_HEALTH).allowed
    with pytest.raises(AccessInputError):
        actions.consent_withdraw(
            actor=personas["caseworker"].actor, consent_id=consent.pk, reason=""
        )
    actions.consent_withdraw(
        actor=personas["caseworker"].actor, consent_id=consent.pk, reason="Asked by the person"
    )
    assert not policy.decide(officer.actor, served, Category.MENTAL_HEALTH).allowed
    withdrawn = AuditEvent.objects.get(event_type=events.CONSENT_WITHDRAWN)
    assert withdrawn.object_id == str(consent.pk)
    with pytest.raises(NotFound):
        actions.consent_withdraw(
            actor=personas["caseworker"].actor, consent_id=consent.pk, reason="again"
        )


def test_a_team_recipient_covers_its_members_for_the_named_purpose(personas, served, make_persona):
    from caseweave.core.models import TeamMembership
    from caseweave.core.tests.factories import TeamFactory

    police = OrganisationFactory(name="Police")
    member = make_persona("police_member", organisation=police, role="table_member")
    table = TeamFactory(name="Outreach table", kind="action_table")
    TeamMembership.objects.create(team=table, membership=member.membership)
    _capture(
        personas["caseworker"].actor,
        served,
        recipient_organisation_ids=[],
        recipient_team_ids=[table.pk],
        purposes=[Purpose.CASE_CONFERENCE],
    )
    decision = policy.decide(member.actor, served, Category.MENTAL_HEALTH)
    assert decision.allowed and decision.reference.startswith("consent:")
    assert not policy.decide(member.actor, served, Category.HOUSING).allowed
