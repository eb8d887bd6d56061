"""Break-glass: reason required, time-boxed, stewards told, reviewed."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from caseweave.access import actions, events, policy
from caseweave.access.errors import AccessInputError, NotFound, NotPermitted
from caseweave.access.models import BreakGlassGrant
from caseweave.access.types import Basis, Category, PersonId
from caseweave.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_a_break_glass_without_a_reason_is_refused_and_logged(personas) -> None:
    person_id = PersonId(uuid.uuid4())
    with pytest.raises(AccessInputError) as refused:
        actions.break_glass_open(actor=personas["caseworker"].actor, person_id=person_id, reason="")
    assert set(refused.value.errors) == {"reason"}
    assert not BreakGlassGrant.objects.exists()
    event = AuditEvent.objects.get(event_type=events.BREAK_GLASS_REFUSED)
    assert event.allowed is False and event.person_id == person_id


def test_it_opens_for_four_hours_then_closes(personas, django_capture_on_commit_callbacks):
    actor = personas["caseworker"].actor
    person_id = PersonId(uuid.uuid4())
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            grant = actions.break_glass_open(
                actor=actor, person_id=person_id, reason="Person collapsed at the shelter"
            )
        assert grant.expires_at - grant.opened_at == timedelta(hours=4)
        decision = policy.decide(actor, person_id, Category.MENTAL_HEALTH)
        assert decision.basis == Basis.BREAK_GLASS
        assert decision.reference == f"break_glass:{grant.pk}"
    with time_machine.travel(start + timedelta(hours=4, seconds=1), tick=False):
        assert not policy.decide(actor, person_id, Category.MENTAL_HEALTH).allowed
    # The home organisation's data steward was told, without names or the reason text.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [personas["data_steward"].user.email]
    assert "collapsed" not in mail.outbox[0].body


def test_a_steward_records_the_review_outcome(personas) -> None:
    grant = actions.break_glass_open(
        actor=personas["caseworker"].actor,
        person_id=PersonId(uuid.uuid4()),
        reason="Welfare check, urgent",
    )
    steward = personas["data_steward"].actor
    with pytest.raises(AccessInputError) as refused:
        actions.break_glass_review(actor=steward, grant_id=grant.pk, outcome="not_justified")
    assert set(refused.value.errors) == {"note"}
    reviewed = actions.break_glass_review(actor=steward, grant_id=grant.pk, outcome="justified")
    assert reviewed.outcome == "justified" and reviewed.reviewed_by_id == steward.membership_id
    with pytest.raises(NotFound):
        actions.break_glass_review(actor=steward, grant_id=grant.pk, outcome="justified")
    with pytest.raises(NotPermitted):
        actions.break_glass_review(
            actor=personas["caseworker"].actor, grant_id=grant.pk, outcome="justified"
        )


def test_an_organisations_own_period_sets_the_expiry(
    personas, home_organisation, other_organisation, settings
) -> None:
    """The organisation's period wins over the deployment default, for its own staff only."""
    settings.CASEWEAVE_BREAK_GLASS_HOURS = 6
    home_organisation.break_glass_hours = 2
    home_organisation.save(update_fields=["break_glass_hours"])
    actor = personas["caseworker"].actor
    person_id = PersonId(uuid.uuid4())
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        grant = actions.break_glass_open(
            actor=actor, person_id=person_id, reason="Found unconscious near the river"
        )
        assert grant.expires_at == start + timedelta(hours=2)
        opened = AuditEvent.objects.get(event_type=events.BREAK_GLASS_OPENED)
        assert opened.payload["hours"] == 2
    with time_machine.travel(start + timedelta(hours=1, minutes=59), tick=False):
        assert policy.decide(actor, person_id, Category.MENTAL_HEALTH).basis == Basis.BREAK_GLASS
    with time_machine.travel(start + timedelta(hours=2, seconds=1), tick=False):
        assert not policy.decide(actor, person_id, Category.MENTAL_HEALTH).allowed
    assert actions.break_glass_hours(other_organisation.pk) == 6


def test_without_an_organisation_period_the_setting_applies(personas, settings) -> None:
    settings.CASEWEAVE_BREAK_GLASS_HOURS = 1
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        grant = actions.break_glass_open(
            actor=personas["caseworker"].actor,
            person_id=PersonId(uuid.uuid4()),
            reason="Threat of self-harm reported by phone",
        )
    assert grant.expires_at == start + timedelta(hours=1)


@pytest.mark.parametrize("hours", [0, 25])
def test_a_period_outside_one_to_24_hours_is_refused(personas, home_organisation, hours) -> None:
    from caseweave.core import actions as core_actions
    from caseweave.core.errors import InvalidChange

    with pytest.raises(InvalidChange) as refused:
        core_actions.organisation_update(
            actor=personas["data_steward"].actor,
            organisation_id=home_organisation.pk,
            version=home_organisation.version,
            break_glass_hours=hours,
        )
    assert refused.value.field == "break_glass_hours"
    home_organisation.refresh_from_db()
    assert home_organisation.break_glass_hours is None
