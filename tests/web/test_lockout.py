"""Repeated wrong passwords lock an account; a steward or the operator unlocks it."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from caseweave.audit.models import AuditEvent
from caseweave.core import events
from caseweave.core.tests.factories import TEST_PASSWORD, MembershipFactory

pytestmark = pytest.mark.django_db


def _fail_until_locked(email: str) -> Client:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("web:login"), {"username": email, "password": "not-the-password"})
    return client


def _can_sign_in(email: str) -> bool:
    client = Client()
    client.post(reverse("web:login"), {"username": email, "password": TEST_PASSWORD})
    return "_auth_user_id" in client.session


def test_the_lockout_page_explains_what_happened_and_who_can_help(personas) -> None:
    email = personas["caseworker"].user.email
    client = _fail_until_locked(email)
    response = client.post(reverse("web:login"), {"username": email, "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert b"Too many failed sign-in attempts" in response.content
    assert b"data steward or administrator" in response.content
    assert not _can_sign_in(email)
    assert AuditEvent.objects.filter(event_type=events.LOCKOUT).exists()


def test_a_data_steward_sees_and_unlocks_a_locked_colleague(personas, client_for) -> None:
    email = personas["caseworker"].user.email
    _fail_until_locked(email)
    steward = client_for(personas["data_steward"])
    page = steward.get(reverse("web:core:locked_accounts"))
    assert email.encode() in page.content

    response = steward.post(reverse("web:core:account_unlock"), {"email": email}, follow=True)
    assert b"can sign in again" in response.content
    assert email.encode() not in response.content.split(b"<main")[1].split(b'role="status"')[0]
    assert _can_sign_in(email)
    event = AuditEvent.objects.get(event_type=events.ACCOUNT_UNLOCKED)
    assert event.actor_user_id == personas["data_steward"].user.pk
    assert event.payload["user_id"] == personas["caseworker"].user.pk


def test_a_steward_cannot_unlock_staff_of_another_organisation(
    personas, client_for, other_organisation
) -> None:
    outsider = MembershipFactory(organisation=other_organisation).user
    _fail_until_locked(outsider.email)
    steward = client_for(personas["data_steward"])
    assert outsider.email.encode() not in steward.get(reverse("web:core:locked_accounts")).content
    response = steward.post(
        reverse("web:core:account_unlock"), {"email": outsider.email}, follow=True
    )
    assert b"not locked in your organisation" in response.content
    assert not _can_sign_in(outsider.email)


def test_the_unlock_command_unlocks_by_email(personas, capsys) -> None:
    email = personas["analyst"].user.email
    _fail_until_locked(email)
    call_command("unlock", email.upper())
    assert "Unlocked" in capsys.readouterr().out
    assert _can_sign_in(email)


def test_the_unlock_command_names_an_unknown_address() -> None:
    with pytest.raises(CommandError, match="nobody@example.test: No staff member"):
        call_command("unlock", "nobody@example.test")
