"""The background tasks: a check then an apply, progress recorded where the page reads it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from caseweave.people.actions.registration import person_register
from caseweave.people.imports import actions, tasks
from caseweave.people.imports.choices import RunStatus
from caseweave.people.imports.models import ImportRun
from caseweave.people.imports.tests.helpers import HEADER, upload, write
from caseweave.people.models import Person

# Committed transactions, so progress written through another connection (PostgreSQL) is
# really written and read back.
pytestmark = pytest.mark.django_db(transaction=True)


def test_check_then_apply_record_progress(personas, tmp_path: Path, settings) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    actor = personas["caseworker"].actor
    rows = "".join(f"{n},Person{n},Tester,1990-01-{n % 28 + 1:02d},,\n" for n in range(1, 61))
    run = upload(actor, write(tmp_path, HEADER + rows))
    actions.mapping_set(actor=actor, run=run, mapping=run.mapping, check=False)
    assert tasks.import_check.call(run.pk) == RunStatus.CHECKED
    run = ImportRun.objects.get(pk=run.pk)
    assert (run.processed, run.total, run.counts["new"]) == (60, 60, 60), run.counts
    actions.apply_start(actor=actor, run=run, mode="all_or_nothing")
    assert tasks.import_apply.call(run.pk, "all_or_nothing") == RunStatus.DONE
    run = ImportRun.objects.get(pk=run.pk)
    stored = run.counts["result_created"] + run.counts["result_queued"]
    assert (run.processed, run.total, stored) == (60, 60, 60), run.counts
    assert Person.objects.for_system("test").count() == 60


def test_a_crash_marks_the_run_failed_and_stores_nothing(
    personas, tmp_path: Path, settings, monkeypatch
) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    actor = personas["caseworker"].actor
    run = upload(actor, write(tmp_path, HEADER + "1,Ana,Horvat,1990-01-02,,\n2,Bo,Li,,,\n"))
    actions.mapping_set(actor=actor, run=run, mapping=run.mapping, check=False)
    tasks.import_check.call(run.pk)
    calls: list[int] = []

    def register_then_crash(**kwargs: Any) -> Person:
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return person_register(**kwargs)

    monkeypatch.setattr("caseweave.people.imports.applying.person_register", register_then_crash)
    with pytest.raises(RuntimeError):
        tasks.import_apply.call(run.pk, "skip_invalid")
    run = ImportRun.objects.get(pk=run.pk)
    assert run.status == RunStatus.FAILED
    assert "nothing was stored: RuntimeError: disk full" in run.error
    assert Person.objects.for_system("test").count() == 0
