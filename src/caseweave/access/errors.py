"""Exceptions raised by the access layer."""

from __future__ import annotations

from django.http import Http404


class NotFound(Http404):
    """Refused or missing: the two look the same to the caller (STYLE.md §4)."""


class UnguardedQuery(RuntimeError):
    """A person-data queryset was evaluated without ``for_actor`` or ``for_system``."""
