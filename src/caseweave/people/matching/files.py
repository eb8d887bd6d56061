"""CSV/XLSX files in, duplicate or match pairs out: the engine behind ``caseweave people
dedupe`` and ``caseweave people match``.

A file whose header uses the documented field names (:data:`FIELDS`) needs no mapping;
otherwise a mapping file (JSON object or two-column CSV ``field,column``) says which column
holds which field. Reading checks every row and reports every problem with its row and column
before anything is matched.

The commands read a file by columns (:func:`read_table`): each distinct birth date,
identifier, phone or name is checked and normalised once, and rows never become
``PersonRecord`` objects. :func:`read_records` gives the same file as records.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from caseweave.people.matching.dates import DateParseError, PartialDate, parse_partial_date
from caseweave.people.matching.identifiers import identifier_types, normalise_identifier
from caseweave.people.matching.model import MatchModel
from caseweave.people.matching.nicknames import NicknameTable
from caseweave.people.matching.records import PersonRecord
from caseweave.people.matching.resolve import Resolution, find_duplicates, link
from caseweave.people.matching.table import RecordTable, Vocabularies

__all__ = [
    "FIELDS",
    "CheckedColumns",
    "FileColumns",
    "FileError",
    "FileProblem",
    "check_columns",
    "dedupe_file",
    "match_file",
    "read_columns",
    "read_mapping",
    "read_records",
    "read_table",
    "write_pairs",
]

# The registry's documented field names. Identifier columns use the identifier type code
# (``ca_sin``, ``health_card``, ...); ``other_names`` separates several names with ";".
FIELDS = (
    "record_id", "given_names", "family_names", "other_names", "birth_date", "sex", "phone",
    "email", "postcode", "address", "locality",
)  # fmt: skip
OUTPUT_COLUMNS = (
    "record_id_left", "record_id_right", "match_probability", "match_weight", "decision",
    "reason_codes", "reasons",
)  # fmt: skip


@dataclass(frozen=True)
class FileProblem:
    row: int | None  # 1-based line in the file (header is row 1); None for the whole file
    column: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column!r}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class FileError(ValueError):
    """The file cannot be used; ``problems`` lists every problem found, in file order."""

    def __init__(self, path: str | Path, problems: Sequence[FileProblem]) -> None:
        self.path = str(path)
        self.problems = list(problems)
        shown = "\n".join(f"  {p}" for p in self.problems[:50])
        more = f"\n  ... and {len(self.problems) - 50} more" if len(self.problems) > 50 else ""
        super().__init__(f"{self.path}: {len(self.problems)} problem(s)\n{shown}{more}")


def read_mapping(path: str | Path) -> dict[str, str]:
    """Read a mapping of field name -> column heading (JSON object or CSV ``field,column``)."""
    path = Path(path)
    text = path.read_text("utf-8-sig")
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise FileError(path, [FileProblem(exc.lineno, None, f"not JSON: {exc.msg}")]) from None
        if not isinstance(data, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in data.items()
        ):
            raise FileError(path, [FileProblem(None, None, "expected an object of strings")])
        return dict(data)
    mapping: dict[str, str] = {}
    problems: list[FileProblem] = []
    for number, row in enumerate(csv.reader(text.splitlines()), 1):
        if not row or (number == 1 and [c.strip().lower() for c in row] == ["field", "column"]):
            continue
        if len(row) != 2:
            problems.append(FileProblem(number, None, "expected two values: field,column"))
            continue
        mapping[row[0].strip()] = row[1].strip()
    if problems:
        raise FileError(path, problems)
    return mapping


def _rows(path: Path) -> Iterator[list[str]]:
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            for values in sheet.iter_rows(values_only=True):
                yield ["" if v is None else _cell(v) for v in values]
        finally:
            workbook.close()
        return
    with path.open(newline="", encoding="utf-8-sig") as handle:
        yield from csv.reader(handle)


def _cell(value: Any) -> str:
    if hasattr(value, "date") and callable(value.date):
        return str(value.date().isoformat())
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass
class FileColumns:
    """A file read by columns: for each field its cells (stripped) in file order, blank rows
    left out; ``lines[k]`` is the file row of the k-th kept row (header is row 1)."""

    header: list[str]
    positions: dict[str, int]  # field -> position of its column in the header
    lines: list[int]
    values: dict[str, list[str]]

    def column(self, field: str) -> str:
        return self.header[self.positions[field]]


def read_columns(
    path: str | Path, mapping: Mapping[str, str] | str | Path | None = None
) -> FileColumns:
    """Read the file's header and cells by field, or raise :class:`FileError` for a file that
    has no usable header (row problems are checked by :func:`check_columns`)."""
    path = Path(path)
    if mapping is not None and not isinstance(mapping, Mapping):
        mapping = read_mapping(mapping)
    if not path.exists():
        raise FileError(path, [FileProblem(None, None, "file not found")])
    rows = _rows(path)
    header = [h.strip() for h in next(rows, [])]
    if not any(header):
        raise FileError(path, [FileProblem(1, None, "the file has no header row")])
    id_types = {kind.code for kind in identifier_types()}
    positions, problems = _resolve_columns(header, mapping, id_types)
    if problems:
        raise FileError(path, problems)
    lines, kept = _non_blank_rows(rows, len(header))
    cells = list(zip(*kept, strict=False)) if kept else [()] * len(header)
    values = {field: list(map(str.strip, cells[i])) for field, i in positions.items()}
    return FileColumns(header, positions, lines, values)


def _non_blank_rows(rows: Iterator[list[str]], width: int) -> tuple[list[int], list[list[str]]]:
    """The file rows (numbered from 2) that have a non-blank cell, short ones padded to
    ``width`` cells so the rows transpose into columns."""
    lines: list[int] = []
    kept: list[list[str]] = []
    for number, row in enumerate(rows, 2):
        if "".join(row).strip():
            lines.append(number)
            kept.append(row if len(row) >= width else row + [""] * (width - len(row)))
    return lines, kept


@dataclass
class CheckedColumns:
    """What :func:`check_columns` read: each distinct birth date parsed (``None`` where
    unreadable and ``lenient``), the identifier columns present, and every problem."""

    dates: dict[str, PartialDate | None]
    identifier_codes: list[str]
    problems: list[FileProblem]


def check_columns(
    file: FileColumns, *, day_first: bool = True, lenient: bool = False
) -> CheckedColumns:
    """Check every row: record ids present and unique, birth dates readable, identifiers
    valid. Each distinct date or identifier is checked once; problems come in file order.

    ``lenient`` accepts unreadable birth dates and identifiers (the value is dropped)."""
    found: list[tuple[int, int, FileProblem]] = []  # (row, order within the row, problem)
    ids, lines = file.values["record_id"], file.lines
    seen: dict[str, int] = {}
    for k, rid in enumerate(ids):
        if not rid:
            found.append((lines[k], 0, FileProblem(lines[k], file.column("record_id"),
                                                   "the record id is empty")))  # fmt: skip
        elif rid in seen:
            found.append((lines[k], 99, FileProblem(
                lines[k], file.column("record_id"),
                f"record id {rid!r} already used on row {seen[rid]}")))  # fmt: skip
        else:
            seen[rid] = lines[k]
    dates: dict[str, PartialDate | None] = {}
    date_errors: dict[str, str] = {}
    for raw in dict.fromkeys(file.values.get("birth_date", ())):
        try:
            dates[raw] = parse_partial_date(raw, day_first=day_first) if raw else None
        except DateParseError as exc:
            dates[raw] = None
            date_errors[raw] = str(exc)
    codes = sorted({kind.code for kind in identifier_types()} & set(file.values))
    if not lenient:
        found += _bad_values(file, "birth_date", 1, date_errors)
        for order, code in enumerate(codes, 2):
            found += _bad_values(file, code, order, _identifier_errors(code, file.values[code]))
    found.sort(key=lambda item: (item[0], item[1]))
    return CheckedColumns(dates, codes, [problem for _, _, problem in found])


def _identifier_errors(code: str, column: Sequence[str]) -> dict[str, str]:
    errors: dict[str, str] = {}
    for raw in dict.fromkeys(column):
        if raw:
            try:
                normalise_identifier(code, raw)
            except ValueError as exc:
                errors[raw] = str(exc)
    return errors


def _bad_values(
    file: FileColumns, field: str, order: int, errors: Mapping[str, str]
) -> list[tuple[int, int, FileProblem]]:
    if not errors:
        return []
    column, lines = file.column(field), file.lines
    return [
        (lines[k], order, FileProblem(lines[k], column, errors[raw]))
        for k, raw in enumerate(file.values[field])
        if raw in errors
    ]


def read_table(
    path: str | Path,
    mapping: Mapping[str, str] | str | Path | None = None,
    *,
    default_country: str = "1",
    day_first: bool = True,
    lenient: bool = False,
    nicknames: NicknameTable | None = None,
    vocab: Vocabularies | None = None,
) -> RecordTable:
    """Read a CSV or XLSX file straight into the matcher's columns (each distinct value
    normalised once), or raise :class:`FileError` listing every problem. The table equals
    ``RecordTable.build(read_records(...))`` for the same file and options."""
    file = read_columns(path, mapping)
    checked = check_columns(file, day_first=day_first, lenient=lenient)
    if checked.problems:
        raise FileError(path, checked.problems)
    columns: dict[str, Sequence[str | None]] = {
        field: values for field, values in file.values.items()
        if field in FIELDS and field != "record_id"
    }  # fmt: skip
    if "other_names" in columns:
        columns["other_names"] = _joined_names(columns["other_names"])
    return RecordTable.from_columns(
        file.values["record_id"], columns,
        identifiers={code: file.values[code] for code in checked.identifier_codes},
        nicknames=nicknames, vocab=vocab, parse_date=checked.dates.__getitem__,
        default_country=default_country,
    )  # fmt: skip


def _joined_names(column: Sequence[str | None]) -> list[str | None]:
    """``other_names`` cells as ``read_records`` splits them: parts stripped, empty ones
    dropped (from_columns splits on ";" without stripping)."""
    clean: dict[str | None, str] = {}
    for raw in column:
        if raw not in clean:
            clean[raw] = ";".join(n.strip() for n in (raw or "").split(";") if n.strip())
    return [clean[raw] for raw in column]


def read_records(
    path: str | Path,
    mapping: Mapping[str, str] | str | Path | None = None,
    *,
    default_country: str = "1",
    day_first: bool = True,
    lenient: bool = False,
) -> list[PersonRecord]:
    """Read a CSV or XLSX file into records, or raise :class:`FileError` listing every problem.

    ``lenient`` keeps rows whose birth date or identifier cannot be read (dropping just that
    value) instead of refusing the file; structural problems are always errors. The file
    commands read by columns instead (:func:`read_table`).
    """
    file = read_columns(path, mapping)
    checked = check_columns(file, day_first=day_first, lenient=lenient)
    if checked.problems:
        raise FileError(path, checked.problems)
    fields = list(file.values)
    records: list[PersonRecord] = []
    for cells in zip(*file.values.values(), strict=True):
        row = dict(zip(fields, cells, strict=True))
        identifiers = {code: row[code] for code in checked.identifier_codes if row[code]}
        records.append(PersonRecord.build(
            row["record_id"],
            given_names=row.get("given_names", ""),
            family_names=row.get("family_names", ""),
            other_names=[n.strip() for n in row.get("other_names", "").split(";") if n.strip()],
            birth_date=checked.dates.get(row.get("birth_date", "")),
            sex=row.get("sex") or None,
            phone=row.get("phone") or None,
            email=row.get("email") or None,
            postcode=row.get("postcode") or None,
            address=row.get("address") or None,
            locality=row.get("locality") or None,
            identifiers=identifiers,
            default_country=default_country,
        ))  # fmt: skip
    return records


def _resolve_columns(
    header: list[str], mapping: Mapping[str, str] | None, id_types: set[str]
) -> tuple[dict[str, int], list[FileProblem]]:
    problems: list[FileProblem] = []
    position = {name: i for i, name in enumerate(header) if name}
    known = set(FIELDS) | id_types
    columns: dict[str, int] = {}
    if mapping:
        for field, column in mapping.items():
            if field not in known:
                problems.append(FileProblem(None, None, f"mapping: unknown field {field!r}; "
                                            f"fields are {', '.join(sorted(known))}"))  # fmt: skip
            elif column not in position:
                problems.append(FileProblem(1, column, f"mapping: no column {column!r} for "
                                            f"field {field!r} in the header"))  # fmt: skip
            else:
                columns[field] = position[column]
    for name, i in position.items():
        if name in known and name not in columns:
            columns[name] = i
    if "record_id" not in columns:
        problems.append(FileProblem(1, None, "no 'record_id' column (map one with a mapping)"))
    if not {"given_names", "family_names"} & set(columns):
        problems.append(FileProblem(1, None, "no name column: need 'given_names' or "
                                    "'family_names' (or a mapping)"))  # fmt: skip
    return columns, problems


def write_pairs(resolution: Resolution, out: str | Path) -> int:
    """Write the pairs of ``resolution`` as CSV (see OUTPUT_COLUMNS); return how many."""
    model = resolution.model
    pairs = resolution.pairs
    left_ids, right_ids = resolution.left.record_ids, resolution.right.record_ids
    order = sorted(range(len(pairs)), key=lambda k: -float(pairs.probability[k]))
    with Path(out).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(OUTPUT_COLUMNS)
        for k in order:
            probability = float(pairs.probability[k])
            result = model.explain(int(pairs.codes[k]), float(pairs.weight[k]), probability)
            writer.writerow([
                left_ids[int(pairs.left[k])], right_ids[int(pairs.right[k])],
                f"{probability:.6f}", f"{result.weight:.3f}", model.decision(probability),
                ";".join(result.reason_codes()), "; ".join(r.text for r in result.reasons),
            ])  # fmt: skip
    return len(order)


def dedupe_file(
    path: str | Path,
    out: str | Path,
    mapping: Mapping[str, str] | str | Path | None = None,
    *,
    model: MatchModel | None = None,
    threshold: float | None = None,
    **read_options: Any,
) -> Resolution:
    """Find duplicates within one file and write them to ``out``.

    With ``model`` (the registry's trained model) its parameters are used; without, a model
    is fitted on the file itself.
    """
    table = read_table(path, mapping, **read_options)
    resolution = find_duplicates(table, model=model, threshold=threshold)
    write_pairs(resolution, out)
    return resolution


def match_file(
    path: str | Path,
    registry_records: Sequence[PersonRecord],
    out: str | Path,
    mapping: Mapping[str, str] | str | Path | None = None,
    *,
    model: MatchModel | None = None,
    threshold: float | None = None,
    **read_options: Any,
) -> Resolution:
    """Match each record of a file against the registry's records; pairs go to ``out``
    (left: the file's record ids, right: the registry's)."""
    nicknames = model.nicknames if model else None
    left = read_table(path, mapping, nicknames=nicknames, **read_options)
    right = RecordTable.build(registry_records, nicknames, vocab=left.vocab)
    resolution = link(left, right, model=model, threshold=threshold)
    write_pairs(resolution, out)
    return resolution
