"""What an import would do: rows to create, update, leave alone and reject. Reads only."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from caseweave.directory.importing.readers import read
from caseweave.directory.importing.validate import Checked, check
from caseweave.directory.models import HsdsRecord

Progress = Callable[[int, int], None]


@dataclass
class ImportPlan:
    source: str
    create: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    update: list[tuple[HsdsRecord, dict[str, Any]]] = field(default_factory=list)
    unchanged: int = 0
    checked: Checked = field(default_factory=Checked)

    def report(self) -> dict[str, Any]:
        created = Counter(table for table, _ in self.create)
        updated = Counter(record.table for record, _ in self.update)
        return {
            "source": self.source,
            "created": dict(sorted(created.items())),
            "updated": dict(sorted(updated.items())),
            "unchanged": self.unchanged,
            "rejected": [r.as_dict() for r in self.checked.rejected],
            "problems": self.checked.problems,
            "warnings": self.checked.warnings,
        }

    def touched_services(self) -> set[str]:
        """Services whose search rows may change; every service when shared rows change."""
        service_ids: set[str] = set()
        shared = False
        for table, data in [*self.create, *((r.table, d) for r, d in self.update)]:
            if table == "service":
                service_ids.add(str(data["id"]))
            elif data.get("service_id"):
                service_ids.add(str(data["service_id"]))
            elif table == "attribute" and data.get("link_entity") in (None, "", "service"):
                service_ids.add(str(data.get("link_id")))
            else:
                shared = True
        if shared:
            service_ids |= {
                str(x)
                for x in HsdsRecord.objects.filter(table="service").values_list(
                    "hsds_id", flat=True
                )
            }
        return service_ids


def _existing(table: str, ids: Iterable[str]) -> set[str]:
    wanted = []
    for value in ids:
        try:
            wanted.append(uuid.UUID(value))
        except ValueError:
            continue
    found: set[str] = set()
    for start in range(0, len(wanted), 900):
        chunk = wanted[start : start + 900]
        found |= {
            str(x)
            for x in HsdsRecord.objects.filter(table=table, hsds_id__in=chunk).values_list(
                "hsds_id", flat=True
            )
        }
    return found


def plan_import(source: str, progress: Progress | None = None) -> ImportPlan:
    dataset = read(source)
    checked = check(dataset, _existing)
    plan = ImportPlan(source=source, checked=checked)
    keys = list(checked.valid)
    total = len(keys)
    for start in range(0, total, 900):
        chunk = keys[start : start + 900]
        by_table: dict[str, list[uuid.UUID]] = {}
        for table, record_id in chunk:
            by_table.setdefault(table, []).append(uuid.UUID(record_id))
        stored = {}
        for table, ids in by_table.items():
            for record in HsdsRecord.objects.filter(table=table, hsds_id__in=ids):
                stored[(table, str(record.hsds_id))] = record
        for key in chunk:
            data = checked.valid[key].data
            found = stored.get((key[0], str(uuid.UUID(key[1]))))
            if found is None:
                plan.create.append((key[0], data))
            elif found.data != data:
                plan.update.append((found, data))
            else:
                plan.unchanged += 1
        if progress is not None:
            progress(min(start + 900, total), total)
    return plan
