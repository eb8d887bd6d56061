"""Sign-ins, sign-outs and failures land in the audit log, with ids and no addresses."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from caseweave.audit.models import AuditEvent
from caseweave.core import events
from caseweave.core.tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def test_a_sign_in_and_sign_out_are_audited_with_the_user_id(personas, client) -> None:
    user = personas["caseworker"].user
    client.post(reverse("web:login"), {"username": user.email, "password": TEST_PASSWORD})
    client.post(reverse("web:logout"))
    rows = list(AuditEvent.objects.order_by("id").values("event_type", "payload"))
    assert [row["event_type"] for row in rows] == [events.LOGIN, events.LOGOUT]
    assert all(row["payload"]["user_id"] == user.pk for row in rows)
    assert rows[0]["payload"]["ip"] == "127.0.0.1"


def test_a_failed_sign_in_records_the_address_typed_nowhere(personas, client, caplog) -> None:
    typo = "camile.gagnon@example.test"
    client.post(reverse("web:login"), {"username": typo, "password": "whatever-it-was"})
    event = AuditEvent.objects.get(event_type=events.LOGIN_FAILED)
    assert event.payload == {"ip": "127.0.0.1"}
    assert typo not in json.dumps(event.payload)
    assert typo not in caplog.text
