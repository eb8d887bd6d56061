"""Retention of uploaded client lists: what an import keeps of the file, and for how long.

An uploaded list is personal data that has not entered the registry. A run never applied
(mapping, checked, refused or failed) keeps its file and its rows (each row's values, case
number and problems) only for ``CASEWEAVE_IMPORT_RETENTION_HOURS`` after its last check;
then the file and the rows are deleted and the run is marked expired, keeping only its
counts, column headings and mapping. An applied run already dropped the file and the stored
rows' values (the registry holds them); it keeps each row's result and person id (what the
``people.imported`` audit event and the result page name) and, for the rejected-rows
download, the rejected rows' values, which are deleted after the same period. Runs
checking or applying are left alone while they show signs of life (``active_at``: each
start and progress report); one silent for ``STUCK_AFTER_HOURS`` (or the retention, if
longer) was left by a worker that stopped, stored nothing (an apply writes in one
transaction), and expires like a run never applied.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from caseweave.access.types import Actor
from caseweave.audit import recorder
from caseweave.people.imports import events
from caseweave.people.imports.choices import RowResult, RunStatus
from caseweave.people.imports.models import ImportRow, ImportRun

__all__ = ["PurgedRun", "imports_purge", "retention_hours", "runs_due"]

UNAPPLIED = (RunStatus.MAPPING, RunStatus.CHECKED, RunStatus.REFUSED, RunStatus.FAILED)
BUSY = (RunStatus.CHECKING, RunStatus.APPLYING)
STUCK_AFTER_HOURS = 48  # progress is reported every few rows; two days of silence is a crash


@dataclass(frozen=True)
class PurgedRun:
    """One run the purge expired (or, in a dry run, would expire)."""

    run_id: int
    source_id: int
    applied: bool
    rows_deleted: int
    file_deleted: bool


def retention_hours() -> int:
    return int(settings.CASEWEAVE_IMPORT_RETENTION_HOURS)


def runs_due(*, now: datetime) -> QuerySet[ImportRun]:
    """Runs whose retention has passed and that still hold something of their file."""
    cutoff = now - timedelta(hours=retention_hours())
    unapplied = Q(status__in=UNAPPLIED, created_at__lt=cutoff) & (
        Q(checked_at__isnull=True) | Q(checked_at__lt=cutoff)
    )
    silent_since = now - timedelta(hours=max(retention_hours(), STUCK_AFTER_HOURS))
    stuck = Q(status__in=BUSY, active_at__lt=silent_since)
    rejected = ImportRow.objects.filter(run=OuterRef("pk"), result=RowResult.REJECTED)
    applied = Q(status=RunStatus.DONE, applied_at__lt=cutoff) & Q(Exists(rejected))
    return ImportRun.objects.filter(expired_at__isnull=True).filter(unapplied | stuck | applied)


def _rows_to_delete(run: ImportRun) -> QuerySet[ImportRow]:
    if run.status == RunStatus.DONE:
        return run.rows.filter(result=RowResult.REJECTED)
    return run.rows.all()


def _expire(actor: Actor, run_id: int, now: datetime) -> tuple[PurgedRun, str] | None:
    """Expire one run; returns it and the file path it named (deleted after commit)."""
    with transaction.atomic():
        # Locked and re-read: an apply requested meanwhile (apply_start locks the same row)
        # makes the run busy, and a busy run is no longer due.
        run = runs_due(now=now).select_for_update().filter(pk=run_id).first()
        if run is None:
            return None
        applied = run.status == RunStatus.DONE
        rows_deleted, _ = _rows_to_delete(run).delete()
        file_path = run.file_path
        run.expired_at = now
        update_fields = ["expired_at"]
        if not applied:
            run.status, run.file_path, run.problems, run.error = RunStatus.EXPIRED, "", [], ""
            update_fields += ["status", "file_path", "problems", "error"]
        run.save(update_fields=update_fields)
        recorder.record(
            actor, events.EXPIRED, action="delete", object_type="people_import_run",
            object_id=run.pk,
            payload={"source_id": run.source_id, "applied": applied, "rows_deleted": rows_deleted,
                     "file_deleted": bool(file_path), "retention_hours": retention_hours()},
        )  # fmt: skip
        if file_path:
            # Only once the run no longer names it: a rollback keeps both.
            transaction.on_commit(lambda: Path(file_path).unlink(missing_ok=True))
    return PurgedRun(run.pk, run.source_id, applied, rows_deleted, bool(file_path)), file_path


def _orphan_files(now: datetime, *, expiring: set[str]) -> list[Path]:
    """Uploaded files no run names (a process stopped between writing and recording one),
    older than the retention; ``expiring`` are left to the expiry's own deletion."""
    from caseweave.people.imports.actions import upload_folder

    named = set(ImportRun.objects.exclude(file_path="").values_list("file_path", flat=True))
    named |= expiring
    cutoff = (now - timedelta(hours=retention_hours())).timestamp()
    return [
        path
        for path in sorted(upload_folder().iterdir())
        if path.is_file() and str(path) not in named and path.stat().st_mtime < cutoff
    ]


def imports_purge(
    *, actor: Actor, dry_run: bool = False, now: datetime | None = None
) -> tuple[list[PurgedRun], int]:
    """Expire every run past the retention; returns (the runs, orphan files deleted).

    Callers: the daily task and ``caseweave people purge-imports``. Each run is expired in its
    own transaction and audited as ``people_import.expired`` (ids and counts only, no
    personal data). ``dry_run`` reports what would go and changes nothing.
    """
    now = now or timezone.now()
    due = list(runs_due(now=now).order_by("pk"))
    if dry_run:
        return [
            PurgedRun(run.pk, run.source_id, run.status == RunStatus.DONE,
                      _rows_to_delete(run).count(), bool(run.file_path))
            for run in due
        ], len(_orphan_files(now, expiring={run.file_path for run in due}))  # fmt: skip
    expired = [done for run in due if (done := _expire(actor, run.pk, now)) is not None]
    orphans = _orphan_files(now, expiring={path for _, path in expired})
    for path in orphans:
        path.unlink(missing_ok=True)
    return [purged for purged, _ in expired], len(orphans)
