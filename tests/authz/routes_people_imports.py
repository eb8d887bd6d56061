"""Routes of client-list imports (web pages and API)."""

from __future__ import annotations

from tests.authz.matrix import Route

ROUTES: list[Route] = []
