"""Core's staff actions (audited, so tested here above the audit layer): memberships, teams."""

from __future__ import annotations

import pytest

from caseweave.audit.models import AuditEvent
from caseweave.core import actions, events
from caseweave.core.choices import Role
from caseweave.core.errors import InvalidChange, InvalidFields, NotPermitted, StaleEdit
from caseweave.core.models import Membership, User
from caseweave.core.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_a_new_staff_member_gets_an_account_and_a_role(personas, home_organisation) -> None:
    membership = actions.membership_create(
        actor=personas["data_steward"].actor,
        organisation_id=home_organisation.pk,
        email="New.Person@Example.test",
        role=Role.OUTREACH_WORKER,
        full_name="Nadia Person",
        initial_password="a-long-initial-passphrase",
    )
    assert membership.user.email == "new.person@example.test"
    assert membership.user.check_password("a-long-initial-passphrase")
    assert list(AuditEvent.objects.order_by("id").values_list("event_type", flat=True)) == [
        events.STAFF_CREATED,
        events.MEMBERSHIP_CREATED,
    ]


def test_a_new_account_lists_every_missing_field_and_stores_nothing(
    personas, home_organisation
) -> None:
    with pytest.raises(InvalidFields) as raised:
        actions.membership_create(
            actor=personas["data_steward"].actor,
            organisation_id=home_organisation.pk,
            email="someone@example.test",
            role=Role.CASEWORKER,
            initial_password="short",
        )
    assert set(raised.value.errors) == {"full_name", "initial_password"}
    assert not User.objects.filter(email="someone@example.test").exists()
    assert not AuditEvent.objects.exists()


def test_an_existing_person_joins_a_second_organisation(personas, other_organisation) -> None:
    caseworker = personas["caseworker"].user
    membership = actions.membership_create(
        actor=personas["administrator"].actor,
        organisation_id=other_organisation.pk,
        email=caseworker.email,
        role=Role.TABLE_MEMBER,
    )
    assert membership.user == caseworker
    assert Membership.objects.filter(user=caseworker, is_active=True).count() == 2


def test_a_steward_manages_only_their_own_organisations_staff(personas, other_organisation) -> None:
    with pytest.raises(NotPermitted):
        actions.membership_create(
            actor=personas["data_steward"].actor,
            organisation_id=other_organisation.pk,
            email=personas["caseworker"].user.email,
            role=Role.TABLE_MEMBER,
        )


def test_ending_a_membership_is_versioned_and_audited(personas) -> None:
    target = personas["outreach_worker"].membership
    actor = personas["data_steward"].actor
    ended = actions.membership_end(actor=actor, membership_id=target.pk, version=target.version)
    assert not ended.is_active and ended.ended_on is not None
    with pytest.raises(StaleEdit):
        actions.membership_end(actor=actor, membership_id=target.pk, version=target.version)
    assert AuditEvent.objects.filter(event_type=events.MEMBERSHIP_ENDED).count() == 1


def test_a_team_takes_members_from_several_agencies(personas, other_organisation) -> None:
    actor = personas["data_steward"].actor
    team = actions.team_create(
        actor=actor,
        name="Eastside table",
        kind="action_table",
        organisation_id=actor.organisation_id,
    )
    police = MembershipFactory(organisation=other_organisation, role=Role.TABLE_MEMBER)
    actions.team_member_add(actor=actor, team_id=team.pk, membership_id=police.pk)
    actions.team_member_add(
        actor=actor, team_id=team.pk, membership_id=personas["caseworker"].membership.pk
    )
    with pytest.raises(InvalidChange):
        actions.team_member_add(actor=actor, team_id=team.pk, membership_id=police.pk)
    assert {m.organisation_id for m in team.members.all()} == {
        other_organisation.pk,
        actor.organisation_id,
    }
    actions.team_member_remove(actor=actor, team_id=team.pk, membership_id=police.pk)
    assert AuditEvent.objects.filter(event_type=events.TEAM_MEMBER_ADDED).count() == 2
    assert AuditEvent.objects.filter(event_type=events.TEAM_MEMBER_REMOVED).count() == 1
