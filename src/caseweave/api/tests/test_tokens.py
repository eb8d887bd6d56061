"""Creating API clients, issuing, revoking and purging tokens: validated and audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from caseweave.access.actors import actor_for_membership
from caseweave.access.errors import NotFound
from caseweave.access.types import Actor
from caseweave.api import actions, tokens
from caseweave.api.errors import InvalidInput, NotPermitted
from caseweave.api.models import ApiClient, ApiToken
from caseweave.api.tests.factories import ApiClientFactory, token_for
from caseweave.audit.models import AuditEvent
from caseweave.core.choices import Role
from caseweave.core.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def steward():
    return MembershipFactory(role=Role.DATA_STEWARD)


def test_a_steward_creates_a_client_acting_through_a_membership_of_their_organisation(
    steward,
) -> None:
    service = MembershipFactory(organisation=steward.organisation, role=Role.INTAKE_OFFICER)

    client = actions.client_create(
        actor=actor_for_membership(steward),
        organisation_id=steward.organisation_id,
        name=" Shelter intake bridge ",
        acting_membership_id=service.pk,
        scopes=["people:read", "platform:read", "people:read"],
    )

    assert client.name == "Shelter intake bridge"
    assert client.scopes == ["people:read", "platform:read"]
    event = AuditEvent.objects.get()
    assert (event.event_type, event.object_type, event.object_id) == (
        "api.client_created",
        "api_client",
        str(client.pk),
    )
    assert event.actor_membership_id == steward.pk
    assert event.payload == {
        "organisation_id": steward.organisation_id,
        "acting_membership_id": service.pk,
        "scopes": ["people:read", "platform:read"],
    }


def test_it_lists_every_invalid_field_and_stores_nothing(steward) -> None:
    elsewhere = MembershipFactory()

    with pytest.raises(InvalidInput) as raised:
        actions.client_create(
            actor=actor_for_membership(steward),
            organisation_id=steward.organisation_id,
            name="  ",
            acting_membership_id=elsewhere.pk,
            scopes=["people:read", "people:delete-everything"],
        )

    assert set(raised.value.errors) == {"name", "acting_membership", "scopes"}
    assert "people:delete-everything" in raised.value.errors["scopes"][0]
    assert not ApiClient.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_caseworker_may_not_manage_clients() -> None:
    caseworker = MembershipFactory(role=Role.CASEWORKER)
    with pytest.raises(NotPermitted):
        actions.client_create(
            actor=actor_for_membership(caseworker),
            organisation_id=caseworker.organisation_id,
            name="Mine",
            acting_membership_id=caseworker.pk,
            scopes=["platform:read"],
        )


def test_a_steward_may_not_issue_tokens_for_another_organisations_client(steward) -> None:
    foreign = ApiClientFactory()
    with pytest.raises(NotFound):
        actions.token_issue(actor=actor_for_membership(steward), client_id=foreign.pk)
    assert not ApiToken.objects.exists()


def test_issuing_returns_the_secret_once_stores_its_hash_and_audits(
    steward, django_capture_on_commit_callbacks
) -> None:
    client = ApiClientFactory(acting_membership__organisation=steward.organisation)
    expires = timezone.now() + timedelta(days=30)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        issued = actions.token_issue(
            actor=actor_for_membership(steward), client_id=client.pk, expires_at=expires
        )

    assert tokens.parse_prefix(issued.secret) == issued.token.prefix
    assert issued.token.secret_hash == tokens.hash_token(issued.secret)
    assert issued.secret not in str(list(ApiToken.objects.values()))
    event = AuditEvent.objects.get()
    assert event.event_type == "api.token_issued"
    assert event.payload == {
        "client_id": client.pk,
        "prefix": issued.token.prefix,
        "expires_at": expires.isoformat(),
    }
    assert issued.secret not in str(event.payload)
    assert len(callbacks) == 1  # the notification task is enqueued after commit


def test_it_refuses_an_expiry_in_the_past(steward) -> None:
    client = ApiClientFactory(acting_membership__organisation=steward.organisation)
    with pytest.raises(InvalidInput) as raised:
        actions.token_issue(
            actor=actor_for_membership(steward),
            client_id=client.pk,
            expires_at=timezone.now() - timedelta(seconds=1),
        )
    assert list(raised.value.errors) == ["expires_at"]


def test_revoking_stops_the_token_and_audits_once(steward) -> None:
    client = ApiClientFactory(acting_membership__organisation=steward.organisation)
    token, _ = token_for(client)
    actor = actor_for_membership(steward)

    actions.token_revoke(actor=actor, token_id=token.pk)
    actions.token_revoke(actor=actor, token_id=token.pk)

    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by_id == steward.pk
    assert list(AuditEvent.objects.values_list("event_type", "object_id")) == [
        ("api.token_revoked", str(token.pk))
    ]


def test_deactivating_a_client_revokes_all_its_tokens(steward) -> None:
    client = ApiClientFactory(acting_membership__organisation=steward.organisation)
    first, _ = token_for(client)
    second, _ = token_for(client)

    actions.client_deactivate(actor=actor_for_membership(steward), client_id=client.pk)

    assert not ApiToken.objects.filter(revoked_at__isnull=True).exists()
    assert sorted(AuditEvent.objects.values_list("event_type", flat=True)) == [
        "api.client_deactivated",
        "api.token_revoked",
        "api.token_revoked",
    ]


def test_purge_deletes_only_tokens_long_expired_or_revoked() -> None:
    now = timezone.now()
    client = ApiClientFactory()
    old_revoked, _ = token_for(client, revoked_at=now - timedelta(days=91))
    old_expired, _ = token_for(client, expires_at=now - timedelta(days=91))
    recent_revoked, _ = token_for(client, revoked_at=now - timedelta(days=10))
    live, _ = token_for(client, expires_at=now + timedelta(days=10))

    with time_machine.travel(now, tick=False):
        purged = actions.tokens_purge_expired(actor=Actor.system("test purge"))

    assert purged == 2
    assert set(ApiToken.objects.values_list("pk", flat=True)) == {recent_revoked.pk, live.pk}
    event = AuditEvent.objects.get()
    assert event.event_type == "api.tokens_expired_purged"
    assert event.payload["token_ids"] == sorted([old_revoked.pk, old_expired.pk])
    assert actions.tokens_purge_expired(actor=Actor.system("again")) == 0


def test_the_notification_task_emails_the_acting_staff_member() -> None:
    from caseweave.api.tasks import notify_token_issued

    token, raw = token_for(ApiClientFactory())

    assert notify_token_issued.call(token.pk) is True

    (message,) = mail.outbox
    assert message.to == [token.client.acting_membership.user.email]
    assert token.prefix in message.body
    assert raw not in message.body
    assert notify_token_issued.call(token.pk + 1000) is False
