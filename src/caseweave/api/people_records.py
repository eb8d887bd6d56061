"""API: Editing persons and households, and their documents."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["people"])
