"""Running an import: the dry-run check (preview) and the apply, with progress.

Both re-read the uploaded file, so what is stored is exactly what the file says. The apply
validates every row first and, if it may proceed, matches every row against the registry
(reads and their audit only; each row also against the earlier rows of the run that register
someone) before it opens its write transaction. Then it writes all rows in one short
transaction (each row in a savepoint when invalid rows are skipped) that re-checks only what
may have changed since the matching: an identifier registered in between (a re-import
running at the same time), a matched person merged meanwhile. It either completes or stores
nothing. On SQLite, whose one writer at a time waits for it, this keeps the write lock for the
writes alone.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from caseweave.access.actors import actor_for_membership
from caseweave.access.types import Actor, Category
from caseweave.audit import recorder
from caseweave.people import events
from caseweave.people.errors import InvalidPerson, Problem
from caseweave.people.imports.applying import apply_row
from caseweave.people.imports.checking import (
    Progress,
    RunFileError,
    every,
    problem_dicts,
    validated_rows,
)
from caseweave.people.imports.choices import ApplyMode, RowOutcome, RowResult, RunStatus
from caseweave.people.imports.matching import RowMatch, identifier_match, match_row, survivor
from caseweave.people.imports.models import ImportRow, ImportRun
from caseweave.people.imports.rows import RowCheck
from caseweave.people.imports.within_run import RunPeople
from caseweave.people.inputs import PersonInput

__all__ = ["import_actor", "run_apply", "run_check", "search_actor"]

BATCH = 200


def import_actor(run: ImportRun) -> Actor:
    """The system actor that stores a run: it acts for the source's organisation (which joins
    the care team of the people it registers) and every audit event names the run."""
    started_by = f"membership {run.started_by_id}" if run.started_by_id else "the command line"
    return Actor(
        user_id=None,
        membership_id=None,
        organisation_id=run.source.organisation_id,
        role="system",
        system_reason=(
            f"people import run {run.pk} from source {run.source_id}, started by {started_by}"
        ),
    )


def search_actor(run: ImportRun) -> Actor:
    """Who the registry search runs as: the staff member who started the run (their
    search is audited under their name; what they may not see is shown to them as limited
    records), or the import's system actor for a run started from the command line."""
    if run.started_by is not None:
        return actor_for_membership(run.started_by)
    return import_actor(run)


def _counts(rows: list[ImportRow]) -> dict[str, int]:
    counts = {outcome: 0 for outcome in RowOutcome.values}
    for row in rows:
        counts[row.outcome] += 1
    results = {result: 0 for result in RowResult.values if result}
    for row in rows:
        if row.result:
            results[row.result] += 1
    return {**counts, **{f"result_{name}": count for name, count in results.items()}}


def _refuse(run: ImportRun, error: RunFileError, status: str = RunStatus.REFUSED) -> ImportRun:
    run.status = status
    run.problems = problem_dicts(error.problems)
    run.save(update_fields=["status", "problems"])
    return run


def _row(run: ImportRun, check: RowCheck, outcome: str) -> ImportRow:
    return ImportRow(
        run=run,
        row_number=check.number,
        record_id=check.record_id[:64],
        values=check.values,
        outcome=outcome,
        problems=check.problems,
    )


def run_check(run: ImportRun, *, actor: Actor, progress: Progress | None = None) -> ImportRun:
    """Dry run: every row's outcome as ``actor`` would see it; nothing enters the registry."""
    try:
        total, checks = validated_rows(run)
    except RunFileError as error:
        return _refuse(run, error)
    report = every(25, progress)
    rows: list[ImportRow] = []
    ImportRow.objects.filter(run=run).delete()
    for done, check in enumerate(checks, 1):
        if check.data is None:
            row = _row(run, check, RowOutcome.INVALID)
        else:
            match = match_row(actor, check.data)
            row = _row(run, check, match.outcome)
            row.person_id, row.match_score = match.person_id, match.score
            row.match_reasons = match.reasons
        rows.append(row)
        if len(rows) % BATCH == 0:
            ImportRow.objects.bulk_create(rows[-BATCH:])
        report(done, total)
    ImportRow.objects.bulk_create(rows[len(rows) - len(rows) % BATCH :])
    run.status, run.counts, run.problems = RunStatus.CHECKED, _counts(rows), []
    run.total = run.processed = total
    run.checked_at = timezone.now()
    run.save(update_fields=["status", "counts", "problems", "total", "processed", "checked_at"])
    return run


def run_apply(run: ImportRun, *, mode: str, progress: Progress | None = None) -> ImportRun:
    """Store the run's rows in ``mode``; see the module docstring. Audits each registration
    and update (by the registry's actions) and one ``people.imported`` event for the run."""
    run.mode = mode
    try:
        total, checks = validated_rows(run)
    except RunFileError as error:
        return _refuse(run, error)
    checked = list(checks)
    invalid = [check for check in checked if check.data is None]
    if invalid and mode == ApplyMode.ALL_OR_NOTHING:
        # The preview's rows stay as they are (the same file gives the same problems), so
        # staff can fix the file or apply again skipping the invalid rows.
        run.status = RunStatus.REFUSED
        run.error = f"{len(invalid)} invalid row(s): nothing was stored (all or nothing)"
        run.save(update_fields=["status", "error", "mode"])
        return run
    matches = _match_all(run, checked, progress=every(25, progress))
    try:
        rows = _store(run, checked, matches, mode=mode)
    except InvalidPerson as error:
        run.status, run.error = RunStatus.FAILED, f"nothing was stored: {error}"
        run.save(update_fields=["status", "error", "mode"])
        return run
    _forget_file(run)
    run.status, run.counts = RunStatus.DONE, _counts(rows)
    run.total = run.processed = total
    run.applied_at = timezone.now()
    run.save(update_fields=["status", "counts", "total", "processed", "applied_at", "mode",
                            "file_path", "error"])  # fmt: skip
    return run


