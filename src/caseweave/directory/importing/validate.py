"""Checking HSDS rows: schema, ids, references, taxonomy terms and schedules.

Every problem names the file and row (CSV) or JSON pointer, the field and the reason.
A row that refers to a rejected row is rejected too, so nothing half-linked is stored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import cache
from typing import Any

from caseweave.directory import hsds
from caseweave.directory.importing.readers import Dataset, Row

POLYMORPHIC_ID_COLUMNS = {"link_id"}
BYDAY = re.compile(r"^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")


@dataclass
class Rejection:
    table: str
    hsds_id: str
    where: str
    reasons: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "id": self.hsds_id,
            "where": self.where,
            "reasons": self.reasons,
        }


@dataclass
class Checked:
    """Rows that passed, keyed by (table, id), and every rejection with its reasons."""

    valid: dict[tuple[str, str], Row] = field(default_factory=dict)
    rejected: list[Rejection] = field(default_factory=list)
    problems: list[dict[str, str]] = field(default_factory=list)
    warnings: list[dict[str, str]] = field(default_factory=list)


@cache
def _rules(table_name: str) -> tuple[tuple[str, ...], dict[str, tuple[str, list[Any] | None]]]:
    """Required names and (type, enum) per column: all a flat HSDS row schema asks for."""
    schema = hsds.tables()[table_name].flat_schema()
    columns = {
        name: (str(spec.get("type", "string")), spec.get("enum"))
        for name, spec in schema["properties"].items()
    }
    return tuple(schema["required"]), columns


def schema_problems(table_name: str, data: dict[str, Any]) -> list[str]:
    """The JSON Schema checks of a flat row (required, type, enum), worded as jsonschema words them.

    Checked by hand because these are the only keywords the row schemas use, and running
    a general validator over every row of a large import dominated its time.
    """
    required, columns = _rules(table_name)
    problems = [
        f"(record): '{name}' is a required property" for name in required if name not in data
    ]
    for name, value in data.items():
        rule = columns.get(name)
        if rule is None:
            continue
        kind, enum = rule
        if kind == "string" and not isinstance(value, str):
            problems.append(f"{name}: {value!r} is not of type 'string'")
        elif kind == "number" and (isinstance(value, bool) or not isinstance(value, int | float)):
            problems.append(f"{name}: {value!r} is not of type 'number'")
        if enum is not None and value not in enum:
            problems.append(f"{name}: {value!r} is not one of {enum!r}")
    return problems


def _parse_time(text: str) -> time:
    return time.fromisoformat(text.replace("Z", "+00:00"))


FORMAT_CHECKS: dict[str, Callable[[str], object]] = {
    "date": date.fromisoformat,
    "time": _parse_time,
    "datetime": lambda text: datetime.fromisoformat(text.replace("Z", "+00:00")),
}


def _field_problems(row: Row) -> list[str]:
    table = hsds.tables()[row.table]
    problems = [
        f"{column}: not a valid {table.column_types[column]}"
        for column in row.data.pop("__bad_columns__", [])
    ]
    problems += [f"{key}: not an HSDS {row.table} field" for key in row.data.pop("__unknown__", [])]
    problems += schema_problems(row.table, row.data)
    required = table.tabular_required if row.tabular else ()
    for column in required:
        if row.data.get(column) in (None, ""):
            problems.append(f"{column}: required in the tabular form")
    for column, value in row.data.items():
        if not isinstance(value, str):
            continue
        spec = table.schema["properties"].get(column, {})
        if spec.get("format") == "uuid" and not hsds.is_uuid(value):
            problems.append(f"{column}: {value!r} is not a UUID")
        check = FORMAT_CHECKS.get(table.column_types.get(column, ""))
        if check is not None:
            try:
                check(value)
            except ValueError:
                problems.append(f"{column}: {value!r} is not a valid {table.column_types[column]}")
    if row.table == "schedule":
        problems += schedule_problems(row.data)
    return problems


def schedule_problems(data: dict[str, Any]) -> list[str]:
    """Recurrence rules HSDS leaves to RFC 5545, checked so "open now" can trust them."""
    problems = []
    freq = data.get("freq")
    for token in filter(None, str(data.get("byday") or "").split(",")):
        match = BYDAY.match(token.strip())
        if not match:
            problems.append(f"byday: {token!r} is not a day such as MO or 2MO or -1FR")
        elif match.group(1) and freq != "MONTHLY":
            problems.append(f"byday: {token!r} has an occurrence number but freq is not MONTHLY")
    for token in filter(None, str(data.get("bymonthday") or "").split(",")):
        try:
            day = int(token)
        except ValueError:
            problems.append(f"bymonthday: {token!r} is not a day of the month")
            continue
        if day == 0 or not -31 <= day <= 31:
            problems.append(f"bymonthday: {day} is outside -31..31")
    interval = data.get("interval")
    if interval is not None and (not isinstance(interval, int | float) or interval < 1):
        problems.append("interval: must be 1 or more")
    if (data.get("byday") or data.get("bymonthday")) and not freq:
        problems.append("freq: needed when byday or bymonthday is given")
    valid_from, valid_to = data.get("valid_from"), data.get("valid_to")
    if isinstance(valid_from, str) and isinstance(valid_to, str) and valid_from > valid_to:
        problems.append("valid_to: before valid_from")
    if bool(data.get("opens_at")) != bool(data.get("closes_at")):
        problems.append("closes_at: opens_at and closes_at go together")
    return problems


def check(dataset: Dataset, existing: Callable[[str, Iterable[str]], set[str]]) -> Checked:
    """Validate every row; ``existing(table, ids)`` says which ids the directory already holds."""
    result = Checked(problems=[{"where": p.where, "message": p.message} for p in dataset.problems])
    first_seen: dict[tuple[str, str], Row] = {}
    bad_keys: set[tuple[str, str]] = set()
    for row in dataset.rows:
        reasons = _field_problems(row)
        record_id = row.data.get("id")
        if not isinstance(record_id, str):
            result.rejected.append(Rejection(row.table, "", row.where, reasons or ["id: missing"]))
            continue
        key = (row.table, record_id)
        earlier = first_seen.get(key)
        if earlier is not None:
            conflict = [k for k in row.data if k in earlier.data and earlier.data[k] != row.data[k]]
            if row.tabular or conflict:
                what = f" with different {', '.join(conflict)}" if conflict else ""
                reasons.append(f"id: duplicate of the {row.table} at {earlier.where}{what}")
                bad_keys.add(key)
            elif not reasons:
                earlier.data.update(row.data)  # the same record nested twice in the JSON form
                continue
        if reasons:
            result.rejected.append(Rejection(row.table, record_id, row.where, reasons))
            bad_keys.add(key)
        else:
            first_seen.setdefault(key, row)
    for key in bad_keys:
        first_seen.pop(key, None)
    _check_references(first_seen, result, existing)
    result.valid = first_seen
    return result


def _targets(row: Row) -> list[tuple[str, str, str]]:
    """(column, table, id) for every reference the row makes."""
    found = []
    for column, target in hsds.reference_columns(row.table).items():
        value = row.data.get(column)
        if isinstance(value, str) and value:
            found.append((column, target, value))
    if row.table in hsds.POLYMORPHIC_LINKS:
        id_column, type_column = hsds.POLYMORPHIC_LINKS[row.table]
        target_table = str(row.data.get(type_column) or "")
        value = row.data.get(id_column)
        if isinstance(value, str) and target_table in hsds.tables():
            found.append((id_column, target_table, value))
    return found


def _check_references(
    rows: dict[tuple[str, str], Row],
    result: Checked,
    existing: Callable[[str, Iterable[str]], set[str]],
) -> None:
    wanted: dict[str, set[str]] = {}
    for row in rows.values():
        for _column, target, value in _targets(row):
            if (target, value) not in rows:
                wanted.setdefault(target, set()).add(value)
    stored = {(table, value) for table, ids in wanted.items() for value in existing(table, ids)}
    rejected_keys = {(r.table, r.hsds_id) for r in result.rejected}
    warned: set[tuple[str, str]] = set()
    changed = True
    while changed:
        changed = False
        for key, row in list(rows.items()):
            reasons = []
            # A change-history entry may outlive the record it describes, so its
            # resource_id is not a hard reference.
            owners = set(hsds.tables()[row.table].tabular_required) - {"resource_id"}
            for column, target, value in _targets(row):
                if (target, value) in rows or (target, value) in stored:
                    continue
                if (target, value) in rejected_keys:
                    reasons.append(f"{column}: refers to the rejected {target} {value}")
                elif target == "taxonomy_term" and column in owners:
                    reasons.append(f"{column}: unknown taxonomy term {value}")
                elif column in owners or column in POLYMORPHIC_ID_COLUMNS:
                    reasons.append(
                        f"{column}: no {target} with id {value} in the dataset or directory"
                    )
                elif (row.where, column) not in warned:
                    # An optional pointer outside the dataset (a parent organisation, a
                    # broader term) is kept as published, and said so.
                    warned.add((row.where, column))
                    result.warnings.append(
                        {
                            "where": row.where,
                            "message": f"{column}: {target} {value} is not in the dataset "
                            "or directory (kept)",
                        }
                    )
            if reasons:
                result.rejected.append(Rejection(row.table, key[1], row.where, reasons))
                rejected_keys.add(key)
                del rows[key]
                changed = True
