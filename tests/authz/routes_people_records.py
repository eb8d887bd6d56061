"""Routes of person/household editing and documents (web pages and API)."""

from __future__ import annotations

from tests.authz.matrix import Route

ROUTES: list[Route] = []
