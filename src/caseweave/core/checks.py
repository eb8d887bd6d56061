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
    return problems
