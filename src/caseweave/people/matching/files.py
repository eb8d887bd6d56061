"""CSV/XLSX files in, duplicate or match pairs out: the engine behind ``caseweave people
dedupe`` and ``caseweave people match``.

A file whose header uses the documented field names (:data:`FIELDS`) needs no mapping;
otherwise a mapping file (JSON object or two-column CSV ``field,column``) says which column
holds which field. Reading checks every row and reports every problem with its row and column
before anything is matched.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from caseweave.people.matching.dates import DateParseError, parse_partial_date
from caseweave.people.matching.identifiers import identifier_types, normalise_identifier
from caseweave.people.matching.model import MatchModel
from caseweave.people.matching.records import PersonRecord
from caseweave.people.matching.resolve import Resolution, find_duplicates, link
from caseweave.people.matching.table import RecordTable

__all__ = [
    "FIELDS",
    "FileError",
    "FileProblem",
    "dedupe_file",
    "match_file",
    "read_mapping",
    "read_records",
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
    value) instead of refusing the file; structural problems are always errors.
    """
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
    columns, problems = _resolve_columns(header, mapping, id_types)
    if problems:
        raise FileError(path, problems)
    records: list[PersonRecord] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, 2):
        if not any(cell.strip() for cell in row):
            continue
        values = {field: (row[i].strip() if i < len(row) else "") for field, i in columns.items()}
        record, row_problems = _record(
            number, values, header, columns, id_types, default_country, day_first, lenient
        )
        rid = values.get("record_id", "")
        if rid in seen:
            row_problems.append(
                FileProblem(number, header[columns["record_id"]],
                            f"record id {rid!r} already used on row {seen[rid]}")
            )  # fmt: skip
        elif rid:
            seen[rid] = number
        problems.extend(row_problems)
        if record is not None and not row_problems:
            records.append(record)
    if problems:
        raise FileError(path, problems)
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


def _record(
    number: int,
    values: dict[str, str],
    header: list[str],
    columns: dict[str, int],
    id_types: set[str],
    default_country: str,
    day_first: bool,
    lenient: bool,
) -> tuple[PersonRecord | None, list[FileProblem]]:
    problems: list[FileProblem] = []

    def column(field: str) -> str:
        return header[columns[field]]

    if not values.get("record_id"):
        problems.append(FileProblem(number, column("record_id"), "the record id is empty"))
    birth = None
    if values.get("birth_date"):
        try:
            birth = parse_partial_date(values["birth_date"], day_first=day_first)
        except DateParseError as exc:
            if not lenient:
                problems.append(FileProblem(number, column("birth_date"), str(exc)))
    identifiers: dict[str, str] = {}
    for code in sorted(id_types & set(values)):
        if not values[code]:
            continue
        try:
            identifiers[code] = normalise_identifier(code, values[code])
        except ValueError as exc:
            if not lenient:
                problems.append(FileProblem(number, column(code), str(exc)))
    if problems:
        return None, problems
    others = [n.strip() for n in values.get("other_names", "").split(";") if n.strip()]
    record = PersonRecord.build(
        values["record_id"],
        given_names=values.get("given_names", ""),
        family_names=values.get("family_names", ""),
        other_names=others,
        birth_date=birth,
        sex=values.get("sex") or None,
        phone=values.get("phone") or None,
        email=values.get("email") or None,
        postcode=values.get("postcode") or None,
        address=values.get("address") or None,
        locality=values.get("locality") or None,
        default_country=default_country,
    )
    # identifiers were checked above; replace() avoids checking each one twice
    return (replace(record, identifiers=identifiers) if identifiers else record), []


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
    records = read_records(path, mapping, **read_options)
    resolution = find_duplicates(records, model=model, threshold=threshold)
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
    records = read_records(path, mapping, **read_options)
    left = RecordTable.build(records, model.nicknames if model else None)
    right = RecordTable.build(
        registry_records, model.nicknames if model else None, vocab=left.vocab
    )
    resolution = link(left, right, model=model, threshold=threshold)
    write_pairs(resolution, out)
    return resolution
