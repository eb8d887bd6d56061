"""``caseweave apitoken``: the secret printed once works; revoke and purge are audited."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from caseweave.api.models import ApiToken
from caseweave.api.tests.factories import ApiClientFactory, token_for
from caseweave.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("apitoken", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def test_create_prints_a_working_token_once() -> None:
    client = ApiClientFactory()

    secret, note = run("create", "--client", str(client.pk), "--label", "cron")

    token = ApiToken.objects.get()
    assert secret.startswith(f"cw_{token.prefix}_")
    assert secret not in note
    assert token.expires_at is not None
    response = Client().get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200
    event = AuditEvent.objects.get(event_type="api.token_issued")
    assert event.payload["system_reason"] == "caseweave apitoken create"


def test_create_names_a_missing_client() -> None:
    with pytest.raises(CommandError, match="--client: no API client with id 999"):
        run("create", "--client", "999")


def test_revoke_by_prefix() -> None:
    token, raw = token_for(ApiClientFactory())
    assert run("revoke", token.prefix)[0] == f"revoked cw_{token.prefix}_…"
    assert Client().get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 401
    with pytest.raises(CommandError, match="no token with prefix"):
        run("revoke", "000000000000")


def test_purge_now() -> None:
    token_for(ApiClientFactory(), revoked_at=timezone.now() - timedelta(days=200))
    assert run("purge")[0] == "purged 1 token(s)"
    assert not ApiToken.objects.exists()
