"""API: Importing client lists into the people registry."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["people"])
