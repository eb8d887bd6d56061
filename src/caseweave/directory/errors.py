"""Directory errors, each naming the field or parameter at fault."""

from __future__ import annotations


class DirectoryError(Exception):
    """Base of the directory's domain errors."""


class NotAllowed(DirectoryError):
    """The actor may not change this listing (it belongs to another organisation)."""


class ListingNotFound(DirectoryError):
    """No such service in the directory (or not visible to the caller)."""


class InvalidListing(DirectoryError):
    """Field-level problems with a listing edit: ``errors`` maps field -> messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("; ".join(f"{k}: {', '.join(v)}" for k, v in errors.items()))
        self.errors = errors


class VersionConflict(DirectoryError):
    """Someone saved the record since the editor loaded it; ``current`` is its version now."""

    def __init__(self, table: str, current: int) -> None:
        super().__init__(f"{table} was changed by someone else (now version {current})")
        self.table = table
        self.current = current
