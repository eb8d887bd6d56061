"""Every login, logout and failed login goes to the log (the audit log records them too)."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

logger = logging.getLogger("caseweave.auth")


def _client_address(request: HttpRequest | None) -> str:
    if request is None:
        return "-"
    return str(request.META.get("REMOTE_ADDR", "-"))


@receiver(user_logged_in)
def log_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    logger.info(
        "login", extra={"event": "login", "user_id": user.pk, "ip": _client_address(request)}
    )


@receiver(user_logged_out)
def log_logout(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    user_id = getattr(user, "pk", None)
    logger.info(
        "logout", extra={"event": "logout", "user_id": user_id, "ip": _client_address(request)}
    )


@receiver(user_login_failed)
def log_login_failure(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # The attempted address is not logged: it may be a person's own, typed by mistake.
    logger.warning("login failed", extra={"event": "login_failed", "ip": _client_address(request)})
