"""Every write to the directory: imports, listing edits, verification, organisation links."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import transaction

from caseweave.access.types import Actor
from caseweave.audit import recorder
from caseweave.directory import events, indexing
from caseweave.directory.graph import Graph, load_all
from caseweave.directory.importing.plan import ImportPlan, Progress, plan_import
from caseweave.directory.models import HsdsRecord


def directory_import(
    *, actor: Actor | None, source: str, dry_run: bool = False, progress: Progress | None = None
) -> dict[str, Any]:
    """Import an HSDS dataset (file, folder, zip or API URL); returns the report.

    Callers: staff with ``directory.import_directory`` or the command line (``actor``
    None). Valid records are upserted by HSDS id in one transaction together with the
    search index and one ``directory.imported`` audit event; invalid records are
    reported and not stored. A dry run stores nothing and audits nothing.
    """
    plan = plan_import(source, progress=progress)
    report = plan.report()
    report["dry_run"] = dry_run
    if dry_run:
        return report
    with transaction.atomic():
        _apply(plan)
        recorder.record(
            actor,
            events.DIRECTORY_IMPORTED,
            action="import",
            object_type="directory.dataset",
            payload={
                "created": report["created"],
                "updated": report["updated"],
                "unchanged": report["unchanged"],
                "rejected": len(report["rejected"]),
            },
        )
    return report


def _apply(plan: ImportPlan) -> None:
    HsdsRecord.objects.bulk_create(
        [
            HsdsRecord(table=table, hsds_id=uuid.UUID(str(data["id"])), data=data)
            for table, data in plan.create
        ],
        batch_size=1000,
    )
    for record, data in plan.update:
        record.data = data
        record.version += 1
    HsdsRecord.objects.bulk_update(
        [r for r, _ in plan.update], ["data", "version", "updated_at"], batch_size=1000
    )
    touched = plan.touched_services()
    if touched:
        graph = indexing.related_graph(touched) if len(touched) < 200 else _whole_graph()
        indexing.rebuild(graph, touched)


def _whole_graph() -> Graph:
    return load_all()
