"""Background work of the directory: long HSDS imports, and the daily stale-listing reminders."""

from __future__ import annotations

from django_tasks import task

from caseweave.access.actors import actor_for_membership
from caseweave.access.types import Actor
from caseweave.directory import actions
from caseweave.directory.models import ImportRun


@task()
def import_run(run_id: int) -> str:
    """Run one queued import, recording progress on its ImportRun as it goes."""
    run = ImportRun.objects.select_related("started_by").get(pk=run_id)
    actor = actor_for_membership(run.started_by) if run.started_by else None

    def progress(done: int, total: int) -> None:
        ImportRun.objects.filter(pk=run_id).update(processed=done, total=total)

    try:
        report = actions.directory_import(
            actor=actor, source=run.source, dry_run=run.dry_run, progress=progress
        )
    except Exception as error:
        # Recorded on the run so the page can say it failed; the import's own
        # transaction has rolled back, so nothing was half-applied.
        ImportRun.objects.filter(pk=run_id).update(
            status=ImportRun.Status.FAILED, report={"error": str(error)}
        )
        raise
    ImportRun.objects.filter(pk=run_id).update(status=ImportRun.Status.DONE, report=report)
    return ImportRun.Status.DONE.value


@task()
def remind_stale_listings() -> int:
    """Daily: email each organisation about its listings gone stale; returns emails sent."""
    report = actions.stale_listings_remind(actor=Actor.system("daily stale-listing reminders"))
    return sum(1 for entry in report if entry["sent"])
