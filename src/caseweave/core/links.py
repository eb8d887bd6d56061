"""Links that leave the browser: in emails a path alone is useless, so prefix the site."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse


def absolute_url(viewname: str, **kwargs: Any) -> str:
    """``CASEWEAVE_SITE_URL`` + the path of ``viewname``; the path alone if no site is set."""
    return f"{settings.CASEWEAVE_SITE_URL}{reverse(viewname, kwargs=kwargs or None)}"
