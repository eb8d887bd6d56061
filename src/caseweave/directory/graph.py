"""HSDS records in memory, indexed both ways, for export and for building the search index."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from caseweave.directory import hsds
from caseweave.directory.models import HsdsRecord

Record = dict[str, Any]


class Graph:
    """Records by (table, id) and by (table, column, value) for the reverse lookups."""

    def __init__(self, records: Iterable[tuple[str, Record]]) -> None:
        self.by_id: dict[tuple[str, str], Record] = {}
        self.by_table: dict[str, list[Record]] = defaultdict(list)
        self._referrers: dict[tuple[str, str, str], list[Record]] = defaultdict(list)
        for table, data in records:
            self.add(table, data)

    def add(self, table: str, data: Record) -> None:
        key = (table, str(data["id"]))
        if key in self.by_id:
            self.by_table[table].remove(self.by_id[key])
        self.by_id[key] = data
        self.by_table[table].append(data)
        links = list(hsds.reference_columns(table))
        if table in hsds.POLYMORPHIC_LINKS:
            links.append(hsds.POLYMORPHIC_LINKS[table][0])
        for column in links:
            value = data.get(column)
            if value:
                self._referrers[(table, column, str(value))].append(data)

    def get(self, table: str, record_id: Any) -> Record | None:
        return self.by_id.get((table, str(record_id))) if record_id else None

    def referrers(self, table: str, column: str, value: Any) -> list[Record]:
        return self._referrers.get((table, column, str(value)), [])

    def _belongs(self, named: Any, child: Record, table_name: str, id_column: str) -> bool:
        """Whether a polymorphic child (attribute, metadata) hangs under ``table_name``.

        Its type column decides when it names a table holding that id; published data
        often puts a placeholder there, and then the id alone decides.
        """
        if named == table_name or named not in hsds.tables():
            return True
        return self.get(str(named), child.get(id_column)) is None

    def nest(self, table_name: str, record: Record, path: tuple[str, ...] = ()) -> Record:
        """The JSON form of ``record``: its columns, then each nested property the schema names.

        A table already on the path is not entered again (an organisation inside a
        service does not list that service again).
        """
        table = hsds.tables()[table_name]
        out: Record = {key: value for key, value in record.items() if key in table.columns}
        path = (*path, table_name)
        for nested in table.nested:
            if nested.table in path and nested.table not in hsds.POLYMORPHIC_LINKS:
                continue
            link = hsds.parent_link(table_name, nested.table)
            if link is None:
                continue
            if link[0] == "child":
                children = self.referrers(nested.table, link[1], record["id"])
                if nested.table in hsds.POLYMORPHIC_LINKS:
                    type_column = hsds.POLYMORPHIC_LINKS[nested.table][1]
                    children = [
                        c
                        for c in children
                        if self._belongs(c.get(type_column), c, table_name, link[1])
                    ]
                nested_records = [self.nest(nested.table, child, path) for child in children]
                if nested.many:
                    out[nested.name] = nested_records
                elif nested_records:
                    out[nested.name] = nested_records[0]
            else:
                child = self.get(nested.table, record.get(link[1]))
                if child is not None and nested.table not in path:
                    out[nested.name] = self.nest(nested.table, child, path)
        return out


def link_columns(table: str) -> list[str]:
    columns = list(hsds.reference_columns(table))
    if table in hsds.POLYMORPHIC_LINKS:
        columns.append(hsds.POLYMORPHIC_LINKS[table][0])
    return columns


class StoredGraph(Graph):
    """A Graph that reads records from the database as ``nest`` asks for them.

    For one service or organisation in full form; reverse lookups go through ``HsdsLink``.
    """

    def __init__(self) -> None:
        super().__init__(())
        self._asked: set[tuple[str, str, str]] = set()

    def get(self, table: str, record_id: Any) -> Record | None:
        if not record_id:
            return None
        key = (table, str(record_id))
        if key not in self.by_id:
            record = (
                HsdsRecord.objects.filter(table=table, hsds_id=str(record_id))
                .values_list("data", flat=True)
                .first()
            )
            if record is None:
                return None
            self.add(table, record)
        return self.by_id.get(key)

    def referrers(self, table: str, column: str, value: Any) -> list[Record]:
        key = (table, column, str(value))
        if key not in self._asked:
            self._asked.add(key)
            from caseweave.directory.models import HsdsLink

            sources = HsdsLink.objects.filter(source_table=table, column=column, target=str(value))
            rows = HsdsRecord.objects.filter(
                table=table, hsds_id__in=sources.values("source_id")
            ).values_list("data", flat=True)
            for data in rows:
                if (table, str(data["id"])) not in self.by_id:
                    self.add(table, data)
        return super().referrers(table, column, value)


def link_rows(records: Iterable[tuple[str, Record]]) -> list[tuple[str, str, str, str]]:
    """(source table, source id, column, target id) for every reference these records make."""
    found = []
    for table, data in records:
        for column in link_columns(table):
            value = data.get(column)
            if isinstance(value, str) and hsds.is_uuid(value):
                found.append((table, str(data["id"]).lower(), column, value.lower()))
    return found


def load_all() -> Graph:
    rows = HsdsRecord.objects.values_list("table", "data").iterator(chunk_size=5000)
    return Graph(rows)
