"""Errors of core's actions, each naming the field it is about."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class CoreError(Exception):
    """Base of core's domain errors; ``field`` names the form field at fault (or "")."""

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class StaleEdit(CoreError):
    """Someone else saved this record after it was opened: reload and redo the change."""

    def __init__(self) -> None:
        super().__init__(
            str(
                _(
                    "Someone else changed this record after you opened it. "
                    "Reload the page to see their change, then make yours again."
                )
            )
        )


class NotPermitted(CoreError):
    """The actor's role or organisation does not allow this change."""


class InvalidChange(CoreError):
    """The change breaks a rule (a duplicate, an ended membership, a wrong code)."""


class InvalidFields(CoreError):
    """Several fields are wrong at once; ``errors`` maps each field to its messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in errors.items()))
        self.errors = errors
