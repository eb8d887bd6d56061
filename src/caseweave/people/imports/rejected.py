"""The rejected rows of a run as CSV: the registry's field names as headings (so the fixed
file imports again without a mapping), the row number and every reason."""

from __future__ import annotations

import csv
import io

from caseweave.people.imports.fields import IMPORT_FIELDS
from caseweave.people.imports.models import ImportRun
from caseweave.people.imports.selectors import rows_of

__all__ = ["rejected_csv"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: str) -> str:
    # A cell starting like a formula is run by spreadsheet programs; keep it text.
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def rejected_csv(run: ImportRun) -> tuple[str, int]:
    """(CSV text, number of rows) of the run's invalid rows."""
    fields = [field for field in IMPORT_FIELDS if field in run.mapping] or ["record_id"]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["row", *fields, "problems"])
    count = 0
    for row in rows_of(run, outcome="invalid").order_by("row_number"):
        reasons = "; ".join(
            f"{problem['column']}: {problem['message']}"
            if problem["column"]
            else problem["message"]
            for problem in row.problems
        )
        writer.writerow([row.row_number, *(_safe(row.values.get(f, "")) for f in fields), reasons])
        count += 1
    return buffer.getvalue(), count