def _replace_rows(run: ImportRun, rows: list[ImportRow]) -> None:
    ImportRow.objects.filter(run=run).delete()
    ImportRow.objects.bulk_create(rows, batch_size=BATCH)


def _match_all(
    run: ImportRun, checked: list[RowCheck], *, progress: Progress
) -> list[tuple[RowMatch, RowMatch | None]]:
    """Each valid row's match against the registry (its search audited as the searcher) and,
    when stronger, against an earlier row of the run that registers someone. Reads only:
    no write transaction is open, so other writers go on meanwhile."""
    searcher = search_actor(run)
    planned = RunPeople()
    matches: list[tuple[RowMatch, RowMatch | None]] = []
    for done, check in enumerate(checked, 1):
        registry = RowMatch(RowOutcome.INVALID)
        earlier: RowMatch | None = None
        if check.data is not None:
            registry = match_row(searcher, check.data)
            found = None if registry.by_identifier else planned.best(check.data)
            if found is not None and (found.score or 0.0) > (registry.score or 0.0):
                earlier = found
            # A row that registers someone (new, or possible and queued) is findable by the
            # later rows, as it was when every row searched inside the write transaction.
            if (earlier or registry).outcome in {RowOutcome.NEW, RowOutcome.POSSIBLE}:
                planned.add(check.number, check.data)
        matches.append((registry, earlier))
        progress(done, len(checked))
    return matches


def _current(
    data: PersonInput, registry: RowMatch, earlier: RowMatch | None, stored: dict[int, UUID]
) -> RowMatch:
    """The row's match as it stands now, inside the write transaction: an identifier
    registered since the matching (by another import, or by an earlier row) wins; a person
    matched by an earlier row is the one that row stored; a matched person merged meanwhile
    is followed to the record kept."""
    found = identifier_match(data)
    if found is not None:
        return found
    if earlier is not None and earlier.earlier_row in stored:
        return replace(earlier, person_id=stored[earlier.earlier_row])
    if registry.person_id is not None:
        return replace(registry, person_id=survivor(registry.person_id))
    return registry


@transaction.atomic
def _store(
    run: ImportRun, checked: list[RowCheck], matches: list[tuple[RowMatch, RowMatch | None]],
    *, mode: str,
) -> list[ImportRow]:  # fmt: skip
    actor = import_actor(run)
    rows: list[ImportRow] = []
    stored: dict[int, UUID] = {}  # row number -> the person it registered or matched
    for check, (registry, earlier) in zip(checked, matches, strict=True):
        if check.data is None:
            row = _row(run, check, RowOutcome.INVALID)
            row.result = RowResult.REJECTED
        else:
            row = _store_row(run, actor, check, _current(check.data, registry, earlier, stored),
                             mode)  # fmt: skip
            if row.person_id is not None:
                stored[check.number] = row.person_id
        rows.append(row)
    _replace_rows(run, rows)
    counts = _counts(rows)
    recorder.record(
        actor,
        events.PEOPLE_IMPORTED,
        action="create",
        person_ids=[row.person_id for row in rows if row.person_id and row.result != "rejected"],
        categories=[Category.IDENTITY],
        object_type="people_import_run",
        object_id=run.pk,
        payload={"mode": mode, "source_id": run.source_id, "counts": counts},
    )
    return rows


def _store_row(
    run: ImportRun, actor: Actor, check: RowCheck, match: RowMatch, mode: str
) -> ImportRow:
    assert check.data is not None
    try:
        with transaction.atomic():
            result, person_id, notes = apply_row(actor, check.data, match, run_id=run.pk)
    except InvalidPerson as error:
        if mode == ApplyMode.ALL_OR_NOTHING:
            where = f"row {check.number}"
            raise InvalidPerson(
                [
                    Problem(f"{where}, {problem.field}", problem.message)
                    for problem in error.problems
                ]
            ) from error
        check.problems.extend({"column": problem.field, "message": problem.message}
                              for problem in error.problems)  # fmt: skip
        row = _row(run, check, RowOutcome.INVALID)
        row.result = RowResult.REJECTED
        return row
    row = _row(run, check, match.outcome)
    row.person_id, row.match_score = person_id, match.score
    row.match_reasons = [*match.reasons, *notes]
    row.result = result
    row.values = {}  # now held by the registry
    return row


def _forget_file(run: ImportRun) -> None:
    """The uploaded list is personal data; once stored in the registry it is not kept."""
    if run.file_path:
        Path(run.file_path).unlink(missing_ok=True)
        run.file_path = ""
    run.error = ""
