"""Errors of client-list imports, each naming what is wrong and where."""

from __future__ import annotations

from caseweave.people.errors import PeopleError
from caseweave.people.matching.files import FileProblem


class ImportRefused(PeopleError):
    """The request cannot go ahead; ``problems`` names every reason (row, column, message)."""

    def __init__(self, problems: list[FileProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(problem) for problem in problems))
