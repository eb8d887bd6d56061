"""Writing the directory (or one organisation's part) as HSDS JSON or the tabular datapackage."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Any

from caseweave.directory import hsds
from caseweave.directory.graph import Graph, load_all


def _organisation_part(graph: Graph, organization_id: str) -> Graph:
    """The records that belong to one organisation: its own rows and its services' rows."""
    keep: dict[tuple[str, str], dict[str, Any]] = {}

    def take(table: str, record: dict[str, Any] | None) -> None:
        if record is None or (table, str(record["id"])) in keep:
            return
        keep[(table, str(record["id"]))] = record
        nested_tree = graph.nest(table, record)
        _collect(table, nested_tree, keep, graph)

    take("organization", graph.get("organization", organization_id))
    for service in graph.referrers("service", "organization_id", organization_id):
        take("service", service)
    return Graph((table, data) for (table, _id), data in keep.items())


def _collect(
    table: str, tree: dict[str, Any], keep: dict[tuple[str, str], dict[str, Any]], graph: Graph
) -> None:
    for nested in hsds.tables()[table].nested:
        value = tree.get(nested.name)
        children = value if isinstance(value, list) else [value] if value else []
        for child in children:
            record = graph.get(nested.table, child.get("id"))
            if record is not None:
                keep.setdefault((nested.table, str(record["id"])), record)
                _collect(nested.table, child, keep, graph)


def services_json(graph: Graph) -> list[dict[str, Any]]:
    return [graph.nest("service", service) for service in graph.by_table.get("service", [])]


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_csv(graph: Graph, folder: Path) -> list[Path]:
    written = []
    for table in hsds.tables().values():
        path = folder / table.csv_name
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(table.columns)
            for record in sorted(graph.by_table.get(table.name, []), key=lambda r: str(r["id"])):
                writer.writerow([csv_cell(record.get(column)) for column in table.columns])
        written.append(path)
    package = folder / "datapackage.json"
    shutil.copyfile(hsds.DATA_DIR / "hsds" / "datapackage.json", package)
    written.append(package)
    return written


def _reached(table: str, tree: dict[str, Any], found: set[tuple[str, str]]) -> None:
    found.add((table, str(tree.get("id"))))
    for nested in hsds.tables()[table].nested:
        value = tree.get(nested.name)
        for child in value if isinstance(value, list) else [value] if value else []:
            if isinstance(child, dict) and child.get("id"):
                _reached(nested.table, child, found)


def unreachable_records(graph: Graph, outputs: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Rows no nested output holds (a place no service uses, a taxonomy with no terms...),
    in the tabular-in-JSON form HSDS readers accept: ``{"locations.csv": [rows]}``."""
    roots = {"services.json": "service", "organizations.json": "organization"}
    roots["taxonomy_terms.json"] = "taxonomy_term"
    found: set[tuple[str, str]] = set()
    for name, trees in outputs.items():
        for tree in trees:
            _reached(roots[name], tree, found)
    extra: dict[str, list[dict[str, Any]]] = {}
    for table in hsds.tables().values():
        rows = [
            {k: v for k, v in record.items() if k in table.columns}
            for record in sorted(graph.by_table.get(table.name, []), key=lambda r: str(r["id"]))
            if (table.name, str(record["id"])) not in found
        ]
        if rows:
            extra[table.csv_name] = rows
    return extra


def write_json(graph: Graph, folder: Path) -> list[Path]:
    """``services.json`` (full services), organisations and taxonomy terms in full form, and
    ``other_records.json`` with every row none of those reach, so a round trip keeps all."""
    outputs: dict[str, Any] = {
        "services.json": services_json(graph),
        "organizations.json": [
            graph.nest("organization", o) for o in graph.by_table.get("organization", [])
        ],
        "taxonomy_terms.json": [
            graph.nest("taxonomy_term", t) for t in graph.by_table.get("taxonomy_term", [])
        ],
    }
    others = unreachable_records(graph, outputs)
    if others:
        outputs["other_records.json"] = others
    written = []
    for name, content in outputs.items():
        path = folder / name
        path.write_text(json.dumps(content, indent=1, ensure_ascii=False), encoding="utf-8")
        written.append(path)
    return written


def export_to_folder(
    folder: str, *, fmt: str = "json", organization_id: str | None = None
) -> list[Path]:
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    graph = load_all()
    if organization_id:
        graph = _organisation_part(graph, organization_id)
    return write_csv(graph, target) if fmt == "csv" else write_json(graph, target)
