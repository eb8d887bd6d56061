"""Background work of imports: the dry-run check and the apply, recording their progress, and
the daily purge of uploaded lists past their retention."""

from __future__ import annotations

import threading

from django.db import connection
from django.utils import timezone
from django_tasks import task

from caseweave.access.types import Actor
from caseweave.people.imports import retention, services
from caseweave.people.imports.checking import Progress
from caseweave.people.imports.choices import RunStatus
from caseweave.people.imports.models import ImportRun


def progress_recorder(run_id: int) -> Progress:
    """Write progress where the page can see it. The apply reports while it matches, before
    its write transaction opens, so on SQLite each update commits at once; on PostgreSQL each
    goes through its own connection (a short-lived thread) in case a caller holds a
    transaction open around the run."""

    def write(done: int, total: int) -> None:
        ImportRun.objects.filter(pk=run_id).update(
            processed=done, total=total, active_at=timezone.now()
        )

    def write_elsewhere(done: int, total: int) -> None:
        def in_own_connection() -> None:
            try:
                write(done, total)
            finally:
                connection.close()

        thread = threading.Thread(target=in_own_connection)
        thread.start()
        thread.join()

    if connection.vendor == "postgresql":
        return write_elsewhere
    return write


def _fail(run_id: int, error: Exception) -> None:
    ImportRun.objects.filter(pk=run_id).update(
        status=RunStatus.FAILED, error=f"nothing was stored: {type(error).__name__}: {error}"
    )


@task()
def import_check(run_id: int) -> str:
    """Check every row of the run and match it against the registry (the preview)."""
    run = ImportRun.objects.select_related("source", "started_by").get(pk=run_id)
    try:
        run = services.run_check(
            run, actor=services.search_actor(run), progress=progress_recorder(run_id)
        )
    except Exception as error:
        _fail(run_id, error)
        raise
    return run.status


@task()
def import_apply(run_id: int, mode: str) -> str:
    """Store the checked run in ``mode``; all or nothing reaches the registry."""
    run = ImportRun.objects.select_related("source", "started_by").get(pk=run_id)
    try:
        run = services.run_apply(run, mode=mode, progress=progress_recorder(run_id))
    except Exception as error:
        _fail(run_id, error)
        raise
    return run.status


@task()
def purge_expired_imports() -> int:
    """Daily: expire the runs past ``CASEWEAVE_IMPORT_RETENTION_HOURS``; returns how many."""
    purged, _orphans = retention.imports_purge(actor=Actor.system("daily import retention purge"))
    return len(purged)
