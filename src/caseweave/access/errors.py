"""Exceptions raised by the access layer."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404


class NotFound(Http404):
    """Refused or missing: the two look the same to the caller (STYLE.md §4)."""


class UnguardedQuery(RuntimeError):
    """A person-data queryset was evaluated without ``for_actor`` or ``for_system``."""


class NotPermitted(PermissionDenied):
    """The acting role may not use this part of the platform at all (answered 403)."""


class AccessInputError(ValueError):
    """Input refused; ``errors`` names every field that is wrong, each with its messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        self.errors = errors
        fields = ", ".join(f"{field}: {'; '.join(messages)}" for field, messages in errors.items())
        super().__init__(fields)
