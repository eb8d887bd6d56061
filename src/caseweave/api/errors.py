"""Exceptions of the api module, each naming what is wrong and where."""

from __future__ import annotations


class InvalidInput(Exception):
    """One or more fields are invalid; ``errors`` maps each field to its messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in errors.items()))


class NotPermitted(Exception):
    """The actor's role may not manage API clients (permission ``api.manage_tokens``)."""


class MissingScope(Exception):
    """The API client's token lacks the scope an endpoint needs."""

    def __init__(self, scope: str) -> None:
        self.scope = scope
        super().__init__(f"this API client lacks the scope {scope!r}")


class RateLimited(Exception):
    """Too many requests in the current window; retry after ``retry_after`` seconds."""

    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(f"rate limit exceeded; retry after {retry_after} s")
