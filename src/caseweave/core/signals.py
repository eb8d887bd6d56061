"""Every login, logout, failed login and lock-out goes to the log and to the audit log."""

from __future__ import annotations

import logging
from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from caseweave.audit import recorder
from caseweave.core import events

logger = logging.getLogger("caseweave.auth")


def _client_address(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    address = request.META.get("REMOTE_ADDR")
    return str(address) if address else None


@receiver(user_logged_in)
def log_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    ip = _client_address(request)
    logger.info("login", extra={"event": "login", "user_id": user.pk, "ip": ip or "-"})
    recorder.record(None, events.LOGIN, payload={"user_id": user.pk, "ip": ip})


@receiver(user_logged_out)
def log_logout(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    user_id = getattr(user, "pk", None)
    ip = _client_address(request)
    logger.info("logout", extra={"event": "logout", "user_id": user_id, "ip": ip or "-"})
    recorder.record(None, events.LOGOUT, payload={"user_id": user_id, "ip": ip})


@receiver(user_login_failed)
def log_login_failure(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # The attempted address is neither logged nor audited: it may be someone else's
    # address typed by mistake, which would put a third party's contact detail on record.
    ip = _client_address(request)
    logger.warning("login failed", extra={"event": "login_failed", "ip": ip or "-"})
    recorder.record(None, events.LOGIN_FAILED, payload={"ip": ip})


@receiver(user_locked_out)
def log_lockout(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
    ip = _client_address(request)
    logger.warning("account locked out", extra={"event": "locked_out", "ip": ip or "-"})
    recorder.record(None, events.LOCKOUT, payload={"ip": ip})
