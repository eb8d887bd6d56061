"""The demo district seeds twice without change and its stewards can pass two-step sign-in."""

from __future__ import annotations

import pytest
from django_otp import match_token
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from caseweave.core import demo
from caseweave.core.choices import Role
from caseweave.core.models import Membership

pytestmark = pytest.mark.django_db


def test_demo_stewards_and_administrators_get_the_printed_authenticator_key() -> None:
    seeded = demo.seed()
    again = demo.seed()
    assert Membership.objects.count() == len(demo.STAFF)
    stewards = {
        m.user.email
        for m in Membership.objects.filter(role__in=[Role.DATA_STEWARD, Role.ADMINISTRATOR])
    }
    assert set(seeded.two_factor) == stewards == set(again.two_factor)
    email = next(iter(stewards))
    device = TOTPDevice.objects.get(user__email=email)
    key, codes = again.two_factor[email]
    assert key == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
    assert match_token(device.user, f"{totp(device.bin_key):06d}") == device
    assert match_token(device.user, codes[0]) is not None
