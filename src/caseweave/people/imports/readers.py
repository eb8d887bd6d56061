"""Reading an uploaded client list (CSV in any common encoding, or XLSX) into rows of text.

Only structure is checked here (encoding, header, row widths); what the cells mean is checked
by :mod:`caseweave.people.imports.rows`. Problems use the matching engine's ``FileProblem``
so the file commands and the import speak of rows and columns the same way.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from caseweave.people.matching.files import FileProblem

__all__ = ["ENCODINGS", "MAX_ROWS", "ImportFileError", "SourceRow", "Table", "read_table"]

MAX_ROWS = 100_000
# Offered when a file is not UTF-8: what spreadsheet programs commonly save CSV as.
ENCODINGS = ("utf-8", "cp1252", "iso-8859-1", "iso-8859-2", "cp1250", "utf-16")
_ZIP_MAGIC = b"PK\x03\x04"


class ImportFileError(ValueError):
    """The file cannot be read at all; ``problems`` lists every problem found."""

    def __init__(self, problems: list[FileProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(problem) for problem in problems))


@dataclass(frozen=True)
class SourceRow:
    """One non-empty data row: its spreadsheet row number (header = 1) and its cells,
    padded or cut to the header's width; ``extra`` counts values beyond the last column."""

    number: int
    cells: list[str]
    extra: int = 0


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[SourceRow]
    encoding: str


def read_table(path: str | Path, *, encoding: str = "") -> Table:
    """Read ``path`` (``.xlsx``/``.xlsm`` or CSV); raise :class:`ImportFileError` if unusable.

    CSV encoding: a byte-order mark wins; otherwise ``encoding`` if given, else UTF-8. A file
    that is not in that encoding is refused naming the first line that is not, rather than
    guessed at, since a wrong guess silently garbles names.
    """
    path = Path(path)
    data = path.read_bytes()
    if path.suffix.lower() in {".xlsx", ".xlsm"} or data.startswith(_ZIP_MAGIC):
        header, rows = _xlsx_rows(data)
        return _table(header, rows, "xlsx")
    text, used = _decode(data, encoding)
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ImportFileError(
            [FileProblem(line, None, "the file contains NUL bytes: it is not a CSV text file")]
        )
    reader = csv.reader(io.StringIO(text, newline=""), dialect=_dialect(text))
    header = next(reader, [])
    return _table(header, reader, used)


def _decode(data: bytes, encoding: str) -> tuple[str, str]:
    for mark, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):  # fmt: skip
        if data.startswith(mark):
            encoding = name
            break
    encoding = encoding or "utf-8"
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise ImportFileError([FileProblem(None, None, f"unknown encoding {encoding!r}")]) from None
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        byte = data[error.start : error.start + 1].hex().upper()
        hint = (
            "save the file as UTF-8, or choose the encoding it was saved in "
            f"(for example {', '.join(e for e in ENCODINGS if e != encoding)})"
        )
        raise ImportFileError(
            [FileProblem(line, None, f"line {line} is not valid {encoding} (byte 0x{byte}): "
                         f"{hint}")]
        ) from None  # fmt: skip


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    first_line = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(first_line, delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def _xlsx_rows(data: bytes) -> tuple[list[str], Iterator[list[str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged workbook
        raise ImportFileError(
            [FileProblem(None, None, f"not a readable XLSX workbook ({type(error).__name__})")]
        ) from None
    sheet = workbook.worksheets[0]
    rows = [[_cell(value) for value in values] for values in sheet.iter_rows(values_only=True)]
    workbook.close()
    return (rows[0] if rows else []), iter(rows[1:])


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "date") and callable(value.date):
        return str(value.date().isoformat())
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _table(header: list[str], rows: Iterator[list[str]], encoding: str) -> Table:
    header = [cell.strip() for cell in header]
    problems: list[FileProblem] = []
    if not any(header):
        raise ImportFileError([FileProblem(1, None, "the file is empty or has no header row")])
    while header and not header[-1]:
        header.pop()
    seen: dict[str, int] = {}
    for position, name in enumerate(header, 1):
        if not name:
            problems.append(FileProblem(1, f"#{position}", "the column has no heading"))
        elif name in seen:
            problems.append(
                FileProblem(1, name, f"the heading is used twice (columns {seen[name]} and "
                            f"{position})")
            )  # fmt: skip
        else:
            seen[name] = position
    data: list[SourceRow] = []
    for number, row in enumerate(rows, 2):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        extra = len([cell for cell in cells[len(header) :] if cell])
        data.append(SourceRow(number, (cells + [""] * len(header))[: len(header)], extra))
        if len(data) > MAX_ROWS:
            problems.append(FileProblem(number, None, f"more than {MAX_ROWS} rows; split the file"))
            break
    if problems:
        raise ImportFileError(problems)
    return Table(header, data, encoding)
