"""Reading an HSDS dataset into flat tabular rows, each remembering where it came from.

Accepted sources: a JSON file (one object, a list, an API ``Page``, or the tabular
``{"services.csv": [...]}`` shape), a folder of CSV files (the tabular datapackage) or
JSON files, a zip of either, or the base URL of an HSDS API (paged).
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from caseweave.directory import hsds


@dataclass
class Row:
    """One HSDS record in tabular form and where it was read (file, row or JSON pointer)."""

    table: str
    data: dict[str, Any]
    where: str
    tabular: bool


@dataclass
class ReadProblem:
    where: str
    message: str


@dataclass
class Dataset:
    rows: list[Row]
    problems: list[ReadProblem]


def read(source: str) -> Dataset:
    """Read any supported source; problems that stop a file being read are collected."""
    dataset = Dataset(rows=[], problems=[])
    if source.startswith(("http://", "https://")):
        _read_api(source, dataset)
        return dataset
    path = Path(source)
    if not path.exists():
        dataset.problems.append(ReadProblem(source, "no such file or folder"))
    elif path.is_dir():
        _read_folder(path, dataset)
    elif zipfile.is_zipfile(path):
        with tempfile.TemporaryDirectory() as folder, zipfile.ZipFile(path) as archive:
            archive.extractall(folder)
            _read_folder(Path(folder), dataset, shown_as=path.name)
    elif path.suffix.lower() == ".csv":
        _read_csv(path, path.name, dataset)
    else:
        _read_json_file(path, path.name, dataset)
    return dataset


def _read_folder(folder: Path, dataset: Dataset, shown_as: str = "") -> None:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    for path in files:
        shown = str(Path(shown_as) / path.relative_to(folder)) if shown_as else str(path)
        if path.suffix.lower() == ".csv":
            _read_csv(path, shown, dataset)
        elif path.suffix.lower() == ".json" and path.name != "datapackage.json":
            _read_json_file(path, shown, dataset)


def _coerce(table: hsds.Table, column: str, text: str) -> Any:
    kind = table.column_types.get(column, "string")
    if kind in {"number", "integer"}:
        number = float(text)
        return (
            int(number) if number.is_integer() and "." not in text and "e" not in text else number
        )
    if kind == "boolean":
        if text.lower() in {"true", "1", "yes"}:
            return True
        if text.lower() in {"false", "0", "no"}:
            return False
        raise ValueError(text)
    return text


def _read_csv(path: Path, shown: str, dataset: Dataset) -> None:
    table = hsds.table_for_csv(path.name)
    if table is None:
        dataset.problems.append(ReadProblem(shown, "not an HSDS table (unknown CSV file name)"))
        return
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        unknown = [name for name in reader.fieldnames or [] if name not in table.columns]
        if unknown:
            dataset.problems.append(
                ReadProblem(shown, f"unknown column(s) for {table.name}: {', '.join(unknown)}")
            )
        for number, raw in enumerate(reader, start=2):
            where = f"{shown} row {number}"
            data: dict[str, Any] = {}
            bad = []
            for column, text in raw.items():
                if column is None or column not in table.columns or text in (None, ""):
                    continue
                try:
                    data[column] = _coerce(table, column, text)
                except ValueError:
                    bad.append(column)
            row = Row(table.name, data, where, tabular=True)
            if bad:
                row.data["__bad_columns__"] = bad
            dataset.rows.append(row)


def _guess_table(name: str) -> str:
    stem = Path(name).stem.lower()
    for candidate in ("service_at_location", "taxonomy_term", "taxonomy", "organization"):
        if stem.startswith(candidate):
            return candidate
    return "service"


def _read_json_file(path: Path, shown: str, dataset: Dataset) -> None:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        dataset.problems.append(ReadProblem(shown, f"not valid JSON: {error}"))
        return
    read_json_document(document, shown, _guess_table(path.name), dataset)


def read_json_document(document: Any, shown: str, table: str, dataset: Dataset) -> None:
    """Flatten one JSON document; ``table`` is what top-level objects are."""
    if isinstance(document, dict) and any(key.endswith(".csv") for key in document):
        for filename, rows in document.items():
            csv_table = hsds.table_for_csv(filename)
            if csv_table is None or not isinstance(rows, list):
                dataset.problems.append(ReadProblem(f"{shown}#/{filename}", "not an HSDS table"))
                continue
            for index, item in enumerate(rows):
                flatten(item, csv_table.name, f"{shown}#/{filename}/{index}", dataset)
    elif isinstance(document, dict) and isinstance(document.get("contents"), list):
        for index, item in enumerate(document["contents"]):
            flatten(item, table, f"{shown}#/contents/{index}", dataset)
    elif isinstance(document, list):
        for index, item in enumerate(document):
            flatten(item, table, f"{shown}#/{index}", dataset)
    else:
        flatten(document, table, f"{shown}#", dataset)


def flatten(item: Any, table_name: str, pointer: str, dataset: Dataset) -> str | None:
    """Add ``item`` and everything nested in it as tabular rows; return its id."""
    if not isinstance(item, dict):
        dataset.problems.append(ReadProblem(pointer, f"expected a {table_name} object"))
        return None
    table = hsds.tables()[table_name]
    data = {key: value for key, value in item.items() if key in table.columns}
    unknown = [key for key in item if key not in table.columns and key not in _nested_names(table)]
    row = Row(table_name, data, pointer, tabular=False)
    if unknown:
        row.data["__unknown__"] = unknown
    dataset.rows.append(row)
    record_id = data.get("id")
    for nested in table.nested:
        value = item.get(nested.name)
        if value is None:
            continue
        link = hsds.parent_link(table_name, nested.table)
        children = value if nested.many and isinstance(value, list) else [value]
        for index, child in enumerate(children):
            child_pointer = f"{pointer}/{nested.name}" + (f"/{index}" if nested.many else "")
            if isinstance(child, dict) and link and link[0] == "child" and record_id:
                child = {link[1]: record_id, **child}
                if nested.table in hsds.POLYMORPHIC_LINKS:
                    child.setdefault(hsds.POLYMORPHIC_LINKS[nested.table][1], table_name)
            child_id = flatten(child, nested.table, child_pointer, dataset)
            if link and link[0] == "parent" and child_id:
                data.setdefault(link[1], child_id)
    return record_id if isinstance(record_id, str) else None


def _nested_names(table: hsds.Table) -> set[str]:
    return {nested.name for nested in table.nested}


def _fetch_json(url: str) -> Any:
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"not an http(s) URL: {url}")
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310  # scheme checked above
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310  # scheme checked above
        return json.load(io.TextIOWrapper(response, encoding="utf-8"))


def _read_api(base_url: str, dataset: Dataset) -> None:
    """Page through ``/services`` and fetch each service in full."""
    base = base_url.rstrip("/")
    for service_id, _where in _service_ids(base, dataset):
        url = f"{base}/services/{urllib.parse.quote(service_id)}"
        try:
            document = _fetch_json(url)
        except (OSError, ValueError) as error:
            dataset.problems.append(ReadProblem(url, f"could not fetch: {error}"))
            continue
        flatten(document, "service", f"{url}#", dataset)


def _service_ids(base: str, dataset: Dataset) -> Iterator[tuple[str, str]]:
    page = 1
    while True:
        url = f"{base}/services?page={page}&per_page=100"
        try:
            document = _fetch_json(url)
        except (OSError, ValueError) as error:
            dataset.problems.append(ReadProblem(url, f"could not fetch: {error}"))
            return
        for index, item in enumerate(document.get("contents", [])):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                yield item["id"], f"{url}#/contents/{index}"
        if document.get("last_page", True) or not document.get("contents"):
            return
        page += 1
