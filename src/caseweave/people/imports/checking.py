"""Checking a run's file: read it, validate every row, and (for the preview) match it."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from caseweave.people.imports.fields import resolve_columns
from caseweave.people.imports.models import ImportRun
from caseweave.people.imports.readers import ImportFileError, read_table
from caseweave.people.imports.rows import FileDuplicates, RowCheck, check_row
from caseweave.people.matching.files import FileProblem

__all__ = ["Progress", "RunFileError", "every", "problem_dicts", "validated_rows"]

Progress = Callable[[int, int], None]


class RunFileError(ValueError):
    """The file or its mapping cannot be used at all; ``problems`` as dicts for the run."""

    def __init__(self, problems: list[FileProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(problem) for problem in problems))


def problem_dicts(problems: list[FileProblem]) -> list[dict[str, object]]:
    return [
        {"row": problem.row, "column": problem.column or "", "message": problem.message}
        for problem in problems
    ]


def validated_rows(run: ImportRun) -> tuple[int, Iterator[RowCheck]]:
    """(number of rows, each row checked alone and against the earlier rows), or raise
    :class:`RunFileError` when the file or the mapping is unusable."""
    try:
        table = read_table(run.file_path, encoding=run.encoding)
    except (ImportFileError, OSError) as error:
        problems = getattr(error, "problems", None) or [FileProblem(None, None, str(error))]
        raise RunFileError(problems) from None
    columns, problems = resolve_columns(table.header, run.mapping)
    if problems:
        raise RunFileError(problems)
    column_of = {name: table.header[index] for name, index in columns.items()}
    issuer = run.source.issuer

    def rows() -> Iterator[RowCheck]:
        duplicates = FileDuplicates()
        for row in table.rows:
            check = check_row(row, table.header, columns, issuer=issuer)
            duplicates.check(check, column_of)
            yield check

    return len(table.rows), rows()


def every(step: int, progress: Progress | None) -> Progress:
    """Call ``progress`` every ``step`` rows and at the end, not on every row."""

    def report(done: int, total: int) -> None:
        if progress is not None and (done % step == 0 or done == total):
            progress(done, total)

    return report
