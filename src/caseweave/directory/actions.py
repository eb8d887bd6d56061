"""Every write to the directory: imports, listing edits, verification, organisation links."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import transaction

from caseweave.access.types import Actor
from caseweave.audit import recorder
from caseweave.directory import events, indexing, taxonomy
from caseweave.directory.graph import Graph, links_for, load_all
from caseweave.directory.importing.plan import ImportPlan, Progress, plan_import
from caseweave.directory.models import HsdsLink, HsdsRecord


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
    created = HsdsRecord.objects.bulk_create(
        [
            HsdsRecord(table=table, hsds_id=uuid.UUID(str(data["id"])), data=data)
            for table, data in plan.create
        ],
        batch_size=1000,
    )
    for record, data in plan.update:
        record.data = data
        record.version += 1
    updated = [record for record, _ in plan.update]
    HsdsRecord.objects.bulk_update(updated, ["data", "version", "updated_at"], batch_size=1000)
    HsdsLink.objects.filter(record__in=updated).delete()
    HsdsLink.objects.bulk_create(links_for([*created, *updated]), batch_size=2000)
    touched = plan.touched_services()
    if touched:
        graph = indexing.related_graph(touched) if len(touched) < 200 else _whole_graph()
        indexing.rebuild(graph, touched)


def _whole_graph() -> Graph:
    return load_all()


def taxonomy_install_default(*, actor: Actor | None) -> int:
    """Add the Open Eligibility and readiness taxonomies (idempotent); returns rows created.

    Callers: migrations of a new deployment, the demo seed, data stewards. Audited as
    ``directory.taxonomy_installed`` when anything was added.
    """
    records = taxonomy.default_records()
    with transaction.atomic():
        existing = {
            (table, str(hsds_id))
            for table, hsds_id in HsdsRecord.objects.filter(
                table__in=["taxonomy", "taxonomy_term"]
            ).values_list("table", "hsds_id")
        }
        new = [(table, data) for table, data in records if (table, data["id"]) not in existing]
        created = HsdsRecord.objects.bulk_create(
            [
                HsdsRecord(table=table, hsds_id=uuid.UUID(data["id"]), data=data)
                for table, data in new
            ]
        )
        HsdsLink.objects.bulk_create(links_for(created), batch_size=2000)
        if new:
            recorder.record(
                actor,
                events.TAXONOMY_INSTALLED,
                action="create",
                object_type="directory.taxonomy",
                payload={"created": len(new)},
            )
    return len(new)
