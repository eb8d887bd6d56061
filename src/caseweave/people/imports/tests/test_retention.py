"""The retention purge: uploaded lists never applied expire with their rows; applied runs lose
only their rejected rows; every expiry is audited without personal data."""

from __future__ import annotations

import io
import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from caseweave.access.types import Actor
from caseweave.audit.models import AuditEvent
from caseweave.people.imports import actions, retention, services, tasks
from caseweave.people.imports.choices import ApplyMode, RowResult, RunStatus
from caseweave.people.imports.errors import ImportRefused
from caseweave.people.imports.models import ImportRow, ImportRun
from caseweave.people.imports.tests.helpers import HEADER, checked, write

pytestmark = pytest.mark.django_db

ROWS = "1,Ana,Horvat,1990-01-02,,\n2,Ivana,Novak,1991-02-30,,\n"
SYSTEM = Actor.system("test purge")


@pytest.fixture(autouse=True)
def _commit_callbacks(django_capture_on_commit_callbacks, monkeypatch) -> None:
    """Run the purge's after-commit file deletions as a real commit would, before returning."""
    purge = retention.imports_purge

    def purge_and_commit(**kwargs: object) -> object:
        with django_capture_on_commit_callbacks(execute=True):
            return purge(**kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(retention, "imports_purge", purge_and_commit)


def _later(hours: int = 73) -> datetime:
    return timezone.now() + timedelta(hours=hours)


def test_a_dry_run_never_applied_expires_with_its_file_and_rows(personas, tmp_path: Path) -> None:
    run = checked(personas["caseworker"].actor, write(tmp_path, HEADER + ROWS))
    file_path = Path(run.file_path)
    assert file_path.exists() and run.rows.count() == 2
    purged, orphans = retention.imports_purge(actor=SYSTEM, now=_later())
    assert [(p.run_id, p.applied, p.rows_deleted, p.file_deleted) for p in purged] == [
        (run.pk, False, 2, True)
    ]
    assert orphans == 0
    run.refresh_from_db()
    assert (run.status, run.file_path, run.problems) == (RunStatus.EXPIRED, "", [])
    assert run.expired_at is not None and not run.may_apply
    assert not file_path.exists()
    assert not ImportRow.objects.filter(run=run).exists()
    event = AuditEvent.objects.get(event_type="people_import.expired")
    assert (event.object_type, event.object_id, event.action) == (
        "people_import_run", str(run.pk), "delete",
    )  # fmt: skip
    assert {k: v for k, v in event.payload.items() if k != "system_reason"} == {
        "source_id": run.source_id, "applied": False, "rows_deleted": 2,
        "file_deleted": True, "retention_hours": 72,
    }  # fmt: skip
    assert "Ana" not in str(event.payload) and event.person_id is None


def test_runs_within_the_retention_are_kept(personas, tmp_path: Path) -> None:
    run = checked(personas["caseworker"].actor, write(tmp_path, HEADER + ROWS))
    assert retention.imports_purge(actor=SYSTEM, now=_later(71)) == ([], 0)
    run.refresh_from_db()
    assert run.status == RunStatus.CHECKED and Path(run.file_path).exists()
    assert not AuditEvent.objects.filter(event_type="people_import.expired").exists()


def test_the_retention_counts_from_the_last_check(personas, tmp_path: Path) -> None:
    with time_machine.travel(timezone.now() - timedelta(hours=100), tick=False):
        run = checked(personas["caseworker"].actor, write(tmp_path, HEADER + ROWS))
    actions.mapping_set(actor=None, run=run, mapping=run.mapping, check=False)
    services.run_check(run, actor=personas["caseworker"].actor)
    assert retention.imports_purge(actor=SYSTEM) == ([], 0)


def test_an_applied_run_loses_only_its_rejected_rows(personas, tmp_path: Path) -> None:
    run = checked(personas["caseworker"].actor, write(tmp_path, HEADER + ROWS))
    run = services.run_apply(run, mode=ApplyMode.SKIP_INVALID)
    assert run.status == RunStatus.DONE
    purged, _ = retention.imports_purge(actor=SYSTEM, now=_later())
    assert [(p.applied, p.rows_deleted, p.file_deleted) for p in purged] == [(True, 1, False)]
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and run.expired_at is not None
    assert [row.result for row in run.rows.all()] == [RowResult.CREATED]
    assert run.counts["result_rejected"] == 1
    # Done once: a second purge finds nothing more.
    assert retention.imports_purge(actor=SYSTEM, now=_later(200)) == ([], 0)
    assert AuditEvent.objects.filter(event_type="people_import.expired").count() == 1


def test_an_applied_run_without_rejected_rows_is_left_alone(personas, tmp_path: Path) -> None:
    run = checked(personas["caseworker"].actor, write(tmp_path, HEADER + ROWS.split("\n")[0]))
    services.run_apply(run, mode=ApplyMode.ALL_OR_NOTHING)
    assert retention.imports_purge(actor=SYSTEM, now=_later()) == ([], 0)


def test_busy_runs_that_report_progress_are_never_purged(personas, tmp_path: Path) -> None:
    run = checked(personas["caseworker"].actor, write(tmp_path, HEADER + ROWS))
    actions.apply_start(actor=personas["caseworker"].actor, run=run, mode="skip_invalid")
    # what a progress report an hour ago leaves (its own test below: on PostgreSQL it writes
    # through another connection, which cannot see this test's uncommitted run)
    ImportRun.objects.filter(pk=run.pk).update(active_at=_later(72))
    assert retention.imports_purge(actor=SYSTEM, now=_later()) == ([], 0)
    run.refresh_from_db()
    assert run.status == RunStatus.APPLYING and Path(run.file_path).exists()


def test_a_run_a_stopped_worker_left_applying_expires_once_silent(personas, tmp_path: Path) -> None:
    run = checked(personas["caseworker"].actor, write(tmp_path, HEADER + ROWS))
    actions.apply_start(actor=personas["caseworker"].actor, run=run, mode="skip_invalid")
    file_path = Path(run.file_path)
    assert retention.imports_purge(actor=SYSTEM, now=_later(71)) == ([], 0)
    purged, _ = retention.imports_purge(actor=SYSTEM, now=_later(73))
    assert [(p.run_id, p.applied, p.rows_deleted, p.file_deleted) for p in purged] == [
        (run.pk, False, 2, True)
    ]
    run.refresh_from_db()
    assert (run.status, run.file_path) == (RunStatus.EXPIRED, "")
    assert not file_path.exists() and not ImportRow.objects.filter(run=run).exists()


def test_a_short_retention_never_expires_a_run_silent_for_less_than_two_days(
    personas, tmp_path: Path, settings
) -> None:
    settings.CASEWEAVE_IMPORT_RETENTION_HOURS = 1
    run = checked(personas["caseworker"].actor, write(tmp_path, HEADER + ROWS))
    actions.apply_start(actor=personas["caseworker"].actor, run=run, mode="skip_invalid")
    assert retention.imports_purge(actor=SYSTEM, now=_later(47)) == ([], 0)
    assert [p.run_id for p in retention.imports_purge(actor=SYSTEM, now=_later(49))[0]] == [run.pk]


def test_an_expired_run_cannot_be_applied_or_mapped(personas, tmp_path: Path) -> None:
    actor = personas["caseworker"].actor
    run = checked(actor, write(tmp_path, HEADER + ROWS))
    retention.imports_purge(actor=SYSTEM, now=_later())
    run.refresh_from_db()
    with pytest.raises(ImportRefused, match="only a checked import can be applied"):
        actions.apply_start(actor=actor, run=run, mode="skip_invalid")
    with pytest.raises(ImportRefused, match="can no longer be changed"):
        actions.mapping_set(actor=actor, run=run, mapping=run.mapping)


def test_a_dry_run_of_the_purge_changes_nothing(personas, tmp_path: Path) -> None:
    run = checked(personas["caseworker"].actor, write(tmp_path, HEADER + ROWS))
    purged, _ = retention.imports_purge(actor=SYSTEM, dry_run=True, now=_later())
    assert [(p.run_id, p.rows_deleted) for p in purged] == [(run.pk, 2)]
    run.refresh_from_db()
    assert run.status == RunStatus.CHECKED and run.rows.count() == 2
    assert not AuditEvent.objects.filter(event_type="people_import.expired").exists()


def test_orphan_uploads_older_than_the_retention_are_deleted(personas, tmp_path: Path) -> None:
    run = checked(personas["caseworker"].actor, write(tmp_path, HEADER + ROWS))
    orphan = actions.upload_folder() / "left-behind.csv"
    orphan.write_text("record_id\n1\n")
    old = (timezone.now() - timedelta(hours=80)).timestamp()
    os.utime(orphan, (old, old))
    purged, orphans = retention.imports_purge(actor=SYSTEM)
    assert (purged, orphans) == ([], 1)
    assert not orphan.exists() and Path(run.file_path).exists()


def test_the_command_and_the_daily_task(personas, tmp_path: Path) -> None:
    run = checked(personas["caseworker"].actor, write(tmp_path, HEADER + ROWS))
    out = io.StringIO()
    with time_machine.travel(_later(), tick=False):
        call_command("people", "purge-imports", "--dry-run", stdout=out)
        assert f"Would expire run {run.pk} (never applied): 2 row(s), its file" in out.getvalue()
        assert ImportRun.objects.get(pk=run.pk).status == RunStatus.CHECKED
        assert tasks.purge_expired_imports.call() == 1
    assert ImportRun.objects.get(pk=run.pk).status == RunStatus.EXPIRED
    out = io.StringIO()
    call_command("people", "purge-imports", stdout=out)
    assert "Nothing is older than the retention (72 hours)." in out.getvalue()


def test_the_retention_setting_is_read_when_the_purge_runs(
    personas, tmp_path: Path, settings
) -> None:
    settings.CASEWEAVE_IMPORT_RETENTION_HOURS = 1
    run = checked(personas["caseworker"].actor, write(tmp_path, HEADER + ROWS))
    purged, _ = retention.imports_purge(actor=SYSTEM, now=_later(2))
    assert [p.run_id for p in purged] == [run.pk]


@pytest.mark.django_db(transaction=True)
def test_a_progress_report_is_a_sign_of_life(personas, tmp_path: Path) -> None:
    run = checked(personas["caseworker"].actor, write(tmp_path, HEADER + ROWS))
    with time_machine.travel(_later(10)):
        tasks.progress_recorder(run.pk)(1, 2)
    run.refresh_from_db()
    assert (run.processed, run.total) == (1, 2)
    assert run.active_at >= _later(9)
