"""What HSDS 3.1 says about its objects, read from the schemas shipped in ``data/hsds``.

Import, export and the HSDS API are driven by these descriptions rather than by
hand-written field lists, so a field the schema defines is never silently dropped.
Each HSDS object ("table") has scalar fields (its tabular columns) and nested
properties (arrays or objects of other tables in the JSON form).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"
SCHEMA_DIR = DATA_DIR / "hsds" / "schema"

# The canonical text form JSON Schema's "uuid" format asks for; matched by a regular
# expression because parsing every id of a large import with uuid.UUID was slow.
UUID_PATTERN = re.compile(
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
)


def is_uuid(value: str) -> bool:
    return UUID_PATTERN.match(value) is not None


# Tables whose rows point at "any" record through a (link_id, type) pair, not a named column.
POLYMORPHIC_LINKS = {
    "attribute": ("link_id", "link_entity"),
    "metadata": ("resource_id", "resource_type"),
}


@dataclass(frozen=True)
class Nested:
    """A nested property in the JSON form: ``phones`` of a service is a list of ``phone``."""

    name: str
    table: str
    many: bool


@dataclass(frozen=True)
class Table:
    """One HSDS object: its schema, scalar columns and nested properties."""

    name: str
    csv_name: str
    schema: dict[str, Any]
    columns: tuple[str, ...]
    column_types: dict[str, str]
    required: tuple[str, ...]
    tabular_required: tuple[str, ...]
    nested: tuple[Nested, ...] = field(default=())

    def flat_schema(self) -> dict[str, Any]:
        """The schema for one tabular row: the columns only, nested properties removed."""
        properties = {k: v for k, v in self.schema["properties"].items() if k in self.columns}
        required = [name for name in self.required if name in self.columns]
        return {"type": "object", "properties": properties, "required": required}


def _column_type(spec: dict[str, Any]) -> str:
    if spec.get("datapackage_type"):
        return str(spec["datapackage_type"])
    if spec.get("format") == "date-time":
        return "datetime"
    return str(spec.get("type", "string"))


def _load_table(path: Path, csv_names: dict[str, str]) -> Table:
    schema = json.loads(path.read_text())
    columns: list[str] = []
    types: dict[str, str] = {}
    nested: list[Nested] = []
    for name, spec in schema["properties"].items():
        if spec.get("type") == "array" and "$ref" in spec.get("items", {}):
            nested.append(Nested(name, spec["items"]["$ref"].removesuffix(".json"), True))
        elif "$ref" in spec:
            nested.append(Nested(name, spec["$ref"].removesuffix(".json"), False))
        else:
            columns.append(name)
            types[name] = _column_type(spec)
    return Table(
        name=schema["name"],
        csv_name=csv_names.get(schema["name"], schema.get("path", f"{schema['name']}.csv")),
        schema=schema,
        columns=tuple(columns),
        column_types=types,
        required=tuple(schema.get("required", ())),
        tabular_required=tuple(schema.get("tabular_required", ()) or ()),
        nested=tuple(nested),
    )


@cache
def tables() -> dict[str, Table]:
    """Every HSDS table by name (``service``, ``phone``...), from the shipped schemas."""
    package = json.loads((DATA_DIR / "hsds" / "datapackage.json").read_text())
    csv_names = {resource["name"]: resource["path"] for resource in package["resources"]}
    found = {}
    for path in sorted(SCHEMA_DIR.glob("*.json")):
        if path.name in {"openapi.json"}:
            continue
        table = _load_table(path, csv_names)
        found[table.name] = table
    return found


@cache
def table_for_csv(filename: str) -> Table | None:
    for table in tables().values():
        if table.csv_name == filename:
            return table
    return None


@cache
def reference_columns(table_name: str) -> dict[str, str]:
    """Columns of ``table_name`` that hold another table's id: ``{"service_id": "service"}``."""
    known = tables()
    references = {}
    for column in known[table_name].columns:
        if column == "parent_organization_id":
            references[column] = "organization"
        elif column == "parent_id" and table_name == "taxonomy_term":
            references[column] = "taxonomy_term"
        elif column.endswith("_id") and column.removesuffix("_id") in known:
            references[column] = column.removesuffix("_id")
    return references


def parent_link(parent: str, child: str) -> tuple[str, str] | None:
    """How a nested child relates to its parent in tabular form.

    Returns ``("child", column)`` when the child row holds the parent's id (a service's
    phones have ``service_id``), ``("parent", column)`` when the parent row holds the
    child's id (a service's ``organization`` is its ``organization_id``), or None.
    """
    if child in POLYMORPHIC_LINKS:
        return ("child", POLYMORPHIC_LINKS[child][0])
    child_refs = reference_columns(child)
    for column, target in child_refs.items():
        if target == parent and column != "parent_id":
            return ("child", column)
    for column, target in reference_columns(parent).items():
        if target == child and column not in {"parent_id", "parent_organization_id"}:
            return ("parent", column)
    return None


@cache
def schema_store() -> dict[str, dict[str, Any]]:
    """The shipped schemas keyed by file name and by their upstream URLs, for $ref lookups."""
    store: dict[str, dict[str, Any]] = {}
    for path in SCHEMA_DIR.rglob("*.json"):
        document = json.loads(path.read_text())
        store[path.name] = document
        if "$id" in document:
            store[document["$id"]] = document
    return store
