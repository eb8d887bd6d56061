"""Core's organisation actions (tested above the audit layer): permission, locking, audit."""

from __future__ import annotations

import pytest

from caseweave.audit.models import AuditEvent
from caseweave.core import actions, events
from caseweave.core.choices import OrganisationKind
from caseweave.core.errors import InvalidChange, NotPermitted, StaleEdit

pytestmark = pytest.mark.django_db


def test_a_data_steward_registers_an_organisation_and_it_is_audited(personas) -> None:
    actor = personas["data_steward"].actor
    organisation = actions.organisation_create(
        actor=actor, name="Westside Food Bank", kind=OrganisationKind.NGO, email="hi@food.test"
    )
    event = AuditEvent.objects.get(event_type=events.ORGANISATION_CREATED)
    assert event.object_id == str(organisation.pk)
    assert event.actor_membership_id == actor.membership_id
    assert event.payload == {"fields": ["email", "kind", "name"]}
    assert "hi@food.test" not in str(event.payload)


def test_a_caseworker_may_not_register_organisations(personas) -> None:
    with pytest.raises(NotPermitted):
        actions.organisation_create(
            actor=personas["caseworker"].actor, name="X", kind=OrganisationKind.NGO
        )
    assert not AuditEvent.objects.exists()


def test_a_duplicate_name_is_refused_naming_the_field(personas, home_organisation) -> None:
    with pytest.raises(InvalidChange) as raised:
        actions.organisation_create(
            actor=personas["administrator"].actor,
            name=home_organisation.name.upper(),
            kind=OrganisationKind.NGO,
        )
    assert raised.value.field == "name"


def test_a_stale_edit_is_refused_and_changes_nothing(personas, other_organisation) -> None:
    actor = personas["data_steward"].actor
    opened_at = other_organisation.version
    actions.organisation_update(
        actor=actor, organisation_id=other_organisation.pk, version=opened_at, phone="555-0101"
    )
    with pytest.raises(StaleEdit):
        actions.organisation_update(
            actor=actor, organisation_id=other_organisation.pk, version=opened_at, phone="555-0199"
        )
    other_organisation.refresh_from_db()
    assert other_organisation.phone == "555-0101"
    assert other_organisation.version == opened_at + 1
    assert AuditEvent.objects.filter(event_type=events.ORGANISATION_UPDATED).count() == 1
    assert AuditEvent.objects.get(event_type=events.ORGANISATION_UPDATED).payload == {
        "fields": ["phone"],
        "version": opened_at + 1,
    }


def test_deactivating_keeps_the_record_and_cannot_hit_your_own(
    personas, other_organisation, home_organisation
) -> None:
    actor = personas["administrator"].actor
    done = actions.organisation_set_active(
        actor=actor, organisation_id=other_organisation.pk, version=1, active=False
    )
    assert not done.is_active
    assert AuditEvent.objects.filter(event_type=events.ORGANISATION_DEACTIVATED).count() == 1
    with pytest.raises(InvalidChange):
        actions.organisation_set_active(
            actor=actor, organisation_id=home_organisation.pk, version=1, active=False
        )
