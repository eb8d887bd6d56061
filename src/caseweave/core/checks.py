"""Caseweave's own system checks, run by ``caseweave check`` beside Django's."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security, deploy=True)
def production_settings(app_configs: Any, **kwargs: Any) -> list[Error | Warning]:
    problems: list[Error | Warning] = []
    if not settings.PRODUCTION:
        return problems
    if settings.DEBUG:
        problems.append(Error("DEBUG is on in production; unset DEBUG", id="caseweave.E001"))
    if str(settings.DATABASES["default"]["ENGINE"]).endswith("sqlite3"):
        problems.append(
            Error(
                "production runs on PostgreSQL; set DATABASE_URL=postgres://…", id="caseweave.E002"
            )
        )
    if len(settings.SECRET_KEY) < 50 or settings.SECRET_KEY.startswith("django-insecure"):
        problems.append(
            Error(
                "SECRET_KEY is too short or a default; set a random key of 50+ characters",
                id="caseweave.E003",
            )
        )
    if not settings.ALLOWED_HOSTS or "*" in settings.ALLOWED_HOSTS:
        problems.append(
            Error("ALLOWED_HOSTS must list this deployment's host names", id="caseweave.E004")
        )
    if not settings.CASEWEAVE_SITE_URL.startswith("https://"):
        problems.append(
            Warning(
                "CASEWEAVE_SITE_URL is not an https:// address, so links in emails will not work",
                id="caseweave.W010",
            )
        )
    problems.extend(_transport_security())
    return problems


def _transport_security() -> list[Error | Warning]:
    """Cookies only over HTTPS, HSTS, and HTTPS enforced (here or by the proxy in front)."""
    problems: list[Error | Warning] = []
    if not settings.SESSION_COOKIE_SECURE or not settings.CSRF_COOKIE_SECURE:
        problems.append(
            Error(
                "session and CSRF cookies must be Secure in production "
                "(SESSION_COOKIE_SECURE, CSRF_COOKIE_SECURE)",
                id="caseweave.E005",
            )
        )
    if settings.SECURE_HSTS_SECONDS < 86400:
        problems.append(
            Error(
                "HSTS is off or shorter than a day; set SECURE_HSTS_SECONDS=31536000",
                id="caseweave.E006",
            )
        )
    if not settings.SECURE_SSL_REDIRECT and not settings.SECURE_PROXY_SSL_HEADER:
        problems.append(
            Error(
                "nothing sends plain HTTP to HTTPS; set SECURE_SSL_REDIRECT=1",
                id="caseweave.E007",
            )
        )
    if not settings.SESSION_COOKIE_HTTPONLY:
        problems.append(
            Error(
                "the session cookie must be HttpOnly (SESSION_COOKIE_HTTPONLY)", id="caseweave.E008"
            )
        )
    return problems
    if settings.DEBUG:
        problems.append(Error("DEBUG is on in production; unset DEBUG", id="caseweave.E001"))
    if str(settings.DATABASES["default"]["ENGINE"]).endswith("sqlite3"):
        problems.append(
            Error(
                "production runs on PostgreSQL; set DATABASE_URL=postgres://…", id="caseweave.E002"
            )
        )
    if len(settings.SECRET_KEY) < 50 or settings.SECRET_KEY.startswith("django-insecure"):
        problems.append(
            Error(
                "SECRET_KEY is too short or a default; set a random key of 50+ characters",
                id="caseweave.E003",
            )
        )
    if not settings.ALLOWED_HOSTS or "*" in settings.ALLOWED_HOSTS:
        problems.append(
            Error("ALLOWED_HOSTS must list this deployment's host names", id="caseweave.E004")
        )
    return problems
