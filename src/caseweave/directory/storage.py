"""Bulk writes of HSDS rows and their references, fast enough for 10,000-service imports.

Django's ``bulk_create`` builds a model instance and prepares every value field by field;
for a large import that dominated the run time, so rows go in through ``executemany``
with the two column types that need converting (UUID, JSON) converted here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connection
from django.utils import timezone

from caseweave.directory.graph import link_rows
from caseweave.directory.models import HsdsLink, HsdsRecord

CHUNK = 2000


def _uuid_writer() -> Callable[[str], Any]:
    """How this database stores a UUID column: native on PostgreSQL, 32 hex digits elsewhere."""
    # Values were checked against hsds.UUID_PATTERN by the import's validation.
    if connection.vendor == "postgresql":
        return lambda value: value
    return lambda value: value.replace("-", "").lower()


def _insert(table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    quote = connection.ops.quote_name
    placeholders = ", ".join(["%s"] * len(columns))
    names = ", ".join(quote(c) for c in columns)
    # Table and column names come from the models' own metadata, never from input.
    sql = f"INSERT INTO {quote(table)} ({names}) VALUES ({placeholders})"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(rows), CHUNK):
            cursor.executemany(sql, rows[start : start + CHUNK])


def insert_records(records: list[tuple[str, dict[str, Any]]]) -> None:
    """New HSDS rows (table, data) and their references."""
    now = timezone.now()
    as_uuid = _uuid_writer()
    rows = [
        (table, as_uuid(str(data["id"])), json.dumps(data), 1, now, now) for table, data in records
    ]
    _insert(
        HsdsRecord._meta.db_table,
        ["table", "hsds_id", "data", "version", "created_at", "updated_at"],
        rows,
    )
    insert_links(records)


def insert_links(records: Iterable[tuple[str, dict[str, Any]]]) -> None:
    as_uuid = _uuid_writer()
    rows = [
        (table, as_uuid(source), column, as_uuid(target))
        for table, source, column, target in link_rows(records)
    ]
    _insert(HsdsLink._meta.db_table, ["source_table", "source_id", "column", "target"], rows)


def replace_links(records: list[tuple[str, dict[str, Any]]]) -> None:
    """Drop and rewrite the references of rows whose data changed."""
    by_table: dict[str, list[str]] = {}
    for table, data in records:
        by_table.setdefault(table, []).append(str(data["id"]))
    for table, ids in by_table.items():
        for start in range(0, len(ids), 900):
            HsdsLink.objects.filter(
                source_table=table, source_id__in=ids[start : start + 900]
            ).delete()
    insert_links(records)
