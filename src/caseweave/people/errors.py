"""Domain exceptions of the people registry, each naming what is wrong and where."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: ``field`` is a form field, column or JSON pointer."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class PeopleError(Exception):
    """Base of the people module's domain errors."""


class InvalidPerson(PeopleError):
    """The input failed validation; ``problems`` lists every problem, not only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(problem) for problem in problems))

    def by_field(self) -> dict[str, list[str]]:
        grouped: dict[str, list[str]] = {}
        for problem in self.problems:
            grouped.setdefault(problem.field, []).append(problem.message)
        return grouped


class StaleVersion(PeopleError):
    """Someone else changed the record since it was read (optimistic locking)."""


class MergeRefused(PeopleError):
    """The two records cannot be merged; the message says why (e.g. both identifier values)."""
