"""Writes of client-list imports: sources and their mappings, starting a check or an apply.

Callers hold ``people.import_people`` (views and the API check it); a run belongs to the
organisation of its source, and only that organisation's importers may act on it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from caseweave.access.types import Actor
from caseweave.audit import recorder
from caseweave.people.imports import events
from caseweave.people.imports.choices import ApplyMode, RunStatus
from caseweave.people.imports.errors import ImportRefused
from caseweave.people.imports.fields import IMPORT_FIELDS, guess_mapping, resolve_columns
from caseweave.people.imports.models import ImportRun, ImportSource
from caseweave.people.imports.readers import ImportFileError, read_table
from caseweave.people.matching.files import FileProblem

__all__ = ["apply_start", "mapping_set", "run_create", "source_get_or_create"]

ACCEPTED_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm")


def upload_folder() -> Path:
    folder = Path(settings.MEDIA_ROOT) / "people-imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def source_get_or_create(*, organisation_id: int, name: str) -> ImportSource:
    name = " ".join(name.split())
    if not name:
        raise ImportRefused([FileProblem(None, "source", "give the source a name")])
    if len(name) > 120:
        raise ImportRefused([FileProblem(None, "source", "at most 120 characters")])
    source, _ = ImportSource.objects.get_or_create(organisation_id=organisation_id, name=name)
    return source


def run_create(
    *,
    actor: Actor | None,
    source: ImportSource,
    file_name: str,
    chunks: Iterable[bytes],
    encoding: str = "",
) -> ImportRun:
    """Store an uploaded file and read its header; the mapping is guessed from the source's
    saved mapping and the headings. A file that cannot be read makes a refused run that
    names every problem (so the page can show them); nothing else is stored for it.
    Audits ``people_import.uploaded`` (ids and counts only)."""
    suffix = Path(file_name).suffix.lower()
    if suffix not in ACCEPTED_SUFFIXES:
        raise ImportRefused([FileProblem(None, "file", "use a .csv or .xlsx file")])
    path = upload_folder() / f"{uuid.uuid4().hex}{suffix}"
    with path.open("wb") as handle:
        for chunk in chunks:
            handle.write(chunk)
    run = ImportRun(
        source=source,
        started_by_id=actor.membership_id if actor else None,
        file_name=Path(file_name).name[:255],
        file_path=str(path),
        encoding=encoding,
    )
    try:
        table = read_table(path, encoding=encoding)
    except ImportFileError as error:
        path.unlink(missing_ok=True)
        run.file_path, run.status = "", RunStatus.REFUSED
        run.problems = [
            {"row": p.row, "column": p.column or "", "message": p.message} for p in error.problems
        ]
    else:
        run.header, run.encoding = table.header, table.encoding
        run.mapping = guess_mapping(table.header, source.mapping)
        run.total = len(table.rows)
    run.save()
    recorder.record(
        actor, events.UPLOADED, action="create", object_type="people_import_run",
        object_id=run.pk, payload={"source_id": source.pk, "rows": run.total,
                                   "status": run.status},
    )  # fmt: skip
    return run


def _enqueue(task_name: str, run_id: int, *args: str) -> None:
    from caseweave.people.imports import tasks

    task = getattr(tasks, task_name)
    transaction.on_commit(lambda: task.enqueue(run_id, *args))


@transaction.atomic
def mapping_set(
    *, actor: Actor | None, run: ImportRun, mapping: Mapping[str, str], check: bool = True
) -> ImportRun:
    """Save the mapping on the run and as the source's mapping, then queue the dry-run check.

    Raises ``ImportRefused`` naming every problem of the mapping (nothing is saved then).
    """
    if run.status not in {RunStatus.MAPPING, RunStatus.CHECKED, RunStatus.REFUSED} or not (
        run.file_path
    ):
        raise ImportRefused([FileProblem(None, None, "this import can no longer be changed")])
    cleaned = {field: column for field, column in mapping.items() if column}
    _, problems = resolve_columns(run.header, cleaned)
    if problems:
        raise ImportRefused(problems)
    run.mapping = cleaned
    run.status = RunStatus.CHECKING if check else RunStatus.MAPPING
    run.processed, run.problems, run.error, run.active_at = 0, [], "", timezone.now()
    run.save(update_fields=["mapping", "status", "processed", "problems", "error", "active_at"])
    source = ImportSource.objects.select_for_update().get(pk=run.source_id)
    source.mapping = {field: column for field, column in cleaned.items() if field in IMPORT_FIELDS}
    source.updated_at = timezone.now()
    source.save(update_fields=["mapping", "updated_at"])
    run.source = source
    if check:
        _enqueue("import_check", run.pk)
    return run


@transaction.atomic
def apply_start(*, actor: Actor | None, run: ImportRun, mode: str) -> ImportRun:
    """Queue the apply of a checked run in ``mode`` (all or nothing / skip invalid).

    Audits ``people_import.apply_requested``; the apply itself audits every person it
    registers or updates and one ``people.imported``. Raises ``ImportRefused`` unless the
    run is checked (so it is applied at most once)."""
    if mode not in ApplyMode.values:
        raise ImportRefused([FileProblem(None, "mode", f"unknown mode {mode!r}")])
    locked = ImportRun.objects.select_for_update().get(pk=run.pk)
    if not locked.may_apply:
        raise ImportRefused([FileProblem(None, None, "only a checked import can be applied, once")])
    locked.status, locked.mode, locked.processed, locked.error = RunStatus.APPLYING, mode, 0, ""
    locked.active_at = timezone.now()
    locked.save(update_fields=["status", "mode", "processed", "error", "active_at"])
    recorder.record(
        actor, events.APPLY_REQUESTED, action="update", object_type="people_import_run",
        object_id=locked.pk, payload={"mode": mode},
    )  # fmt: skip
    _enqueue("import_apply", locked.pk, mode)
    return locked
