"""Administrators and data stewards pass a TOTP code before any page opens."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from caseweave.audit.models import AuditEvent
from caseweave.core import events
from caseweave.core.tests.factories import TEST_PASSWORD, TOTPDeviceFactory

pytestmark = pytest.mark.django_db


def _sign_in(client: Client, email: str) -> None:
    response = client.post(reverse("web:login"), {"username": email, "password": TEST_PASSWORD})
    assert response.status_code == 302


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def test_an_administrator_without_an_authenticator_must_enrol_first(personas, client) -> None:
    _sign_in(client, personas["administrator"].user.email)
    response = client.get(reverse("web:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:two_factor_enrol"))
    # Every other page is closed too, not only home.
    assert client.get(reverse("web:api_docs")).status_code == 302


def test_enrolling_with_a_real_code_opens_the_home_page_and_issues_backup_codes(
    personas, client
) -> None:
    steward = personas["data_steward"].user
    _sign_in(client, steward.email)
    page = client.get(reverse("web:two_factor_enrol"))
    assert b"<svg" in page.content
    device = TOTPDevice.objects.get(user=steward, confirmed=False)
    assert page.context["secret"] in page.content.decode()

    wrong = client.post(
        reverse("web:two_factor_enrol"),
        {"token": "000000" if _code(device) != "000000" else "111111"},
    )
    assert b"does not match" in wrong.content
    done = client.post(reverse("web:two_factor_enrol"), {"token": _code(device), "next": "/"})
    assert done.status_code == 200
    assert len(done.context["codes"]) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("web:home")).status_code == 200
    assert (
        AuditEvent.objects.filter(
            event_type=events.TWO_FACTOR_ENROLLED, payload__user_id=steward.pk
        ).count()
        == 1
    )


def test_an_enrolled_steward_verifies_a_code_at_each_sign_in(personas, client) -> None:
    steward = personas["data_steward"].user
    device = TOTPDeviceFactory(user=steward)
    _sign_in(client, steward.email)
    redirect = client.get(reverse("web:home"))
    assert redirect["Location"].startswith(reverse("web:two_factor_verify"))

    with time_machine.travel(timezone.now(), tick=False) as clock:
        refused = client.post(reverse("web:two_factor_verify"), {"token": "12345"})
        assert b"not valid" in refused.content
        assert client.get(reverse("web:home")).status_code == 302
        clock.shift(timedelta(seconds=30))  # past the throttle after a wrong code
        accepted = client.post(
            reverse("web:two_factor_verify"), {"token": _code(device), "next": reverse("web:home")}
        )
    assert accepted["Location"] == reverse("web:home")
    assert client.get(reverse("web:home")).status_code == 200
    types = list(
        AuditEvent.objects.filter(payload__user_id=steward.pk)
        .order_by("id")
        .values_list("event_type", flat=True)
    )
    assert types == [events.LOGIN, events.TWO_FACTOR_FAILED, events.TWO_FACTOR_VERIFIED]


def test_a_backup_code_works_once(personas, client) -> None:
    from caseweave.core.actions import backup_codes_issue

    admin = personas["administrator"].user
    TOTPDeviceFactory(user=admin)
    (code,) = backup_codes_issue(user=admin, codes=["k7m2p9q4"])
    _sign_in(client, admin.email)
    response = client.post(reverse("web:two_factor_verify"), {"token": code})
    assert response.status_code == 302
    assert not StaticToken.objects.filter(token=code).exists()
    assert AuditEvent.objects.filter(event_type=events.BACKUP_CODE_USED).count() == 1

    again = Client()
    _sign_in(again, admin.email)
    assert b"not valid" in again.post(reverse("web:two_factor_verify"), {"token": code}).content


def test_a_caseworker_is_not_asked_for_a_code(personas, client) -> None:
    _sign_in(client, personas["caseworker"].user.email)
    assert client.get(reverse("web:home")).status_code == 200


def test_the_next_page_must_be_on_this_site(personas, client) -> None:
    admin = personas["administrator"].user
    device = TOTPDeviceFactory(user=admin)
    _sign_in(client, admin.email)
    response = client.post(
        reverse("web:two_factor_verify"), {"token": _code(device), "next": "https://evil.test/"}
    )
    assert response["Location"] == "/"


def test_an_existing_authenticator_cannot_be_replaced_before_verifying(personas, client) -> None:
    admin = personas["administrator"].user
    TOTPDeviceFactory(user=admin)
    _sign_in(client, admin.email)
    response = client.get(reverse("web:two_factor_enrol"))
    assert response["Location"].startswith(reverse("web:two_factor_verify"))
    assert not TOTPDevice.objects.filter(user=admin, confirmed=False).exists()


def test_an_administrator_resets_a_lost_authenticator_and_a_steward_cannot(
    personas, client_for
) -> None:
    steward = personas["data_steward"].user
    TOTPDeviceFactory(user=steward)
    url = reverse("web:core:two_factor_reset", args=[steward.pk])
    by_steward = client_for(personas["data_steward"])
    # The steward's own session is verified with a device; a second steward account is
    # not needed: stewards may never reset anyone, themselves included.
    by_steward.post(url)
    assert TOTPDevice.objects.filter(user=steward).exists()

    client_for(personas["administrator"]).post(url)
    assert not TOTPDevice.objects.filter(user=steward).exists()
    event = AuditEvent.objects.get(event_type=events.TWO_FACTOR_RESET)
    assert event.actor_user_id == personas["administrator"].user.pk
    assert event.payload["user_id"] == steward.pk


def test_the_api_refuses_an_unverified_steward_session_with_a_problem(personas, client) -> None:
    _sign_in(client, personas["data_steward"].user.email)
    response = client.get("/api/v1/me")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "Two-factor verification required"
