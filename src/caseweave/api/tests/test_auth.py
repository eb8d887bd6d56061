"""Bearer tokens and sessions: who may call, with which scopes, as which Actor."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from caseweave.api import auth
from caseweave.api.models import ApiToken
from caseweave.api.scopes import Scope
from caseweave.api.tests.factories import ApiClientFactory, token_for

pytestmark = pytest.mark.django_db


def bearer(raw: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw}"}


def test_a_valid_token_acts_as_the_clients_membership() -> None:
    client = ApiClientFactory(scopes=[Scope.PLATFORM_READ])
    _, raw = token_for(client)

    response = Client().get("/api/v1/me", headers=bearer(raw))

    assert response.status_code == 200
    body = response.json()
    assert body["acting_membership_id"] == client.acting_membership_id
    assert [m["id"] for m in body["memberships"]] == [client.acting_membership_id]
    assert body["api_client"] == {"id": client.pk, "name": client.name, "scopes": ["platform:read"]}


def test_it_records_last_use_of_a_token() -> None:
    token, raw = token_for(ApiClientFactory())
    Client().get("/api/v1/me", headers=bearer(raw))
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_it_stores_only_a_hash_of_the_secret() -> None:
    token, raw = token_for(ApiClientFactory())
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert raw not in {str(value) for value in stored.values()}
    assert token.secret_hash != raw


@pytest.mark.parametrize(
    "header",
    [
        "Bearer cw_000000000000_" + "x" * 43,
        "Bearer not-a-token",
        "Basic dXNlcjpwYXNz",
        "Bearer ",
    ],
)
def test_it_refuses_unknown_or_malformed_credentials(header: str) -> None:
    response = Client().get("/api/v1/me", headers={"Authorization": header})
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_it_refuses_a_token_with_the_right_prefix_but_a_wrong_secret() -> None:
    _, raw = token_for(ApiClientFactory())
    forged = raw[:-4] + ("AAAA" if not raw.endswith("AAAA") else "BBBB")
    assert Client().get("/api/v1/me", headers=bearer(forged)).status_code == 401


def test_it_refuses_a_revoked_token() -> None:
    _, raw = token_for(ApiClientFactory(), revoked_at=timezone.now())
    assert Client().get("/api/v1/me", headers=bearer(raw)).status_code == 401


def test_it_refuses_a_token_once_it_expires() -> None:
    now = timezone.now()
    _, raw = token_for(ApiClientFactory(), expires_at=now + timedelta(hours=1))
    with time_machine.travel(now + timedelta(minutes=59), tick=False):
        assert Client().get("/api/v1/me", headers=bearer(raw)).status_code == 200
    with time_machine.travel(now + timedelta(hours=1, seconds=1), tick=False):
        assert Client().get("/api/v1/me", headers=bearer(raw)).status_code == 401


def test_it_refuses_tokens_of_a_deactivated_client_or_membership() -> None:
    client = ApiClientFactory()
    _, raw = token_for(client)
    client.is_active = False
    client.save(update_fields=["is_active"])
    assert Client().get("/api/v1/me", headers=bearer(raw)).status_code == 401

    other = ApiClientFactory()
    _, other_raw = token_for(other)
    other.acting_membership.is_active = False
    other.acting_membership.save(update_fields=["is_active"])
    assert Client().get("/api/v1/me", headers=bearer(other_raw)).status_code == 401


def test_a_missing_scope_answers_403_naming_the_scope() -> None:
    client = ApiClientFactory(scopes=[Scope.PEOPLE_READ])
    _, raw = token_for(client)

    response = Client().get("/api/v1/me", headers=bearer(raw))

    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["missing_scope"] == "platform:read"
    assert "platform:read" in body["detail"]


def test_a_token_builds_the_actor_of_the_clients_organisation_and_role(rf) -> None:
    client = ApiClientFactory()
    _, raw = token_for(client)
    request = rf.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert auth.token_auth(request) == client

    actor = request.actor
    membership = client.acting_membership
    assert (actor.user_id, actor.membership_id, actor.organisation_id, actor.role) == (
        membership.user_id,
        membership.pk,
        membership.organisation_id,
        membership.role,
    )
    assert actor.user_agent.startswith(f"caseweave-api-client/{client.pk} ")
    assert request.user.acting_membership == membership


def test_a_signed_in_staff_member_uses_the_session(personas, client_for) -> None:
    response = client_for(personas["caseworker"]).get("/api/v1/me")
    assert response.status_code == 200
    assert response.json()["api_client"] is None


def test_a_bearer_write_needs_no_csrf_token() -> None:
    _, raw = token_for(ApiClientFactory())
    response = Client(enforce_csrf_checks=True).get("/api/v1/me", headers=bearer(raw))
    assert response.status_code == 200


def test_a_session_write_without_the_csrf_token_is_refused(rf, personas) -> None:
    from ninja.errors import HttpError

    request = rf.post("/api/v1/anything")
    request.COOKIES["sessionid"] = "present"
    request.user = personas["caseworker"].user
    request.actor = personas["caseworker"].actor
    with pytest.raises(HttpError) as refused:
        auth.session_auth(request)
    assert refused.value.status_code == 403


def test_an_anonymous_write_is_unauthenticated_not_a_csrf_failure(rf) -> None:
    from django.contrib.auth.models import AnonymousUser

    request = rf.post("/api/v1/anything")
    request.user = AnonymousUser()
    assert auth.session_auth(request) is None
