"""Sign-in security: unlocking accounts, TOTP enrolment and verification, backup codes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from axes.utils import reset as axes_reset
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from caseweave.audit import recorder
from caseweave.core import events
from caseweave.core.choices import Role
from caseweave.core.errors import InvalidChange, NotPermitted
from caseweave.core.models import User
from caseweave.core.selectors import locked_account_list

if TYPE_CHECKING:
    from django_otp.models import Device

    from caseweave.access.types import Actor

TOTP_DEVICE_NAME = "authenticator"
BACKUP_DEVICE_NAME = "backup"
BACKUP_CODE_COUNT = 10


@transaction.atomic
def account_unlock(*, actor: Actor | None, email: str) -> int:
    """Clear the failed sign-in attempts of one account, so its owner can sign in again.

    ``actor`` None means the ``caseweave unlock`` command run by the operator; a staff
    actor may unlock only accounts of staff in their own organisation. Audits
    ``auth.account_unlocked`` with the user id. Raises NotPermitted, InvalidChange.
    """
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise InvalidChange(_("No staff member has that email address."), field="email")
    if actor is not None and user.pk not in {
        account.user_id for account in locked_account_list(organisation_id=actor.organisation_id)
    }:
        raise NotPermitted(_("That account is not locked in your organisation."), field="email")
    cleared = int(axes_reset(username=user.email))
    recorder.record(
        actor,
        events.ACCOUNT_UNLOCKED,
        object_type="user",
        object_id=user.pk,
        payload={"user_id": user.pk, "attempts_cleared": cleared},
    )
    return cleared


@transaction.atomic
def two_factor_enrol_start(*, user: User) -> TOTPDevice:
    """The unconfirmed authenticator this user is setting up (made once, reused on reload)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def two_factor_enrol_confirm(*, user: User, token: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the pending authenticator with a code from it; issue fresh backup codes.

    Audits ``auth.two_factor_enrolled``. Raises InvalidChange when the code is wrong.
    """
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(token.strip().replace(" ", "")):
        raise InvalidChange(
            _("That code does not match. Enter the 6-digit code your app shows now."),
            field="token",
        )
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = backup_codes_issue(user=user)
    recorder.record(
        None,
        events.TWO_FACTOR_ENROLLED,
        object_type="user",
        object_id=user.pk,
        payload={"user_id": user.pk, "device_id": device.pk},
    )
    return device, codes


@transaction.atomic
def backup_codes_issue(*, user: User, codes: list[str] | None = None) -> list[str]:
    """Replace the user's backup codes; each works once. Returns them to show one time."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    issued = codes or [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in issued])
    return issued


def two_factor_verify(*, user: User, token: str) -> Device:
    """Check a TOTP or backup code for this user; return the device that matched.

    Audits ``auth.two_factor_verified`` (and ``auth.backup_code_used``) or
    ``auth.two_factor_failed``. Raises InvalidChange when no device accepts the code;
    the failure is committed before raising, so a wrong code always leaves a trace.
    """
    cleaned = token.strip().replace(" ", "")
    with transaction.atomic():
        device = match_token(user, cleaned) if cleaned else None
        if device is None:
            recorder.record(None, events.TWO_FACTOR_FAILED, payload={"user_id": user.pk})
        else:
            payload = {"user_id": user.pk, "device_id": device.pk}
            if isinstance(device, StaticDevice):
                recorder.record(None, events.BACKUP_CODE_USED, payload=payload)
            recorder.record(None, events.TWO_FACTOR_VERIFIED, payload=payload)
    if device is None:
        raise InvalidChange(
            _("That code is not valid. Enter the current code from your app or a backup code."),
            field="token",
        )
    return device


@transaction.atomic
def two_factor_reset(*, actor: Actor, user_id: int) -> None:
    """Remove a staff member's authenticator and backup codes (a lost phone).

    They enrol again at their next sign-in. Only an administrator may do this, and
    not for themselves: a data steward could otherwise take over a colleague's
    second factor with a password alone. Audits ``auth.two_factor_reset``.
    Raises NotPermitted, InvalidChange.
    """
    if actor.role != Role.ADMINISTRATOR:
        raise NotPermitted(_("Only an administrator can reset two-step sign-in."))
    if actor.user_id == user_id:
        raise InvalidChange(_("Ask another administrator to reset your own two-step sign-in."))
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        raise InvalidChange(_("No such staff member."))
    removed = TOTPDevice.objects.filter(user=user).delete()[0]
    removed += StaticDevice.objects.filter(user=user).delete()[0]
    recorder.record(
        actor,
        events.TWO_FACTOR_RESET,
        object_type="user",
        object_id=user.pk,
        payload={"user_id": user.pk, "devices_removed": removed},
    )
