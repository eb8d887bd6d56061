"""Query parameters of the HSDS API, checked strictly: every bad one is named in a 400."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.http import QueryDict

from caseweave.directory.publishing import Paging

MAX_PER_PAGE = 500


class InvalidParameters(Exception):
    def __init__(self, errors: list[dict[str, str]]) -> None:
        super().__init__("; ".join(f"{e['parameter']}: {e['detail']}" for e in errors))
        self.errors = errors


class Params:
    """Reads typed values from a query string, collecting every problem before raising."""

    def __init__(self, query: QueryDict, allowed: Iterable[str]) -> None:
        self.query = query
        self.errors: list[dict[str, str]] = []
        allowed_set = set(allowed)
        for name in query:
            if name not in allowed_set:
                self.fail(
                    name,
                    "unknown parameter; this endpoint takes: "
                    + (", ".join(sorted(allowed_set)) or "none"),
                )

    def fail(self, name: str, detail: str) -> None:
        self.errors.append({"parameter": name, "detail": detail})

    def text(self, name: str) -> str:
        return self.query.get(name, "").strip()

    def uuid(self, name: str) -> str:
        value = self.text(name)
        if value:
            try:
                return str(uuid.UUID(value))
            except ValueError:
                self.fail(name, f"{value!r} is not a UUID")
        return ""

    def integer(self, name: str, default: int, low: int, high: int | None = None) -> int:
        value = self.text(name)
        if not value:
            return default
        try:
            number = int(value)
        except ValueError:
            self.fail(name, f"{value!r} is not a whole number")
            return default
        if number < low or (high is not None and number > high):
            self.fail(
                name, f"must be between {low} and {high}" if high else f"must be {low} or more"
            )
            return default
        return number

    def number(self, name: str) -> float | None:
        value = self.text(name)
        if not value:
            return None
        try:
            number = float(value)
        except ValueError:
            self.fail(name, f"{value!r} is not a number")
            return None
        if number <= 0:
            self.fail(name, "must be more than 0")
            return None
        return number

    def boolean(self, name: str) -> bool:
        value = self.text(name).lower()
        if value in ("", "false", "0"):
            return False
        if value in ("true", "1"):
            return True
        self.fail(name, f"{value!r} is not true or false")
        return False

    def datetime(self, name: str) -> datetime | None:
        value = self.text(name)
        if not value:
            return None
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            self.fail(name, f"{value!r} is not an ISO 8601 date-time")
            return None

    def format(self) -> str:
        value = self.text("format") or "json"
        if value not in ("json", "ndjson"):
            self.fail("format", f"{value!r} is not json or ndjson")
            return "json"
        return value

    def paging(self) -> Paging:
        return Paging(
            page=self.integer("page", 1, 1), per_page=self.integer("per_page", 50, 1, MAX_PER_PAGE)
        )

    def check(self) -> None:
        if self.errors:
            raise InvalidParameters(self.errors)


PAGING = ("page", "per_page", "format")


def done(params: Params, value: Any) -> Any:
    params.check()
    return value
